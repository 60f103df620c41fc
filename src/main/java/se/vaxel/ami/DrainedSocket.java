package se.vaxel.ami;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * The AMI socket, drained by a thread of its own that does nothing but read bytes and cut them
 * into lines, so that Asterisk can always write (see docs/ami.md: Asterisk drops output it
 * cannot write within the AMI user's writetimeout). The library's reader thread takes the lines
 * from memory through {@link #readLine}, where {@link AmiWire} audits them and holds the reader
 * back while the library's event queue is full.
 *
 * <p>Memory is bounded: at most {@link #MAX_BUFFERED_BYTES} of unread lines (the drain then
 * pauses and TCP pushes back on Asterisk, whose losses the list audit then reports), and no
 * line or message longer than {@link #MAX_MESSAGE_BYTES}: a peer that sends one closes the
 * connection with a reason that {@link AmiWire#failure()} reports.
 */
final class DrainedSocket implements SocketConnectionFacade {

  /** Unread AMI output held in memory: far more than 50,000 mailboxes (about 25 MB) need. */
  static final long MAX_BUFFERED_BYTES = 64L << 20;

  /** No AMI message vaxel reads comes near this; the library buffers a message whole. */
  static final int MAX_MESSAGE_BYTES = 1 << 20;

  /** Asked of the kernel: Asterisk writes into this while the drain thread is descheduled. */
  static final int RECEIVE_BUFFER_BYTES = 4 << 20;

  /**
   * Whether the kernel grants {@link #RECEIVE_BUFFER_BYTES}. Setting a receive buffer turns the
   * kernel's own tuning off, and a kernel that caps it (Linux net.core.rmem_max, often 208 KiB)
   * would leave less than its tuning reaches (net.ipv4.tcp_rmem, several MiB): then leave it be.
   */
  private static final boolean LARGE_BUFFER_GRANTED = largeBufferGranted();

  private final Socket socket;
  private final BufferedWriter writer;
  private final AmiWire wire;
  private final long maxBufferedBytes;
  private final int maxMessageBytes;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final ArrayDeque<String> lines = new ArrayDeque<>();
  private long bufferedBytes;
  /** Why the drain ended (EOF is null with {@link #ended} set). */
  private IOException ended;
  private boolean eof;
  /** Set by close(), under {@code lock}: the drain thread stops waiting for room. */
  private boolean closed;

  private DrainedSocket(Socket socket, AmiWire wire, long maxBufferedBytes, int maxMessageBytes)
      throws IOException {
    this.socket = socket;
    this.wire = wire;
    this.maxBufferedBytes = maxBufferedBytes;
    this.maxMessageBytes = maxMessageBytes;
    this.writer =
        new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
    InputStream in = socket.getInputStream();
    Thread drain = new Thread(() -> drain(in), "vaxel-ami-drain");
    drain.setDaemon(true);
    drain.start();
  }

  /**
   * Connects within {@code connectTimeoutMillis}; {@code readTimeoutMillis} of silence end the
   * connection (0: never), as the library's own socket does.
   */
  static DrainedSocket connect(
      String host, int port, int connectTimeoutMillis, int readTimeoutMillis, AmiWire wire)
      throws IOException {
    return connect(
        host, port, connectTimeoutMillis, readTimeoutMillis, wire, MAX_BUFFERED_BYTES,
        MAX_MESSAGE_BYTES);
  }

  static DrainedSocket connect(
      String host,
      int port,
      int connectTimeoutMillis,
      int readTimeoutMillis,
      AmiWire wire,
      long maxBufferedBytes,
      int maxMessageBytes)
      throws IOException {
    Socket socket = new Socket();
    try {
      if (LARGE_BUFFER_GRANTED) {
        // Before connect: the window Asterisk may fill is negotiated in the handshake.
        socket.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
      }
      socket.setSoTimeout(readTimeoutMillis);
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
    wire.connected();
    return new DrainedSocket(socket, wire, maxBufferedBytes, maxMessageBytes);
  }

  private static boolean largeBufferGranted() {
    try (Socket probe = new Socket()) {
      probe.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
      return probe.getReceiveBufferSize() >= RECEIVE_BUFFER_BYTES;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Reads until the end of the stream, cutting lines at CRLF as the library does (a lone LF
   * stays in the line). Works on the byte arrays directly: this loop is all that stands between
   * Asterisk's writes and its writetimeout.
   */
  private void drain(InputStream in) {
    byte[] chunk = new byte[64 << 10];
    byte[] pending = new byte[1024];
    int pendingLength = 0;
    long messageBytes = 0;
    try {
      int n;
      while ((n = in.read(chunk)) >= 0) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (chunk[i] != '\n') {
            continue;
          }
          boolean crlf =
              i > start ? chunk[i - 1] == '\r' : pendingLength > 0 && pending[pendingLength - 1] == '\r';
          if (!crlf) {
            continue;
          }
          String text;
          if (pendingLength == 0) {
            text = new String(chunk, start, i - 1 - start, StandardCharsets.UTF_8);
          } else {
            pending = append(pending, pendingLength, chunk, start, i - start);
            pendingLength += i - start;
            text = new String(pending, 0, pendingLength - 1, StandardCharsets.UTF_8);
            pendingLength = 0;
          }
          start = i + 1;
          messageBytes = text.isEmpty() ? 0 : messageBytes + text.length() + 2;
          checkSize(messageBytes);
          offer(text);
        }
        pending = append(pending, pendingLength, chunk, start, n - start);
        pendingLength += n - start;
        checkSize(messageBytes + pendingLength);
      }
      finish(null);
    } catch (AmiWire.Overflow e) {
      wire.fail(e.getMessage());
      finish(e);
      closeQuietly();
    } catch (IOException e) {
      finish(e);
    } catch (RuntimeException e) {
      // Never leave the library's reader waiting for lines that will not come.
      finish(new IOException("AMI reader failed: " + e, e));
      closeQuietly();
    } catch (InterruptedException e) {
      finish(new IOException("AMI reader interrupted"));
      closeQuietly();
    }
  }

  private void checkSize(long bytes) throws AmiWire.Overflow {
    if (bytes > maxMessageBytes) {
      throw new AmiWire.Overflow(
          "the AMI sent a message longer than "
              + (maxMessageBytes >> 10)
              + " KiB; vaxel stopped reading it");
    }
  }

  /** {@code buffer} (of which {@code length} bytes are used) with {@code count} bytes more. */
  private static byte[] append(byte[] buffer, int length, byte[] from, int offset, int count) {
    byte[] target = buffer;
    if (length + count > buffer.length) {
      target = java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + count));
    }
    System.arraycopy(from, offset, target, length, count);
    return target;
  }

  private void offer(String text) throws InterruptedException {
    long size = text.length() + 2L;
    lock.lock();
    try {
      while (bufferedBytes + size > maxBufferedBytes && !lines.isEmpty() && !closed) {
        // TCP pushes back on Asterisk from here; a list that loses output so is caught by its
        // audit, while memory stays bounded.
        notFull.await();
      }
      lines.addLast(text);
      bufferedBytes += size;
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  private void finish(IOException reason) {
    lock.lock();
    try {
      ended = reason;
      eof = true;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Lines in arrival order; null at the end of the stream, as the library expects. */
  @Override
  public String readLine() throws IOException {
    String line;
    lock.lock();
    try {
      while (lines.isEmpty() && !eof) {
        notEmpty.await(1, TimeUnit.SECONDS);
      }
      if (lines.isEmpty()) {
        if (ended != null) {
          throw ended;
        }
        return null;
      }
      line = lines.removeFirst();
      bufferedBytes -= line.length() + 2L;
      notFull.signal();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("AMI reader interrupted");
    } finally {
      lock.unlock();
    }
    wire.observe(line);
    return line;
  }

  @Override
  public void write(String s) throws IOException {
    writer.write(s);
  }

  @Override
  public void flush() throws IOException {
    writer.flush();
  }

  @Override
  public void close() throws IOException {
    lock.lock();
    try {
      // A drain thread waiting for room that the library will never make must end too.
      closed = true;
      notFull.signalAll();
    } finally {
      lock.unlock();
    }
    socket.close();
  }

  private void closeQuietly() {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closing because of the reason recorded in the wire.
    }
  }

  @Override
  public boolean isConnected() {
    return socket.isConnected();
  }

  @Override
  public InetAddress getLocalAddress() {
    return socket.getLocalAddress();
  }

  @Override
  public int getLocalPort() {
    return socket.getLocalPort();
  }

  @Override
  public InetAddress getRemoteAddress() {
    return socket.getInetAddress();
  }

  @Override
  public int getRemotePort() {
    return socket.getPort();
  }
}
