package se.vaxel.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Runs vaxel exactly as a user does, through {@link Main#run}, with output captured and the
 * clock fixed at 2026-11-21 (a Saturday, while Åsa Öberg is away).
 */
final class Cli {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC);

  /** The shipped staff file of the project the tests run in. */
  static final Path SHIPPED = Path.of(System.getProperty("user.dir"), "staff.yaml");

  /** What one run printed and returned. */
  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  private Cli() {}

  static Run run(String... args) {
    return run(Main.context(null, null, Map.of(), CLOCK).ami(), Map.of(), args);
  }

  /** Runs with the PBX reached through {@code ami} (a connector of mocks) and {@code env}. */
  static Run run(se.vaxel.ami.AmiConnector ami, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new Main(new CliContext(new PrintWriter(out), new PrintWriter(err), env, CLOCK,
        false, ami)).run(args);
    return new Run(code, out.toString(), err.toString());
  }
}
