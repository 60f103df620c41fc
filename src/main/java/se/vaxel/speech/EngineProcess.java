package se.vaxel.speech;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One run of a speech program: the sentence on its standard input, the audio from its standard
 * output, within a time limit and a size limit.
 *
 * <p>The sentence goes on stdin, never into argv: argv is visible to every user of the host in
 * {@code ps}, is logged by process accounting, and would need quoting for names with spaces.
 * The child gets our environment less every {@code VAXEL_*} variable, so an organisation's
 * command never sees the AMI secret. No shell is involved.
 */
final class EngineProcess {
  /** About six minutes of 44.1 kHz stereo: far more than a sentence, far less than memory. */
  static final int MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
  private static final int MAX_STDERR_BYTES = 8 * 1024;

  record Result(int exitCode, byte[] stdout, String stderr) {
    /** The first line of what the program wrote on stderr, at most 200 characters. */
    String firstErrorLine() {
      String line = stderr.strip().lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
  }

  /** The program could not be started at all (not there, not executable). */
  static final class NotStarted extends IOException {
    NotStarted(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The program ran past its time and was killed. */
  static final class TimedOut extends IOException {
    TimedOut(String message) {
      super(message);
    }
  }

  /**
   * Blocking pipe readers need threads of their own: the common pool has one thread on a
   * 2-core host, and a reader queued behind a writer would deadlock with the program.
   */
  private static final java.util.concurrent.ExecutorService PIPES =
      java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "vaxel-speech-pipe");
        t.setDaemon(true);
        return t;
      });

  private EngineProcess() {}

  static Result run(List<String> argv, byte[] stdin, Duration timeout) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(argv);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("VAXEL_"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new NotStarted(e.getMessage(), e);
    }
    try {
      // Each stream on its own thread: a program that writes a lot before it reads all of its
      // input (or the other way round) would otherwise block us and itself.
      CompletableFuture<Void> feed = CompletableFuture.runAsync(() -> feed(process, stdin), PIPES);
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(
          () -> drain(process.getInputStream(), MAX_OUTPUT_BYTES), PIPES);
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(
          () -> drain(process.getErrorStream(), MAX_STDERR_BYTES), PIPES);
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new TimedOut("ran longer than " + seconds(timeout) + " and was stopped");
      }
      byte[] audio = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      byte[] errors = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      feed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (audio == null) {
        throw new IOException("wrote more than " + MAX_OUTPUT_BYTES + " bytes of audio");
      }
      return new Result(process.exitValue(), audio, new String(errors, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      kill(process);
      throw new IOException("its output could not be read: " + e.getMessage(), e);
    } finally {
      if (process.isAlive()) {
        kill(process);
      }
    }
  }

  /** The program and whatever it started: a wrapper script's engine must not outlive it. */
  private static void kill(Process process) {
    // Listed before the program dies: its orphans are nobody's descendants afterwards.
    List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroyForcibly);
    // SIGKILL is delivered asynchronously; wait (briefly) so a caller's retry finds them gone.
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
        // Killed all the same; the kernel finishes it.
      }
    }
  }

  private static void feed(Process process, byte[] stdin) {
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // A program that exits without reading its input closes the pipe: its exit code and
      // output tell what happened, not this.
    }
  }

  /** All bytes, or null past {@code limit} (the rest is read and dropped so the program ends). */
  private static byte[] drain(InputStream stream, int limit) {
    try (InputStream in = stream) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      byte[] buffer = new byte[64 * 1024];
      boolean over = false;
      for (int n; (n = in.read(buffer)) >= 0; ) {
        if (!over && bytes.size() + n <= limit) {
          bytes.write(buffer, 0, n);
        } else {
          over = true;
        }
      }
      return over ? (limit == MAX_OUTPUT_BYTES ? null : bytes.toByteArray()) : bytes.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** "1.5 s", "30 s": never rounded down to a limit shorter than the one that applied. */
  private static String seconds(java.time.Duration d) {
    long ms = d.toMillis();
    return (ms % 1000 == 0 ? Long.toString(ms / 1000)
        : java.math.BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString()) + " s";
  }
}
