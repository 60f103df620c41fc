package se.vaxel.ami;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * Just enough of an AMI server on a loopback port to drive the real library into the situations
 * Asterisk will not produce on demand: no greeting, no answer, a link that drops mid-action.
 * Login (Challenge, Login, CoreSettings) and Logoff are answered; every other action goes to the
 * {@link Behaviour}.
 */
final class FakeAmiServer implements AutoCloseable {

  enum Behaviour {
    /** Accept the connection and never say anything, not even the greeting. */
    SILENT,
    /** Log in, then never answer another action. */
    IGNORE_ACTIONS,
    /** Log in, then close the connection when the next action arrives. */
    DROP_ON_ACTION,
    /** Log in, then answer every action with Success; after a DBPut, send a UserEvent. */
    SUCCEED_AND_EMIT_USER_EVENT,
    /** Log in, then let the {@link Script} answer every action. */
    SCRIPTED
  }

  /** Writes the raw answer to one action, glued, cut short or endless as a test needs. */
  @FunctionalInterface
  interface Script {
    /**
     * @param action the action's name, e.g. "VoicemailUsersList"
     * @param actionId the ActionID the client sent, to be echoed
     * @param count how many times this action has been received, this one included
     */
    void answer(String action, String actionId, int count, OutputStream out) throws IOException;
  }

  private final ServerSocket server;
  private final Behaviour behaviour;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final Thread acceptor;
  private final Script script;
  private final Map<String, Integer> counts = new java.util.concurrent.ConcurrentHashMap<>();

  FakeAmiServer(Behaviour behaviour) throws IOException {
    this(behaviour, null);
  }

  FakeAmiServer(Script script) throws IOException {
    this(Behaviour.SCRIPTED, script);
  }

  private FakeAmiServer(Behaviour behaviour, Script script) throws IOException {
    this.server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    this.behaviour = behaviour;
    this.script = script;
    this.acceptor = new Thread(this::acceptLoop, "fake-ami");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  AmiSettings settings() {
    return AmiSettings.of("127.0.0.1", server.getLocalPort(), "vaxel", "s3cret-not-in-messages");
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        clients.add(client);
        Thread session = new Thread(() -> serve(client), "fake-ami-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      if (behaviour == Behaviour.SILENT) {
        client.getInputStream().read();
        return;
      }
      OutputStream out = client.getOutputStream();
      BufferedReader in =
          new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
      send(out, "Asterisk Call Manager/11.0.0\r\n");
      Map<String, String> action;
      while ((action = readMessage(in)) != null) {
        String name = action.getOrDefault("action", "").toLowerCase(Locale.ROOT);
        String id = action.getOrDefault("actionid", "");
        switch (name) {
          case "challenge" -> reply(out, id, "Challenge: 1234");
          case "login" -> reply(out, id, "Message: Authentication accepted");
          case "coresettings" -> reply(out, id, "AsteriskVersion: 22.10.1\r\nAMIversion: 11.0.0");
          case "logoff" -> {
            send(out, "Response: Goodbye\r\nActionID: " + id + "\r\n\r\n");
            return;
          }
          default -> {
            switch (behaviour) {
              case SCRIPTED ->
                  script.answer(
                      action.getOrDefault("action", ""),
                      id,
                      counts.merge(name, 1, Integer::sum),
                      out);
              case IGNORE_ACTIONS -> {}
              case DROP_ON_ACTION -> {
                return;
              }
              default -> {
                reply(out, id, "Message: done");
                if (name.equals("dbput")) {
                  send(
                      out,
                      "Event: UserEvent\r\nPrivilege: user,all\r\nUserEvent: VaxelRang\r\n"
                          + "Extension: 2101\r\nNote: first\r\nNote: second\r\n\r\n");
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to clean up beyond the socket.
    }
  }

  private static Map<String, String> readMessage(BufferedReader in) throws IOException {
    Map<String, String> headers = new LinkedHashMap<>();
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isEmpty()) {
        return headers;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        headers.put(
            line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
            line.substring(colon + 1).strip());
      }
    }
    return null;
  }

  private static void reply(OutputStream out, String actionId, String extraHeaders)
      throws IOException {
    send(out, "Response: Success\r\nActionID: " + actionId + "\r\n" + extraHeaders + "\r\n\r\n");
  }

  private static synchronized void send(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket client : clients) {
      client.close();
    }
  }
}
