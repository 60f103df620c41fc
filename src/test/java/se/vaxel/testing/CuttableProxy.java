package se.vaxel.testing;

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
 * A loopback TCP proxy to the AMI whose connection a test can cut and restore, as a network
 * outage or an Asterisk restart does: {@link #cut()} closes every forwarded connection and
 * refuses new ones (accepts and closes them at once) until {@link #restore()}. The port stays
 * the same, so the client under test reconnects to where it was told to.
 */
public final class CuttableProxy implements AutoCloseable {
  private final ServerSocket server;
  private final InetSocketAddress upstream;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean cut;

  public CuttableProxy(String host, int port) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.upstream = new InetSocketAddress(host, port);
    daemon(this::accept, "cuttable-proxy");
  }

  public int port() {
    return server.getLocalPort();
  }

  /** host:port of the proxy, for --ami. */
  public String address() {
    return "127.0.0.1:" + port();
  }

  public void cut() {
    cut = true;
    for (Socket s : sockets) {
      closeQuietly(s);
    }
    sockets.clear();
  }

  public void restore() {
    cut = false;
  }

  private void accept() {
    while (!server.isClosed()) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (cut) {
        closeQuietly(client);
        continue;
      }
      try {
        Socket pbx = new Socket();
        pbx.connect(upstream, 5000);
        sockets.add(client);
        sockets.add(pbx);
        daemon(() -> copy(client, pbx), "cuttable-proxy-up");
        daemon(() -> copy(pbx, client), "cuttable-proxy-down");
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  private static void copy(Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // The other side, or cut(), closed the connection.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    cut();
    try {
      server.close();
    } catch (IOException e) {
      // Already closed.
    }
  }
}
