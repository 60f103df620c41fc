package se.vaxel.live;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import se.vaxel.ami.DialplanEntry;

/**
 * The dialplan staff.yaml generates, as the entries ShowDialPlan lists once Asterisk has loaded
 * it, so that {@link DialplanComparison} can hold the two side by side.
 *
 * <p>It is read from the extensions.conf text the template rendered, not from the model the
 * template was given: the text is what Asterisk loads, so whatever the template made of the
 * model is what the PBX must show. The parser knows the part of extensions.conf syntax our
 * template writes ({@code [context]}, {@code exten =>}, {@code same =>}, priorities as numbers,
 * {@code n} or {@code hint}, labels, {@code include =>}, {@code switch =>}, {@code ignorepat =>},
 * {@code ;} comments with {@code \;} for a literal semicolon) and splits application and data
 * as pbx_config does: the name up to the first "(", the data up to the last ")". Anything else
 * is a line our own template should not have written, and fails loudly rather than being
 * compared wrongly.
 *
 * @param fingerprint the fingerprint the text embeds, a quick hint in messages
 * @param contexts every context of the text, in the order the text defines them
 */
public record GeneratedDialplan(String fingerprint, Map<String, List<DialplanEntry>> contexts) {

  private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,8}");

  /** The registrar ShowDialPlan names for extensions.conf; not compared, only carried. */
  static final String REGISTRAR = "pbx_config";

  public GeneratedDialplan {
    Objects.requireNonNull(fingerprint, "fingerprint");
    Map<String, List<DialplanEntry>> copy = new LinkedHashMap<>();
    contexts.forEach((name, entries) -> copy.put(name, List.copyOf(entries)));
    contexts = Collections.unmodifiableMap(copy);
  }

  /** @throws IllegalArgumentException for a line outside the subset (a bug in our template) */
  public static GeneratedDialplan parse(String extensionsConf, String fingerprint) {
    Map<String, List<DialplanEntry>> contexts = new LinkedHashMap<>();
    Map<String, Set<String>> defined = new LinkedHashMap<>();
    List<DialplanEntry> current = null;
    String context = null;
    String extension = null;
    int last = 0;
    int number = 0;
    for (String raw : extensionsConf.split("\n", -1)) {
      number++;
      String line = uncomment(raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3) {
          throw unsupported(number, raw);
        }
        context = line.substring(1, line.length() - 1).strip();
        current = contexts.computeIfAbsent(context, k -> new ArrayList<>());
        defined.computeIfAbsent(context, k -> new HashSet<>());
        extension = null;
        continue;
      }
      int arrow = line.indexOf("=>");
      if (current == null || arrow < 0) {
        throw unsupported(number, raw);
      }
      String keyword = line.substring(0, arrow).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(arrow + 2).strip();
      switch (keyword) {
        // ShowDialPlan leaves ignore-patterns out, and they reach no extension.
        case "ignorepat" -> { }
        case "include" -> current.add(new DialplanEntry(context, "", DialplanEntry.INCLUDE, "",
            value, "", REGISTRAR));
        case "switch" -> current.add(new DialplanEntry(context, "", DialplanEntry.SWITCH, "",
            value, "", REGISTRAR));
        case "exten", "same" -> {
          String rest = value;
          if (keyword.equals("exten")) {
            int comma = rest.indexOf(',');
            if (comma < 0) {
              throw unsupported(number, raw);
            }
            extension = rest.substring(0, comma).strip();
            rest = rest.substring(comma + 1);
          } else if (extension == null) {
            throw unsupported(number, raw);
          }
          int comma = rest.indexOf(',');
          if (comma < 0) {
            throw unsupported(number, raw);
          }
          String priority = rest.substring(0, comma).strip();
          String application = rest.substring(comma + 1);
          String label = "";
          int open = priority.indexOf('(');
          if (open >= 0) {
            if (!priority.endsWith(")")) {
              throw unsupported(number, raw);
            }
            label = priority.substring(open + 1, priority.length() - 1).strip();
            priority = priority.substring(0, open).strip();
          }
          int p;
          if (priority.equals("hint")) {
            p = DialplanEntry.HINT;
          } else if (priority.equals("n") && last > 0) {
            p = last + 1;
          } else if (NUMBER.matcher(priority).matches()) {
            p = Integer.parseInt(priority);
          } else {
            throw unsupported(number, raw);
          }
          last = p;
          // Asterisk keeps the first definition of a priority and refuses the others.
          if (!defined.get(context).add(extension + "," + p)) {
            continue;
          }
          current.add(p == DialplanEntry.HINT
              ? new DialplanEntry(context, extension, p, label, application.strip(), "",
                  REGISTRAR)
              : entry(context, extension, p, label, application));
        }
        default -> throw unsupported(number, raw);
      }
    }
    return new GeneratedDialplan(fingerprint, contexts);
  }

  /** pbx_config's split: the name before the first "(", the data up to the last ")". */
  private static DialplanEntry entry(String context, String extension, int priority,
      String label, String application) {
    int open = application.indexOf('(');
    if (open < 0) {
      return new DialplanEntry(context, extension, priority, label, application.strip(), "",
          REGISTRAR);
    }
    int close = application.lastIndexOf(')');
    String data = close > open
        ? application.substring(open + 1, close) : application.substring(open + 1);
    return new DialplanEntry(context, extension, priority, label,
        application.substring(0, open).strip(), data, REGISTRAR);
  }

  /** The line without its comment; "\;" is a literal semicolon, as Asterisk reads it. */
  private static String uncomment(String line) {
    if (line.indexOf(';') < 0) {
      return line;
    }
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == ';') {
        out.append(';');
        i++;
      } else if (c == ';') {
        break;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static IllegalArgumentException unsupported(int number, String line) {
    return new IllegalArgumentException("extensions.conf line " + number
        + " is not in the syntax vaxel reads back to compare with the PBX: " + line.strip());
  }
}
