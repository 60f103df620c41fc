package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every list vaxel reads, fed through the real library from {@link FakeAmiServer} in the shapes
 * Asterisk's lossy output takes (docs/ami.md): entries missing, a message cut off and glued to
 * the next, the Complete event lost.
 */
@Timeout(60)
class ListCompletenessTest {

  private static final Duration ACTION = Duration.ofSeconds(5);
  private static final Duration LIST = Duration.ofMillis(1500);

  /** One list of the client: its action, its events, and a call that counts what it returned. */
  enum Kind {
    VOICEMAIL_USERS(
        "VoicemailUsersList",
        "VoicemailUserEntry",
        "VoicemailUserEntryComplete",
        3,
        i -> "VMContext: default\r\nVoiceMailbox: 10" + i + "\r\nFullname: Person " + i
            + "\r\nSayDurationMinimum: 2\r\nNewMessageCount: 0\r\n",
        c -> c.voicemailUsers().size()),
    DB_GET_TREE(
        "DBGetTree",
        "DBGetTreeResponse",
        "DBGetTreeComplete",
        3,
        i -> "Key: /f/k" + i + "\r\nVal: v" + i + "\r\n",
        c -> c.dbGetTree("f").size()),
    DB_GET(
        "DBGet",
        "DBGetResponse",
        "DBGetComplete",
        1,
        i -> "Family: f\r\nKey: k\r\nVal: v\r\n",
        c -> c.dbGet("f", "k").isPresent() ? 1 : 0),
    PRESENCE_STATES(
        "PresenceStateList",
        "PresenceStateChange",
        "PresenceStateListComplete",
        3,
        i -> "Presentity: CustomPresence:10" + i + "\r\nStatus: away\r\nSubtype: x\r\nMessage: m\r\n",
        c -> c.presenceStates().size()),
    DIALPLAN(
        "ShowDialPlan",
        "ListDialplan",
        "ShowDialPlanComplete",
        3,
        i -> "Context: c\r\nExtension: 10" + i + "\r\nPriority: 1\r\nApplication: NoOp\r\n"
            + "AppData: \r\nRegistrar: pbx_config\r\n",
        c -> c.showDialplan("c").size()),
    WHOLE_DIALPLAN(
        "ShowDialPlan",
        "ListDialplan",
        "ShowDialPlanComplete",
        3,
        i -> "Context: c" + i + "\r\nExtension: 10" + i + "\r\nPriority: 1\r\n"
            + "Application: NoOp\r\nAppData: \r\nRegistrar: pbx_config\r\n",
        c -> c.showDialplan().size()),
    ENDPOINTS(
        "PJSIPShowEndpoints",
        "EndpointList",
        "EndpointListComplete",
        3,
        i -> "ObjectType: endpoint\r\nObjectName: 10" + i + "\r\nAor: 10" + i
            + "\r\nContacts: \r\nDeviceState: Unavailable\r\n",
        c -> c.pjsipEndpoints().size()),
    CONTACTS(
        "PJSIPShowContacts",
        "ContactList",
        "ContactListComplete",
        3,
        i -> "ObjectType: contact\r\nObjectName: 10" + i + ";@ab\r\nEndpoint: 10" + i
            + "\r\nUri: sip:10" + i + "@127.0.0.1\r\nStatus: Reachable\r\n",
        c -> c.pjsipContacts().size());

    final String action;
    final String entryEvent;
    final String completeEvent;
    final int size;
    final java.util.function.IntFunction<String> entryHeaders;
    final ToIntFunction<AmiClient> read;

    Kind(
        String action,
        String entryEvent,
        String completeEvent,
        int size,
        java.util.function.IntFunction<String> entryHeaders,
        ToIntFunction<AmiClient> read) {
      this.action = action;
      this.entryEvent = entryEvent;
      this.completeEvent = completeEvent;
      this.size = size;
      this.entryHeaders = entryHeaders;
      this.read = read;
    }

    String entry(String actionId, int i) {
      return "Event: " + entryEvent + "\r\nActionID: " + actionId + "\r\n" + entryHeaders.apply(i)
          + "\r\n";
    }

    String complete(String actionId, int items) {
      return "Event: " + completeEvent + "\r\nActionID: " + actionId
          + "\r\nEventList: Complete\r\nListItems: " + items + "\r\n\r\n";
    }

    /** The answer as Asterisk writes it, with {@code damage} done the way its writes fail. */
    String answer(String actionId, Damage damage) {
      StringBuilder out = new StringBuilder("Response: Success\r\nActionID: " + actionId
          + "\r\nEventList: start\r\nMessage: will follow\r\n\r\n");
      List<String> messages = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        messages.add(entry(actionId, i));
      }
      messages.add(complete(actionId, size));
      int victim = size > 1 ? 1 : 0;
      switch (damage) {
        case NONE -> {}
        case ENTRY_MISSING -> messages.remove(victim);
        case GLUED -> messages.set(victim, cut(messages.get(victim)));
        case HEAD_ON_TAIL ->
            messages.set(victim, head(messages.get(victim)) + tail(messages.remove(victim + 1)));
        case COMPLETE_GLUED -> messages.set(size - 1, cut(messages.get(size - 1)));
        case COMPLETE_MISSING -> messages.remove(size);
      }
      messages.forEach(out::append);
      return out.toString();
    }

    /** The Event and ActionID lines and one header more: an entry's first write. */
    private static String head(String message) {
      int afterId = message.indexOf("\r\n", message.indexOf("ActionID")) + 2;
      return message.substring(0, message.indexOf("\r\n", afterId) + 2);
    }

    /** All but the Event and ActionID lines: an entry whose first write was dropped. */
    private static String tail(String message) {
      return message.substring(message.indexOf("\r\n", message.indexOf("ActionID")) + 2);
    }

    /** A write that timed out: the head of the message, without the empty line that ends it. */
    private static String cut(String message) {
      return message.substring(0, message.indexOf("\r\n", message.indexOf("ActionID")) + 5);
    }
  }

  enum Damage {
    NONE,
    ENTRY_MISSING,
    /** One message cut off mid-line and the next message whole behind it. */
    GLUED,
    /** The head of one entry and the tail of the next: one Event, repeated other headers. */
    HEAD_ON_TAIL,
    COMPLETE_GLUED,
    COMPLETE_MISSING
  }

  private static FakeAmiServer serving(Kind kind, Damage first, Damage later, AtomicInteger asked)
      throws IOException {
    return new FakeAmiServer(
        (action, actionId, count, out) -> {
          if (!action.equalsIgnoreCase(kind.action)) {
            write(out, "Response: Error\r\nActionID: " + actionId + "\r\nMessage: unexpected\r\n\r\n");
            return;
          }
          asked.incrementAndGet();
          write(out, kind.answer(actionId, count == 1 ? first : later));
        });
  }

  private static void write(OutputStream out, String text) throws IOException {
    synchronized (out) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }
  }

  private static AmiClient connect(FakeAmiServer server) {
    return AmiConnector.connect(server.settings().withTimeouts(ACTION, LIST));
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aWholeListIsReadOnce(Kind kind) throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (FakeAmiServer server = serving(kind, Damage.NONE, Damage.NONE, asked);
        AmiClient client = connect(server)) {
      assertEquals(kind.size, kind.read.applyAsInt(client));
      assertEquals(1, asked.get());
    }
  }

  static List<Arguments> damagedLists() {
    List<Arguments> cases = new ArrayList<>();
    for (Kind kind : Kind.values()) {
      for (Damage damage : Damage.values()) {
        if (damage != Damage.NONE) {
          cases.add(Arguments.of(kind, damage));
        }
      }
    }
    return cases;
  }

  /**
   * A lost Complete event costs a list timeout per read, so that damage is read once more for
   * one list here; the twice-damaged test below covers it for every list.
   */
  static List<Arguments> damagedOnce() {
    List<Arguments> cases = new ArrayList<>(damagedLists());
    cases.removeIf(
        c -> c.get()[1] == Damage.COMPLETE_MISSING && c.get()[0] != Kind.VOICEMAIL_USERS);
    return cases;
  }

  @ParameterizedTest
  @MethodSource("damagedOnce")
  void aDamagedListIsReadOnceMore(Kind kind, Damage damage) throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (FakeAmiServer server = serving(kind, damage, Damage.NONE, asked);
        AmiClient client = connect(server)) {
      assertEquals(kind.size, kind.read.applyAsInt(client));
      assertEquals(2, asked.get());
    }
  }

  @ParameterizedTest
  @MethodSource("damagedLists")
  void aListDamagedTwiceIsIncompleteAndSaysWhatToDo(Kind kind, Damage damage) throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (FakeAmiServer server = serving(kind, damage, damage, asked);
        AmiClient client = connect(server)) {
      AmiIncompleteException e =
          assertThrows(AmiIncompleteException.class, () -> kind.read.applyAsInt(client));
      assertEquals(AmiException.Kind.INCOMPLETE, e.kind());
      assertEquals(2, asked.get());
      String message = e.getMessage();
      assertTrue(
          message.startsWith(
              kind.action + " from the AMI at " + server.settings().address()
                  + " arrived incomplete twice ("),
          message);
      assertTrue(
          message.endsWith(
              "Add the line 'writetimeout = 10000' to the [vaxel] section of manager.conf and"
                  + " run 'manager reload' on the PBX (see docs/ami.md)."),
          message);
      String lost =
          switch (damage) {
            case ENTRY_MISSING -> (kind.size - 1) + " of " + kind.size + " entries)";
            case GLUED, HEAD_ON_TAIL -> "1 message cut off and glued to the next";
            case COMPLETE_GLUED, COMPLETE_MISSING ->
                "the Complete event that ends the list was lost";
            case NONE -> throw new AssertionError();
          };
      assertTrue(message.contains(lost), message);
    }
  }

  @Test
  void theSecondReadWaitsForTheReconnectAfterAsteriskHungUp() throws Exception {
    // Asterisk ends the session after a write that timed out, once the action is answered.
    AtomicInteger asked = new AtomicInteger();
    try (FakeAmiServer server =
            new FakeAmiServer(
                (action, actionId, count, out) -> {
                  asked.incrementAndGet();
                  write(out, Kind.VOICEMAIL_USERS.answer(
                      actionId, count == 1 ? Damage.GLUED : Damage.NONE));
                  if (count == 1) {
                    out.close();
                  }
                });
        AmiClient client = connect(server)) {
      assertEquals(3, client.voicemailUsers().size());
      assertEquals(2, asked.get());
    }
  }

  @Test
  void aGluedCompleteEventEndsTheWaitAtOnce() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (FakeAmiServer server =
            serving(Kind.VOICEMAIL_USERS, Damage.COMPLETE_GLUED, Damage.COMPLETE_GLUED, asked);
        AmiClient client =
            AmiConnector.connect(server.settings().withTimeouts(ACTION, Duration.ofSeconds(30)))) {
      long start = System.nanoTime();
      assertThrows(AmiIncompleteException.class, client::voicemailUsers);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(millis < 10_000, "waited " + millis + " ms of a 30 s list timeout");
    }
  }

  @Test
  void anInterruptThatEndedTheWaitDoesNotLeakIntoTheCaller() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    try (FakeAmiServer server =
            serving(Kind.DB_GET_TREE, Damage.COMPLETE_GLUED, Damage.NONE, asked);
        AmiClient client = connect(server)) {
      assertEquals(3, client.dbGetTree("f").size());
      assertTrue(!Thread.currentThread().isInterrupted());
    }
  }

  @Test
  void anEndlessListStopsAtTheEntryCapInsteadOfFillingTheHeap() throws Exception {
    try (FakeAmiServer server =
            new FakeAmiServer(
                (action, actionId, count, out) -> {
                  write(out, "Response: Success\r\nActionID: " + actionId
                      + "\r\nEventList: start\r\n\r\n");
                  for (int i = 0; ; i++) {
                    write(out, Kind.VOICEMAIL_USERS.entry(actionId, i));
                  }
                });
        AmiClient client =
            AsteriskJavaClient.connect(
                server.settings().withTimeouts(ACTION, Duration.ofSeconds(30)),
                new AmiWire(AmiWire.MAX_PUMP_LAG, 1_000),
                DrainedSocket.MAX_BUFFERED_BYTES,
                DrainedSocket.MAX_MESSAGE_BYTES)) {
      long start = System.nanoTime();
      AmiIncompleteException e = assertThrows(AmiIncompleteException.class, client::voicemailUsers);
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(e.getMessage().contains("sent more than 1,000 entries"), e.getMessage());
      assertTrue(millis < 10_000, "took " + millis + " ms");
    }
  }

  @Test
  void anEndlessMessageEndsTheConnectionWithAReason() throws Exception {
    try (FakeAmiServer server =
            new FakeAmiServer(
                (action, actionId, count, out) -> {
                  write(out, "Event: VoicemailUserEntry\r\nActionID: " + actionId + "\r\n");
                  while (true) {
                    write(out, "Fullname: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\r\n");
                  }
                });
        AmiClient client =
            AsteriskJavaClient.connect(
                server.settings().withTimeouts(ACTION, Duration.ofSeconds(30)),
                new AmiWire(),
                DrainedSocket.MAX_BUFFERED_BYTES,
                64 << 10)) {
      AmiException e = assertThrows(AmiException.class, client::voicemailUsers);
      assertEquals(AmiException.Kind.INCOMPLETE, e.kind());
      assertEquals(
          "the AMI sent a message longer than 64 KiB; vaxel stopped reading it from "
              + server.settings().address()
              + ". Is it really an Asterisk?",
          e.getMessage());
    }
  }
}
