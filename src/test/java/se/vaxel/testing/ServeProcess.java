package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code vaxel serve} as an administrator runs it: the packaged jar (target/vaxel.jar, which
 * {@code mvn verify} builds before the integration tests) in a JVM of its own, its output in
 * a log file the test shows when something fails. Stopped (SIGTERM, then SIGKILL) on close.
 */
public final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final Path log;

  private ServeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts {@code java -jar target/vaxel.jar serve ARGS --listen 127.0.0.1:PORT} on a free
   * port with {@code env} added to the environment, and waits until it accepts connections.
   */
  public static ServeProcess start(Path dir, Map<String, String> env, List<String> args)
      throws IOException {
    int port = freePort();
    Path jar = Sandbox.projectDir().resolve("target/vaxel.jar");
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: the browser tests run from mvn verify, after package");
    }
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dvaxel.home=" + Sandbox.projectDir(), "-jar", jar.toString(), "serve"));
    cmd.addAll(args);
    cmd.addAll(List.of("--listen", "127.0.0.1:" + port));
    Path log = Files.createTempFile(dir, "serve-", ".log");
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("VAXEL_CONFIG", "");
    pb.environment().putAll(env);
    ServeProcess serve = new ServeProcess(pb.start(), port, log);
    serve.awaitListening(Duration.ofSeconds(60));
    return serve;
  }

  private void awaitListening(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        fail("vaxel serve exited " + process.exitValue() + " before it listened:\n" + log());
      }
      try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException e) {
        sleep(100);
      }
    }
    close();
    fail("vaxel serve did not listen on " + port + " within " + within + ":\n" + log());
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** What the server wrote so far (stdout and stderr). */
  public String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(log unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(java.util.concurrent.TimeUnit.SECONDS.toMillis(10),
          java.util.concurrent.TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
