package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The real library over a real socket, against {@link FakeAmiServer}. */
@Timeout(20)
class AsteriskJavaClientSocketTest {

  private static final Duration SHORT = Duration.ofMillis(500);

  @Test
  void aServerThatNeverGreetsIsATimeout() throws Exception {
    try (FakeAmiServer server = new FakeAmiServer(FakeAmiServer.Behaviour.SILENT)) {
      AmiException e =
          assertThrows(
              AmiException.class,
              () -> AmiConnector.connect(server.settings().withTimeouts(SHORT, SHORT)));
      assertEquals(AmiException.Kind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().startsWith("connected to " + server.settings().address()
          + ", but nothing came within 500 ms (Asterisk's manager greets at once)"),
          e.getMessage());
      assertTrue(e.getMessage().contains("Give --ami the right HOST:PORT"), e.getMessage());
    }
  }

  @Test
  void aClosedPortSaysNothingListensAndNeverMentionsAGreeting() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    AmiSettings settings = AmiSettings.of("127.0.0.1", port, "vaxel", "secret")
        .withTimeouts(SHORT, SHORT);
    AmiException e = assertThrows(AmiException.class, () -> AmiConnector.connect(settings));
    assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().startsWith("cannot reach the AMI at 127.0.0.1:" + port
        + ": connection refused: nothing listens on that port"), e.getMessage());
    assertFalse(e.getMessage().contains("greeting"), e.getMessage());
  }

  @Test
  void anotherServiceOnThePortIsNamedByWhatItSaid() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      Thread t = new Thread(() -> {
        try (java.net.Socket c = s.accept()) {
          c.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
          c.getOutputStream().flush();
          Thread.sleep(2000);
        } catch (Exception ignored) {
          // the client gave up: what this test waits for
        }
      });
      t.setDaemon(true);
      t.start();
      AmiSettings settings = AmiSettings.of("127.0.0.1", s.getLocalPort(), "vaxel",
          "secret").withTimeouts(SHORT, SHORT);
      AmiException e = assertThrows(AmiException.class, () -> AmiConnector.connect(settings));
      assertEquals("connected to 127.0.0.1:" + s.getLocalPort() + ", but it answered"
          + " 'SSH-2.0-OpenSSH_9.2', not an AMI greeting: another service listens there; give"
          + " --ami the Asterisk manager's port (manager.conf [general] port, usually 5038)",
          e.getMessage());
    }
  }

  @Test
  void anActionWithoutAnswerTimesOutAfterTheActionTimeout() throws Exception {
    try (FakeAmiServer server = new FakeAmiServer(FakeAmiServer.Behaviour.IGNORE_ACTIONS);
        AmiClient client = AmiConnector.connect(server.settings().withTimeouts(SHORT, SHORT))) {
      long start = System.nanoTime();
      AmiException e = assertThrows(AmiException.class, () -> client.dbPut("f", "k", "v"));
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(AmiException.Kind.TIMEOUT, e.kind());
      assertEquals("the AMI at " + server.settings().address() + " did not answer DBPut within 500 ms",
          e.getMessage());
      assertTrue(millis >= 450, "gave up after " + millis + " ms");
    }
  }

  @Test
  void aListWithoutAnswerTimesOutAfterTheListTimeout() throws Exception {
    try (FakeAmiServer server = new FakeAmiServer(FakeAmiServer.Behaviour.IGNORE_ACTIONS);
        AmiClient client =
            AmiConnector.connect(server.settings().withTimeouts(SHORT, Duration.ofMillis(700)))) {
      AmiException e = assertThrows(AmiException.class, client::voicemailUsers);
      assertEquals(AmiException.Kind.TIMEOUT, e.kind());
      assertTrue(e.getMessage().endsWith("VoicemailUsersList within 700 ms"), e.getMessage());
    }
  }

  @Test
  void aLinkThatDropsMidActionIsUnreachableAtOnce() throws Exception {
    try (FakeAmiServer server = new FakeAmiServer(FakeAmiServer.Behaviour.DROP_ON_ACTION);
        AmiClient client =
            AmiConnector.connect(
                server.settings().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)))) {
      long start = System.nanoTime();
      AmiException e = assertThrows(AmiException.class, client::voicemailUsers);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
      assertEquals("lost the AMI connection to " + server.settings().address(), e.getMessage());
      assertTrue(millis < 4000, "took " + millis + " ms");
    }
  }

  @Test
  void userEventsArriveWithAllHeadersOnAThreadThatMayCallAmi() throws Exception {
    try (FakeAmiServer server =
            new FakeAmiServer(FakeAmiServer.Behaviour.SUCCEED_AND_EMIT_USER_EVENT);
        AmiClient client = AmiConnector.connect(server.settings().withEvents(true))) {
      BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
      BlockingQueue<String> threads = new LinkedBlockingQueue<>();
      AmiClient.Subscription subscription =
          client.onUserEvent(
              "vaxelrang",
              headers -> {
                // Calling AMI from a listener must not deadlock (it would on the library's thread).
                client.setvar("FROM_LISTENER", "1");
                threads.add(Thread.currentThread().getName());
                received.add(headers);
              });
      client.dbPut("f", "k", "v");
      Map<String, String> headers = received.poll(5, TimeUnit.SECONDS);
      subscription.close();
      assertEquals("VaxelRang", headers.get("userevent"));
      assertEquals("2101", headers.get("extension"));
      assertEquals("first\nsecond", headers.get("note"));
      assertFalse(threads.take().startsWith("Asterisk-Java"));
    }
  }

  @Test
  void aClosedClientDoesNotKeepTheServerWaiting() throws Exception {
    try (FakeAmiServer server = new FakeAmiServer(FakeAmiServer.Behaviour.IGNORE_ACTIONS)) {
      AmiClient client = AmiConnector.connect(server.settings());
      long start = System.nanoTime();
      client.close();
      client.close();
      assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000);
      AmiException e = assertThrows(AmiException.class, () -> client.dbPut("f", "k", "v"));
      assertEquals(AmiException.Kind.UNREACHABLE, e.kind());
    }
  }
}
