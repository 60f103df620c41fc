package se.vaxel.pbx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import se.vaxel.testing.Pbx;

/**
 * vaxel in a process of its own, as an administrator runs it: with a umask of its own, and a
 * process that a test can kill with -9 at a moment of its choosing.
 */
final class ChildVaxel {
  private ChildVaxel() {}

  /** Starts {@code vaxel ARGS} under {@code umask}, output into {@code log}. */
  static Process start(Pbx pbx, String umask, Path log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of("sh", "-c",
        "umask " + umask + " && exec \"$@\"", "sh", java, "-cp",
        System.getProperty("java.class.path"), "se.vaxel.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.putAll(pbx.env());
    return pb.start();
  }

  /** Runs {@code vaxel ARGS} under {@code umask} to the end. */
  static Pbx.Run run(Pbx pbx, String umask, Path log, String... args) throws Exception {
    Process p = start(pbx, umask, log, args);
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("vaxel " + String.join(" ", args) + " did not finish");
    }
    String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
    return new Pbx.Run(p.exitValue(), output, output);
  }
}
