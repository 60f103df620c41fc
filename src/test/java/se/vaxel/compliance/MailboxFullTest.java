package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.VoicemailBox;

class MailboxFullTest {
  private final Rule rule = new MailboxFull();

  private static VoicemailBox annas(int newMessages, int maxMessages) {
    return new VoicemailBox("vaxel", "2102", "Anna Berg", "anna.berg@bjurholm.se", "", "", "",
        false, newMessages, 0, maxMessages, 0);
  }

  @Test
  void mailboxAtItsLimitIsFull() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", annas(100, 100));

    assertEquals(List.of(new Finding("MAILBOX-FULL", Severity.ERROR, "anna.berg", "2102",
        "mailbox 2102 is full (100 of 100 messages): callers cannot leave a message")),
        f.check(rule));
  }

  @Test
  void mailboxWithRoomForOneMoreIsCompliant() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", annas(99, 100));

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void mailboxWithoutALimitIsNeverFull() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", annas(500, 0));

    assertEquals(List.of(), f.check(rule));
  }
}
