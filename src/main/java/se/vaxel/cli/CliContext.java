package se.vaxel.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may use of the outside world.
 *
 * @param terminal whether output goes to a terminal (colour is used only then)
 */
public record CliContext(
    PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, boolean terminal) {}
