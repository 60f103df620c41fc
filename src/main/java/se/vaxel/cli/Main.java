package se.vaxel.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import se.vaxel.ami.AmiConnector;

/**
 * Entry point. Streams, environment and clock come in from outside so that every command can be
 * run by tests exactly as a user runs it, output captured, without {@code System.exit}.
 */
public final class Main {
  private final CliContext context;

  public Main(CliContext context) {
    this.context = context;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(new Main(new CliContext(out, err, System.getenv(), Clock.systemUTC(),
        System.console() != null, AmiConnector.live(), stderrIsTerminal())).run(args));
  }

  /**
   * Whether stderr is a terminal, for progress. Java 17 can tell only of stdin and stdout
   * together (System.console()); on Linux, where vaxel runs, file descriptor 2 names its
   * device. Anywhere else, or if that cannot be read, no progress: never a wrong guess.
   */
  static boolean stderrIsTerminal() {
    try {
      String device = java.nio.file.Files.readSymbolicLink(
          java.nio.file.Path.of("/proc/self/fd/2")).toString();
      return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
    } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
      return false;
    }
  }

  public int run(String... args) {
    CommandLine cl = commandLine(context);
    int code = cl.execute(args);
    context.out().flush();
    context.err().flush();
    return code;
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new VaxelCommand(context));
    // Registered on the whole tree at once: every date option says in words what is wrong.
    cl.registerConverter(java.time.LocalDate.class, new DateConverter());
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setExecutionExceptionHandler(new ErrorMapper(context));
    // After the subcommands exist: the provider is registered on each of them.
    ConfigDefaults.install(cl, context);
    cl.setParameterExceptionHandler((ex, args) -> {
      ex.getCommandLine().getErr().println("vaxel: " + parameterProblem(ex));
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, ex.getCommandLine().getErr());
      ex.getCommandLine().getErr().println(
          "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return ExitCode.BAD_INPUT.code();
    });
    // check --format nagios answers usage errors in the plugin API's own terms.
    cl.setParameterExceptionHandler(CheckCommand.usageErrors(cl.getParameterExceptionHandler()));
    cl.setExitCodeExceptionMapper(t -> ExitCode.INTERNAL.code());
    // The table is ExitCode itself: the whole of it under 'vaxel --help', and under each
    // command's help the codes that command lists, with the table's meanings.
    applyExitCodes(cl, true);
    // One version for the whole tool: every subcommand's --version prints the root's.
    applyVersion(cl, cl.getCommandSpec().versionProvider());
    // The rule list comes from the rules themselves, so --help cannot drift from them.
    var check = cl.getSubcommands().get("check").getCommandSpec().usageMessage();
    java.util.List<String> description = new java.util.ArrayList<>(
        java.util.Arrays.asList(check.description()));
    description.addAll(CheckCommand.rulesHelp());
    check.description(description.toArray(String[]::new));
    return cl;
  }

  /**
   * A value that an option's converter refused reads "OPTION VALUE: what is wrong; what to do",
   * the converter's own words, instead of picocli's "Invalid value for option ...".
   */
  private static String parameterProblem(CommandLine.ParameterException ex) {
    if (ex.getCause() instanceof CommandLine.TypeConversionException tc
        && ex.getArgSpec() instanceof CommandLine.Model.OptionSpec option
        && ex.getValue() != null) {
      return option.longestName() + " " + ex.getValue() + ": " + tc.getMessage();
    }
    return ex.getMessage();
  }

  /**
   * The root shows the whole table. A command shows the codes its {@code exitCodeList} names
   * ({@link ExitCode.Key}), each with the table's meaning; one that names none (picocli's own
   * help command aside, which can only succeed or refuse its argument) shows the whole table
   * rather than hide a code it may return.
   */
  private static void applyExitCodes(CommandLine cl, boolean root) {
    var usage = cl.getCommandSpec().usageMessage();
    // Read from the annotation: picocli's own parsing wants "key:meaning" and would drop the
    // bare keys that leave the meaning to the table.
    Object command = cl.getCommand();
    CommandLine.Command annotation = command.getClass().getAnnotation(CommandLine.Command.class);
    java.util.Set<String> declared = annotation == null ? java.util.Set.of()
        : java.util.Set.of(annotation.exitCodeList());
    if (!root && declared.isEmpty() && command instanceof CommandLine.HelpCommand) {
      declared = java.util.Set.of(ExitCode.Key.OK, ExitCode.Key.BAD_INPUT);
    }
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      String key = String.valueOf(c.code());
      if (root || declared.isEmpty() || declared.contains(key)) {
        codes.put(key, c.meaning());
      }
    }
    usage.exitCodeListHeading(ExitCode.HEADING).exitCodeList(codes);
    cl.getSubcommands().values().forEach(sub -> applyExitCodes(sub, false));
  }

  private static void applyVersion(CommandLine cl, CommandLine.IVersionProvider version) {
    cl.getCommandSpec().versionProvider(version);
    cl.getSubcommands().values().forEach(sub -> applyVersion(sub, version));
  }

  /** Convenience for tests: environment and clock as given, plain output. */
  public static CliContext context(PrintWriter out, PrintWriter err, Map<String, String> env,
      Clock clock) {
    return new CliContext(out, err, env, clock, false, AmiConnector.live());
  }
}
