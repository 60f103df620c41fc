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
        System.console() != null, AmiConnector.live())).run(args));
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
    // The table is ExitCode itself, shown under every command's --help.
    Map<String, String> codes = new LinkedHashMap<>();
    for (ExitCode c : ExitCode.values()) {
      codes.put(String.valueOf(c.code()), c.meaning());
    }
    applyExitCodes(cl, codes);
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

  private static void applyExitCodes(CommandLine cl, Map<String, String> codes) {
    // A command that declares the codes it can return (exitCodeList) keeps its own list.
    if (cl.getCommandSpec().usageMessage().exitCodeList().isEmpty()) {
      cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n")
          .exitCodeList(codes);
    }
    cl.getSubcommands().values().forEach(sub -> applyExitCodes(sub, codes));
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
