package se.vaxel.ami;

import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.asteriskjava.util.SocketConnectionFacade;

/**
 * Passes every line the library reads through unchanged and hands each complete UserEvent and
 * ExtensionStatus event, as its headers with lower-cased keys, to a sink.
 *
 * <p>It exists because Asterisk-Java builds an event object only for a class registered per
 * event name, with one setter per header, and drops every other header: a UserEvent with
 * headers of the dialplan's choosing cannot come through it. Runs on the library's reader
 * thread, so the sink must only enqueue.
 */
final class UserEventTap implements SocketConnectionFacade {

  private final SocketConnectionFacade socket;
  private final Consumer<Map<String, String>> sink;
  /** The UserEvent being read, or null between UserEvents. */
  private Map<String, String> event;

  UserEventTap(SocketConnectionFacade socket, Consumer<Map<String, String>> sink) {
    this.socket = socket;
    this.sink = sink;
  }

  @Override
  public String readLine() throws IOException {
    String line = socket.readLine();
    if (line != null) {
      observe(line);
    }
    return line;
  }

  /**
   * AMI messages are "Name: value" lines ended by an empty line, and Asterisk puts the Event
   * header first, so a message is a UserEvent exactly when it starts with "Event: UserEvent".
   */
  void observe(String line) {
    if (line.isEmpty()) {
      if (event != null) {
        sink.accept(Map.copyOf(event));
        event = null;
      }
      return;
    }
    int colon = line.indexOf(':');
    if (colon <= 0) {
      return;
    }
    String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
    String value = line.substring(colon + 1).strip();
    if (event == null) {
      if (name.equals("event") && (value.equalsIgnoreCase("UserEvent")
          || value.equalsIgnoreCase("ExtensionStatus"))) {
        event = new LinkedHashMap<>();
        event.put(name, value);
      }
      return;
    }
    event.merge(name, value, (first, next) -> first + "\n" + next);
  }

  @Override
  public void write(String s) throws IOException {
    socket.write(s);
  }

  @Override
  public void flush() throws IOException {
    socket.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
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
    return socket.getRemoteAddress();
  }

  @Override
  public int getRemotePort() {
    return socket.getRemotePort();
  }
}
