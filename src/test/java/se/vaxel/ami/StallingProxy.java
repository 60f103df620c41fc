package se.vaxel.ami;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that stops reading from the server for {@code stallMillis} after every
 * {@code stallEveryBytes} it forwarded, through a small receive buffer: a reader that falls
 * behind, as a busy machine makes one. Asterisk's writes to it then block, and past the AMI
 * user's writetimeout Asterisk drops output (docs/ami.md).
 */
final class StallingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final long stallEveryBytes;
  private final long stallMillis;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  StallingProxy(InetSocketAddress upstream, long stallEveryBytes, long stallMillis)
      throws IOException {
    this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    this.upstream = upstream;
    this.stallEveryBytes = stallEveryBytes;
    this.stallMillis = stallMillis;
    daemon(this::accept, "stalling-proxy");
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket pbx = new Socket();
        // Small and fixed (no autotuning): the stall reaches Asterisk's writes at once.
        pbx.setReceiveBufferSize(4096);
        pbx.connect(upstream);
        sockets.add(client);
        sockets.add(pbx);
        daemon(() -> copy(client, pbx, false), "stalling-proxy-up");
        daemon(() -> copy(pbx, client, true), "stalling-proxy-down");
      } catch (IOException e) {
        return;
      }
    }
  }

  private void copy(Socket from, Socket to, boolean stall) {
    byte[] buffer = new byte[4096];
    long sinceStall = 0;
    try (from;
        to) {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
        sinceStall += n;
        if (stall && sinceStall >= stallEveryBytes) {
          sinceStall = 0;
          Thread.sleep(stallMillis);
        }
      }
    } catch (IOException | InterruptedException e) {
      // One side closed: the other is closed by try-with-resources.
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
