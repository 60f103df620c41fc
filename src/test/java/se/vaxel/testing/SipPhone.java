package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A SIP phone on loopback, as much of one as {@code vaxel check} needs: it registers its
 * extension with the sandbox Asterisk over UDP (so Asterisk holds a dynamic contact for it, as
 * for a real desk phone) and answers Asterisk's qualify OPTIONS until it is unplugged.
 *
 * <p>The endpoint must be identifiable by the From user (Asterisk's default identify order) and
 * have no auth, and its AOR must accept a contact ({@code max_contacts} of 1 or more).
 */
public final class SipPhone implements AutoCloseable {
  private final DatagramSocket socket;
  private final BlockingQueue<String> responses = new LinkedBlockingQueue<>();
  private final Thread answering;

  private SipPhone() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    answering = new Thread(this::answer, "sip-phone-" + socket.getLocalPort());
    answering.setDaemon(true);
    answering.start();
  }

  /** Plugs in a phone for {@code extension} and registers it with Asterisk at {@code pbx}. */
  public static SipPhone register(String extension, InetSocketAddress pbx, Duration timeout) {
    try {
      SipPhone phone = new SipPhone();
      phone.sendRegister(extension, pbx, timeout);
      return phone;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unplugs the phone: its port goes dead, and Asterisk's next qualify gets no answer. */
  @Override
  public void close() {
    socket.close();
    try {
      answering.join(TimeUnit.SECONDS.toMillis(2));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sendRegister(String extension, InetSocketAddress pbx, Duration timeout)
      throws IOException {
    int port = socket.getLocalPort();
    String host = "127.0.0.1";
    String register = String.join("\r\n",
        "REGISTER sip:" + pbx.getHostString() + ":" + pbx.getPort() + " SIP/2.0",
        "Via: SIP/2.0/UDP " + host + ":" + port + ";branch=z9hG4bK" + random() + ";rport",
        "Max-Forwards: 70",
        "From: <sip:" + extension + "@" + host + ">;tag=" + random(),
        "To: <sip:" + extension + "@" + host + ">",
        "Call-ID: " + random() + "@" + host,
        "CSeq: 1 REGISTER",
        "Contact: <sip:" + extension + "@" + host + ":" + port + ">",
        // Asterisk's shortest: the contact does not outlive the test class by long.
        "Expires: 60",
        "User-Agent: vaxel-it SipPhone",
        "Content-Length: 0",
        "", "");
    send(register, pbx);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<String> seen = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      String response;
      try {
        response = responses.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      if (response == null) {
        break;
      }
      seen.add(response.lines().findFirst().orElse(""));
      if (response.startsWith("SIP/2.0 200") && header(response, "CSeq").endsWith("REGISTER")) {
        return;
      }
      if (response.matches("(?s)^SIP/2\\.0 [3-6]\\d\\d.*")) {
        break;
      }
    }
    close();
    fail("Asterisk did not accept the REGISTER of " + extension + " within " + timeout
        + "; responses: " + seen);
  }

  /** Until unplugged: responses go to the queue, requests (qualify OPTIONS) get a 200 OK. */
  private void answer() {
    byte[] buffer = new byte[65_535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return;
      }
      String message = new String(packet.getData(), 0, packet.getLength(),
          StandardCharsets.UTF_8);
      if (message.startsWith("SIP/2.0")) {
        responses.add(message);
      } else if (!message.startsWith("ACK")) {
        try {
          send(ok(message), packet.getSocketAddress());
        } catch (IOException e) {
          return;
        }
      }
    }
  }

  /** A 200 OK to a request: its Via, From, Call-ID and CSeq, its To with our tag. */
  private static String ok(String request) {
    StringBuilder out = new StringBuilder("SIP/2.0 200 OK\r\n");
    for (String line : request.split("\r\n")) {
      String name = line.contains(":")
          ? line.substring(0, line.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
      switch (name) {
        case "via", "from", "call-id", "cseq" -> out.append(line).append("\r\n");
        case "to" -> out.append(line).append(line.contains(";tag=") ? "" : ";tag=" + random())
            .append("\r\n");
        default -> { }
      }
    }
    return out.append("Content-Length: 0\r\n\r\n").toString();
  }

  private static String header(String message, String name) {
    return message.lines()
        .filter(l -> l.regionMatches(true, 0, name + ":", 0, name.length() + 1))
        .map(l -> l.substring(name.length() + 1).strip())
        .findFirst()
        .orElse("");
  }

  private void send(String message, SocketAddress to) throws IOException {
    byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
    socket.send(new DatagramPacket(bytes, bytes.length, to));
  }

  private static String random() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }
}
