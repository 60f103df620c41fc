package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DrainedSocketTest {

  /** Writes {@code lines} one-line messages, counting the bytes the socket has accepted. */
  private static Thread writer(ServerSocket server, int lines, AtomicLong written) {
    Thread thread =
        new Thread(
            () -> {
              try (Socket client = server.accept()) {
                OutputStream out = client.getOutputStream();
                for (int i = 0; i < lines; i++) {
                  byte[] line = ("Line: " + i + " " + "x".repeat(88) + "\r\n\r\n")
                      .getBytes(StandardCharsets.UTF_8);
                  out.write(line);
                  written.addAndGet(line.length);
                }
              } catch (IOException e) {
                // The test closed the client.
              }
            });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Test
  void aReaderThatFallsBehindHoldsTheSenderBackWithinTheCapAndLosesNothing() throws Exception {
    int lines = 640_000; // 64 MB
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      AtomicLong written = new AtomicLong();
      Thread sender = writer(server, lines, written);
      DrainedSocket socket =
          DrainedSocket.connect("127.0.0.1", server.getLocalPort(), 5000, 0, new AmiWire(),
              1 << 20, 1 << 20);
      Thread.sleep(1500);
      // 1 MiB in vaxel's buffer plus what the kernel buffers on both ends; never all 64 MB.
      assertTrue(written.get() < 32L << 20, "the sender wrote " + written.get() + " bytes");
      for (int i = 0; i < lines; i++) {
        String line = socket.readLine();
        assertTrue(line.startsWith("Line: " + i + " "), line);
        assertEquals("", socket.readLine());
      }
      sender.join();
      assertNull(socket.readLine());
      socket.close();
    }
  }

  @Test
  void closingASocketWhoseBufferIsFullEndsItsDrainThread() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      long before = drainThreads();
      writer(server, 640_000, new AtomicLong());
      DrainedSocket socket =
          DrainedSocket.connect("127.0.0.1", server.getLocalPort(), 5000, 0, new AmiWire(),
              1 << 20, 1 << 20);
      assertEquals(before + 1, drainThreads());
      Thread.sleep(1000); // the 1 MiB buffer fills; nobody reads it
      socket.close();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (drainThreads() > before && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(before, drainThreads(), "the drain thread still waits for room");
    }
  }

  private static long drainThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().equals("vaxel-ami-drain"))
        .count();
  }

  @Test
  void linesEndAtCrLfOnlyAsTheLibraryCutsThem() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread sender =
          new Thread(
              () -> {
                try (Socket client = server.accept()) {
                  OutputStream out = client.getOutputStream();
                  out.write("Output: one\ntwo\r".getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  Thread.sleep(50);
                  out.write("\n\r".getBytes(StandardCharsets.UTF_8));
                  out.flush();
                  Thread.sleep(50);
                  out.write("\nÅsa: ö\r\n\r\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException | InterruptedException e) {
                  // Closed by the test.
                }
              });
      sender.setDaemon(true);
      sender.start();
      DrainedSocket socket =
          DrainedSocket.connect("127.0.0.1", server.getLocalPort(), 5000, 0, new AmiWire());
      assertEquals("Output: one\ntwo", socket.readLine());
      assertEquals("", socket.readLine());
      assertEquals("Åsa: ö", socket.readLine());
      assertEquals("", socket.readLine());
      assertNull(socket.readLine());
      socket.close();
    }
  }

  @Test
  void aLineLongerThanTheMessageCapClosesTheConnectionWithAReason() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread sender =
          new Thread(
              () -> {
                try (Socket client = server.accept()) {
                  client.getOutputStream().write("x".repeat(100_000).getBytes());
                } catch (IOException e) {
                  // Closed by the reader.
                }
              });
      sender.setDaemon(true);
      sender.start();
      AmiWire wire = new AmiWire();
      DrainedSocket socket =
          DrainedSocket.connect("127.0.0.1", server.getLocalPort(), 5000, 0, wire, 1 << 20,
              64 << 10);
      IOException e = assertThrows(IOException.class, socket::readLine);
      assertEquals("the AMI sent a message longer than 64 KiB; vaxel stopped reading it",
          e.getMessage());
      assertEquals(e.getMessage(), wire.failure());
    }
  }
}
