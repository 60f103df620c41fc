package se.vaxel.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;
import se.vaxel.ami.AmiConnector;

/**
 * What a command may use of the outside world.
 *
 * @param terminal whether output goes to a terminal (colour is used only then)
 * @param ami how to reach the PBX; tests hand in a connector of mocks
 * @param errTerminal whether stderr is a terminal (progress is shown only then)
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    Clock clock,
    boolean terminal,
    AmiConnector ami,
    boolean errTerminal) {

  /** Without a terminal on stderr: tests and programs that embed vaxel. */
  public CliContext(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
      boolean terminal, AmiConnector ami) {
    this(out, err, env, clock, terminal, ami, false);
  }
}
