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
      assertEquals(
          "connected to " + server.settings().address() + ", but no AMI greeting came within"
              + " 500 ms (is it an Asterisk manager port?)",
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
