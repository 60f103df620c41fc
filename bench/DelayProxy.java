// DelayProxy: a TCP proxy that adds a fixed one-way delay in each direction, for bench/check.sh.
//
// Usage (the JDK's source launcher, no build step):
//   java bench/DelayProxy.java LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS [MAX_SECONDS]
//
// Listens on 127.0.0.1:LISTEN_PORT only and forwards every connection to TARGET_HOST:TARGET_PORT.
// Each chunk read from either side is stamped with (arrival + DELAY_MS) and queued; one writer
// per direction releases the chunks in arrival order when they are due. So every byte is
// delayed by DELAY_MS (a round trip through the proxy costs 2 x DELAY_MS more), but the
// delay is latency only: reading never waits for writing, and a stream of chunks (a 10,000-entry
// AMI list) flows at full speed, only shifted in time. Not a sleep per read, which would cap
// throughput at one chunk per DELAY_MS.
//
// Bounded: exits after MAX_SECONDS (default 3600) even if nobody stops it; bench/check.sh
// kills it by pid when it ends. Prints "DelayProxy listening on ..." once it accepts
// connections, and per closed connection the bytes carried each way, to stdout.

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

public final class DelayProxy {

  /** A chunk of bytes and the time (System.nanoTime) it may be written; data null means EOF. */
  private record Chunk(byte[] data, long due) {}

  private static final AtomicInteger CONNECTIONS = new AtomicInteger();

  public static void main(String[] args) throws Exception {
    if (args.length < 4 || args.length > 5) {
      System.err.println(
          "usage: java DelayProxy.java LISTEN_PORT TARGET_HOST TARGET_PORT DELAY_MS [MAX_SECONDS]");
      System.exit(2);
    }
    int listenPort = Integer.parseInt(args[0]);
    String targetHost = args[1];
    int targetPort = Integer.parseInt(args[2]);
    long delayNanos = TimeUnit.MILLISECONDS.toNanos(Long.parseLong(args[3]));
    long maxSeconds = args.length == 5 ? Long.parseLong(args[4]) : 3600;

    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(maxSeconds));
      } catch (InterruptedException e) {
        return;
      }
      System.out.println("DelayProxy: " + maxSeconds + " s passed; exiting");
      System.exit(0);
    }, "watchdog");
    watchdog.setDaemon(true);
    watchdog.start();

    try (ServerSocket server = new ServerSocket()) {
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort));
      System.out.printf("DelayProxy listening on 127.0.0.1:%d -> %s:%d, %d ms each way%n",
          listenPort, targetHost, targetPort, TimeUnit.NANOSECONDS.toMillis(delayNanos));
      System.out.flush();
      while (true) {
        Socket client = server.accept();
        int id = CONNECTIONS.incrementAndGet();
        Thread t = new Thread(() -> serve(id, client, targetHost, targetPort, delayNanos),
            "conn-" + id);
        t.setDaemon(true);
        t.start();
      }
    }
  }

  private static void serve(int id, Socket client, String host, int port, long delayNanos) {
    Socket upstream = new Socket();
    try {
      upstream.connect(new InetSocketAddress(host, port), 5000);
      client.setTcpNoDelay(true);
      upstream.setTcpNoDelay(true);
      AtomicLong up = new AtomicLong();
      AtomicLong down = new AtomicLong();
      Thread[] threads = {
        pump("c" + id + "-up", client, upstream, delayNanos, up),
        pump("c" + id + "-down", upstream, client, delayNanos, down)
      };
      for (Thread t : threads) {
        t.join();
      }
      System.out.printf("DelayProxy: connection %d closed, %d bytes up, %d bytes down%n", id,
          up.get(), down.get());
    } catch (IOException e) {
      System.out.printf("DelayProxy: connection %d: %s%n", id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(client);
      closeQuietly(upstream);
    }
  }

  /**
   * Starts a reader and a writer for one direction, joined by a queue of stamped chunks, and
   * returns the writer (which ends last).
   */
  private static Thread pump(String name, Socket from, Socket to, long delayNanos,
      AtomicLong bytes) throws IOException {
    BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread reader = new Thread(() -> {
      byte[] buf = new byte[64 * 1024];
      try {
        int n;
        while ((n = in.read(buf)) > 0) {
          queue.add(new Chunk(Arrays.copyOf(buf, n), System.nanoTime() + delayNanos));
        }
      } catch (IOException e) {
        // reset or closed: treated as EOF below
      }
      queue.add(new Chunk(null, System.nanoTime() + delayNanos));
    }, name + "-read");
    Thread writer = new Thread(() -> {
      try {
        while (true) {
          Chunk c = queue.take();
          long wait = c.due() - System.nanoTime();
          if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
          }
          if (c.data() == null) {
            to.shutdownOutput();
            return;
          }
          out.write(c.data());
          out.flush();
          bytes.addAndGet(c.data().length);
        }
      } catch (IOException e) {
        // the other side is gone: close both so the reader of the other direction ends too
        closeQuietly(from);
        closeQuietly(to);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name + "-write");
    reader.setDaemon(true);
    writer.setDaemon(true);
    reader.start();
    writer.start();
    return writer;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // nothing to do
    }
  }
}
