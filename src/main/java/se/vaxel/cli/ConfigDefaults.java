package se.vaxel.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * The site's defaults for options, from a configuration file (docs/install.md): the one place
 * where a default other than the built-in one comes from, installed once on the root command
 * so that no command can forget it.
 *
 * <p>A key is an option's long name without the dashes ({@code ami-user}), for every command
 * that has the option, or {@code COMMAND.NAME} ({@code check.baseline}, {@code absence.set.reason})
 * for one command; the command's key wins. The command line wins over both. Where an option
 * also has an environment variable (the AMI options), a variable that is set wins over the
 * file too: it is the more specific of the two, set for one run or one unit.
 *
 * <p>Which file: {@code vaxel --config FILE}, else {@code $VAXEL_CONFIG}, else the
 * installation's ({@code -Dvaxel.config}, which the Debian package's launcher sets to
 * /etc/vaxel/vaxel.properties) when it exists. A file named by the first two must exist; an
 * empty {@code $VAXEL_CONFIG} means none. A java -jar run or a test reads no file unless told.
 *
 * <p>The file is read at the first default a subcommand asks for, after {@code --config} has
 * been parsed, and every problem in it is reported at once, as bad input (exit 2), with
 * FILE:LINE: a key that names no option is a typo that would otherwise silently leave the
 * built-in default in force.
 */
final class ConfigDefaults implements IDefaultValueProvider {
  static final String OPTION = "--config";
  static final String ENV = "VAXEL_CONFIG";
  static final String PROPERTY = "vaxel.config";

  /**
   * Options that also have an environment variable (read by {@link AmiOptions}); when one of
   * these is set, the file's value stays out of the way.
   */
  private static final Map<String, List<String>> ENVIRONMENT = Map.of(
      "ami", List.of("VAXEL_AMI"),
      "ami-user", List.of("VAXEL_AMI_USER"),
      "ami-secret-file", List.of("VAXEL_AMI_SECRET_FILE", "VAXEL_AMI_SECRET"));

  /** Keys that people try, and what to write instead. */
  private static final Map<String, String> INSTEAD = Map.of(
      "ami-secret", "the secret never goes into this file: put it alone in a file only the "
          + "vaxel user can read, and name that file with ami-secret-file",
      "config", "a configuration file cannot name another one");

  private final CommandLine root;
  private final Map<String, String> env;
  private final Optional<Path> installed;
  private Map<String, String> values;

  ConfigDefaults(CommandLine root, Map<String, String> env, Optional<Path> installed) {
    this.root = root;
    this.env = env;
    this.installed = installed;
  }

  /** Registers the provider on {@code root} and all its subcommands. */
  static void install(CommandLine root, CliContext context) {
    root.setDefaultValueProvider(new ConfigDefaults(root, context.env(),
        Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank())
            .map(Path::of)));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || arg.command() == root.getCommandSpec()) {
      return null; // the root's own options (--config itself) are never configured
    }
    String name = key(option);
    if (ENVIRONMENT.getOrDefault(name, List.of()).stream()
        .anyMatch(v -> env.get(v) != null && !env.get(v).isBlank())) {
      return null;
    }
    Map<String, String> config = values();
    String command = commandKey(option.command());
    String value = config.get(command + "." + name);
    return value != null ? value : config.get(name);
  }

  private Map<String, String> values() {
    if (values == null) {
      Optional<Path> file = file();
      values = file.isEmpty() ? Map.of() : read(file.get(), knownKeys());
    }
    return values;
  }

  /** Which file, or none; a file the user named must exist. */
  private Optional<Path> file() {
    OptionSpec option = root.getCommandSpec().findOption(OPTION);
    Path given = option == null ? null : option.getValue();
    if (given != null) {
      return Optional.of(given);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null) {
      return fromEnv.isBlank() ? Optional.empty() : Optional.of(Path.of(fromEnv));
    }
    // The package's file is used when it is there. When its directory is there but the file
    // cannot be seen (/etc/vaxel is root:vaxel 0750), say so: silently falling back to the
    // built-in AMI address and ./staff.yaml would run against the wrong PBX or file.
    if (installed.isPresent() && !Files.exists(installed.get())) {
      Path dir = installed.get().getParent();
      if (dir != null && Files.isDirectory(dir) && !Files.isReadable(dir)) {
        throw bad(installed.get() + ": cannot read the site configuration (" + dir
            + " is not readable for this user); join its group (adduser USER vaxel), or run"
            + " without it: --config FILE or VAXEL_CONFIG= (empty)");
      }
    }
    return installed.filter(Files::exists);
  }

  /**
   * Reads FILE as java.util.Properties does (ISO 8859-1 escapes, continuation lines), keeping
   * each key's line, and reports every problem at once.
   */
  Map<String, String> read(Path file, Map<String, String> known) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw bad(file + ": no such configuration file (named by " + origin()
          + "); create it (see docs/install.md) or name another");
    } catch (CharacterCodingException e) {
      throw bad(file + ": not UTF-8 text; save it as UTF-8");
    } catch (IOException e) {
      throw bad(file + ": cannot read the configuration file (" + e.getMessage()
          + "); check its permissions (the vaxel group must be able to read it)");
    }
    Map<String, String> result = new LinkedHashMap<>();
    Map<String, Integer> lineOf = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      int first = i;
      StringBuilder logical = new StringBuilder(lines.get(i));
      // A line ending in an odd number of backslashes continues on the next, as in Properties.
      while (endsInEscape(lines.get(i)) && i + 1 < lines.size() && !isComment(lines.get(first))) {
        logical.append('\n').append(lines.get(++i));
      }
      if (isComment(lines.get(first)) || lines.get(first).isBlank()) {
        continue;
      }
      Properties one = new Properties();
      try {
        one.load(new StringReader(logical.toString()));
      } catch (IOException | IllegalArgumentException e) {
        problems.add(file + ":" + (first + 1) + ": " + e.getMessage() + "; fix the escape");
        continue;
      }
      for (String key : one.stringPropertyNames()) {
        String value = one.getProperty(key).strip();
        String where = file + ":" + (first + 1) + ": ";
        if (lineOf.containsKey(key)) {
          problems.add(where + key + " is set again (first on line " + lineOf.get(key)
              + "); keep one of them");
        } else if (INSTEAD.containsKey(key)) {
          problems.add(where + "unknown key '" + key + "': " + INSTEAD.get(key));
        } else if (!known.containsKey(key)) {
          problems.add(where + "unknown key '" + key + "'" + suggestion(key, known)
              + "; a key is an option's long name without --, for every command (ami-user), "
              + "or COMMAND.NAME for one (check.baseline): see docs/install.md");
        } else if (value.isEmpty()) {
          problems.add(where + key + " has no value; give one, or remove the line to keep "
              + "the built-in default");
        }
        lineOf.put(key, first + 1);
        result.put(key, value);
      }
    }
    if (!problems.isEmpty()) {
      throw bad(String.join(System.lineSeparator(), problems));
    }
    return result;
  }

  private String origin() {
    OptionSpec option = root.getCommandSpec().findOption(OPTION);
    return option != null && option.getValue() != null ? OPTION : "$" + ENV;
  }

  private static boolean isComment(String line) {
    String s = line.stripLeading();
    return s.startsWith("#") || s.startsWith("!");
  }

  private static boolean endsInEscape(String line) {
    int n = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      n++;
    }
    return n % 2 == 1;
  }

  /** The known keys that share the longest start (of three or more letters) with the key. */
  private static String suggestion(String key, Map<String, String> known) {
    int best = 3;
    TreeSet<String> close = new TreeSet<>();
    for (String k : known.keySet()) {
      int n = 0;
      while (n < k.length() && n < key.length() && k.charAt(n) == key.charAt(n)) {
        n++;
      }
      if (n > best) {
        best = n;
        close.clear();
      }
      if (n == best) {
        close.add(k);
      }
    }
    return close.isEmpty() || close.size() > 5 ? ""
        : " (did you mean " + String.join(" or ", close) + "?)";
  }

  /** Every key the file may hold, each with the command that has it: from the commands. */
  Map<String, String> knownKeys() {
    Map<String, String> known = new java.util.TreeMap<>();
    collect(root, known);
    return known;
  }

  private void collect(CommandLine cl, Map<String, String> known) {
    CommandSpec spec = cl.getCommandSpec();
    if (spec != root.getCommandSpec()) {
      for (OptionSpec option : spec.options()) {
        if (option.usageHelp() || option.versionHelp()) {
          continue;
        }
        String name = key(option);
        known.put(name, name);
        known.put(commandKey(spec) + "." + name, name);
      }
    }
    cl.getSubcommands().values().forEach(sub -> collect(sub, known));
  }

  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }

  /** "check", "absence.set": the command's path below vaxel. */
  private String commandKey(CommandSpec spec) {
    String rootName = root.getCommandSpec().qualifiedName();
    return spec.qualifiedName(".").substring(rootName.length() + 1);
  }

  private ParameterException bad(String message) {
    return new ParameterException(root, message);
  }
}
