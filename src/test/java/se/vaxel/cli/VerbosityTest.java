package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** -q, -v and --log-level on every command, and progress only on a terminal. */
class VerbosityTest {
  @TempDir Path dir;

  @AfterEach
  void restoreTheDefaultLevel() {
    System.clearProperty(Verbosity.DEFAULT_LEVEL);
  }

  @Test
  void everyCommandTakesQuietVerboseAndLogLevel() {
    List<String> missing = new ArrayList<>();
    CommandLine root = Main.commandLine(Main.context(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), Map.of(), Clock.systemUTC()));
    List<CommandLine> all = new ArrayList<>(List.of(root));
    for (int i = 0; i < all.size(); i++) {
      all.addAll(all.get(i).getSubcommands().values());
    }
    for (CommandLine cl : all) {
      if (cl.getCommand() instanceof CommandLine.HelpCommand) {
        continue;
      }
      for (String option : List.of("-q", "--quiet", "-v", "--verbose", "--log-level")) {
        if (cl.getCommandSpec().findOption(option) == null) {
          missing.add(cl.getCommandSpec().qualifiedName() + " " + option);
        }
      }
    }
    assertTrue(missing.isEmpty(), () -> "missing (add @Mixin Verbosity): " + missing);
  }

  @Test
  void logLevelSetsSlf4jSimplesLevelAndWinsOverVerbose() {
    Cli.Run r = Cli.run("validate", "-f", Cli.SHIPPED.toString(), "-v", "--log-level", "error");

    assertEquals(0, r.code(), r::toString);
    assertEquals("error", System.getProperty(Verbosity.DEFAULT_LEVEL));
  }

  @Test
  void verboseTwiceIsDebug() {
    Cli.Run r = Cli.run("validate", "-f", Cli.SHIPPED.toString(), "-vv");

    assertEquals(0, r.code(), r::toString);
    assertEquals("debug", System.getProperty(Verbosity.DEFAULT_LEVEL));
  }

  @Test
  void anUnknownLevelIsBadInputThatListsTheLevels() {
    Cli.Run r = Cli.run("generate", "--log-level", "loud");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--log-level loud: 'loud' is not a log level; use one of off,"
        + " error, warn, info, debug, trace"), r::toString);
  }

  private Cli.Run generate(boolean errTerminal, String... extra) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> args = new ArrayList<>(List.of("generate", "-f", Cli.SHIPPED.toString(),
        "-o", dir.resolve("out").toString()));
    args.addAll(List.of(extra));
    int code = new Main(new CliContext(new PrintWriter(out), new PrintWriter(err), Map.of(),
        Cli.CLOCK, false, Main.context(null, null, Map.of(), Cli.CLOCK).ami(), errTerminal))
        .run(args.toArray(String[]::new));
    return new Cli.Run(code, out.toString(), err.toString());
  }

  @Test
  void generateShowsProgressOnATerminalAndLeavesTheLineClean() {
    Cli.Run r = generate(true);

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.err().contains("\rGenerating"), r::toString);
    assertTrue(r.err().contains("\rWriting"), r::toString);
    assertTrue(r.err().endsWith("\r\033[K"), r::toString);
    assertTrue(r.out().startsWith("Generated "), r::toString);
  }

  @Test
  void checkShowsItIsWorkingOnATerminalAndClearsTheLineBeforeItsMessage() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    se.vaxel.ami.AmiConnector down = settings -> {
      throw new se.vaxel.ami.AmiException(se.vaxel.ami.AmiException.Kind.UNREACHABLE,
          "cannot reach the AMI at pbx:5038: connection refused");
    };
    int code = new Main(new CliContext(new PrintWriter(out), new PrintWriter(err),
        Map.of("VAXEL_AMI_SECRET", "s"), Cli.CLOCK, false, down, true))
        .run("check", "-f", Cli.SHIPPED.toString(), "--ami", "pbx");

    assertEquals(3, code, err::toString);
    String e = err.toString();
    assertTrue(e.contains("\rChecking"), e);
    // The bar is gone (carriage return, erase) before the message is printed.
    assertTrue(e.indexOf("\r\033[K") < e.indexOf("cannot reach the AMI"), e);
  }

  @Test
  void noProgressWhenStderrIsNotATerminal() {
    Cli.Run r = generate(false);

    assertEquals(0, r.code(), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void quietBeforeTheSubcommandCountsToo() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new CliContext(new PrintWriter(out), new PrintWriter(err), Map.of(),
        Cli.CLOCK, false, Main.context(null, null, Map.of(), Cli.CLOCK).ami(), true))
        .run("-q", "generate", "-f", Cli.SHIPPED.toString(), "-o", dir.resolve("q").toString());

    assertEquals(0, code, err::toString);
    assertEquals("", err.toString());
  }

  @Test
  void quietShowsNoProgressEvenOnATerminal() {
    Cli.Run r = generate(true, "-q");

    assertEquals(0, r.code(), r::toString);
    assertFalse(r.err().contains("Generating"), r::toString);
    assertEquals("", r.err());
  }
}
