package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

class UserEventTapTest {

  private final List<Map<String, String>> seen = new ArrayList<>();
  private final UserEventTap tap = new UserEventTap(mock(SocketConnectionFacade.class), seen::add);

  private void feed(String... lines) {
    for (String line : lines) {
      tap.observe(line);
    }
  }

  @Test
  void aUserEventArrivesWithEveryHeaderUnderALowerCaseKey() {
    feed(
        "Asterisk Call Manager/11.0.0",
        "Event: UserEvent",
        "Privilege: user,all",
        "Channel: Local/2101@vaxel-staff-00000000;2",
        "UserEvent: VaxelRang",
        "Extension: 2101",
        "Who: a value: with a colon",
        "");
    assertEquals(1, seen.size());
    Map<String, String> event = seen.get(0);
    assertEquals("VaxelRang", event.get("userevent"));
    assertEquals("2101", event.get("extension"));
    assertEquals("a value: with a colon", event.get("who"));
    assertEquals("Local/2101@vaxel-staff-00000000;2", event.get("channel"));
  }

  @Test
  void responsesAndOtherEventsAreIgnored() {
    feed("Response: Success", "ActionID: 1", "Message: Authentication accepted", "");
    feed("Event: FullyBooted", "Privilege: system,all", "");
    feed("Event: VoicemailUserEntry", "UserEvent: not really", "");
    assertEquals(List.of(), seen);
  }

  @Test
  void repeatedHeadersAreJoinedByNewlines() {
    feed("Event: UserEvent", "UserEvent: X", "Note: first", "Note: second", "");
    assertEquals("first\nsecond", seen.get(0).get("note"));
  }

  @Test
  void consecutiveUserEventsAreDeliveredSeparately() {
    feed("Event: UserEvent", "UserEvent: A", "", "Event: UserEvent", "UserEvent: B", "");
    assertEquals(List.of("A", "B"), seen.stream().map(e -> e.get("userevent")).toList());
  }
}
