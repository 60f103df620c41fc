package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's real Asterisk 22 (scripts/asterisk-sandbox), for integration tests.
 *
 * <p>Started on first use and left running for the other tests of the run; at the end of the
 * run {@link SandboxSession} stops it if this run started it, and leaves one that was already
 * running (CI, a developer's) as it was. Where it cannot start, a developer's run skips these tests with the reason on
 * stderr; with {@code CI=true} they fail instead, because a skipped PBX test proves nothing.
 */
public final class Sandbox {
  private static Sandbox instance;
  private static String unavailable;
  /** Whether this run started Asterisk (it was stopped before), so it stops it at the end. */
  private static boolean startedHere;

  private final Path root;
  private final String host;
  private final int port;
  private final String user;
  private final Path secretFile;

  private Sandbox(Map<String, String> env) {
    this.root = Path.of(env.get("VAXEL_SANDBOX_ROOT"));
    this.host = env.get("VAXEL_AMI_HOST");
    this.port = Integer.parseInt(env.get("VAXEL_AMI_PORT"));
    this.user = env.get("VAXEL_AMI_USER");
    this.secretFile = Path.of(env.get("VAXEL_AMI_SECRET_FILE"));
  }

  public static synchronized Sandbox get() {
    if (instance == null && unavailable == null) {
      try {
        // 'status' exits 3 when stopped: a sandbox that CI or a developer started stays up.
        startedHere = script("status").code == 3;
        Result start = script("start");
        if (start.code != 0) {
          unavailable = "scripts/asterisk-sandbox start exited " + start.code + ":\n" + start.output;
        } else {
          instance = new Sandbox(parseEnv(script("env").output));
        }
      } catch (IOException | RuntimeException e) {
        unavailable = "scripts/asterisk-sandbox could not run: " + e;
      }
    }
    if (instance == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true and the real Asterisk is not available: " + unavailable);
      }
      System.err.println("SKIPPED: real-Asterisk tests: " + unavailable);
      Assumptions.abort("the real Asterisk is not available: " + unavailable);
    }
    return instance;
  }

  /** Stops Asterisk if this run started it; called once, when the test run ends. */
  static synchronized void stopIfStartedHere() {
    if (!startedHere) {
      return;
    }
    startedHere = false;
    try {
      Result stop = script("stop");
      if (stop.code != 0) {
        System.err.println("scripts/asterisk-sandbox stop exited " + stop.code + ":\n"
            + stop.output);
      }
    } catch (IOException e) {
      System.err.println("scripts/asterisk-sandbox stop could not run: " + e);
    }
  }

  public Path root() {
    return root;
  }

  public Path etc() {
    return root.resolve("etc/asterisk");
  }

  public Path spool() {
    return root.resolve("var/spool/asterisk/voicemail");
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user;
  }

  public Path secretFile() {
    return secretFile;
  }

  public String secret() {
    try {
      return Files.readString(secretFile, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Back to the pristine configuration, an empty voicemail spool and an empty AstDB, with
   * Asterisk restarted: each integration test class starts from the same PBX.
   */
  public void reset() {
    try {
      Result r = script("reset");
      if (r.code != 0) {
        throw new IllegalStateException("scripts/asterisk-sandbox reset failed: " + r.output);
      }
      if (script("start").code != 0) {
        throw new IllegalStateException("scripts/asterisk-sandbox start after reset failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs an Asterisk CLI command inside the sandbox and returns its output. */
  public String cli(String command) {
    try {
      Result r = script("cli", command);
      if (r.code != 0) {
        throw new IllegalStateException("asterisk -rx '" + command + "' failed: " + r.output);
      }
      return r.output;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs a command inside the chroot (e.g. chown of spool files to the asterisk user). */
  public void inChroot(String... command) {
    try {
      List<String> args = new java.util.ArrayList<>(List.of("chroot", root.toString()));
      args.addAll(List.of(command));
      Result r = run(args);
      if (r.code != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed: " + r.output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path projectDir() {
    String dir = System.getenv("VAXEL_PROJECT_DIR");
    return Path.of(dir != null ? dir : System.getProperty("user.dir")).toAbsolutePath();
  }

  private record Result(int code, String output) {}

  private static Result script(String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(projectDir().resolve("scripts/asterisk-sandbox").toString());
    cmd.addAll(List.of(args));
    return run(cmd);
  }

  private static Result run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(15, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Result(124, out);
      }
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Map<String, String> parseEnv(String text) {
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("\"", "").replace("'", ""));
      }
    }
    return env;
  }
}
