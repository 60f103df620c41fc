package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.Snapshot.Greeting;

class GreetingMissingTest {
  private final Rule rule = new GreetingMissing();

  @Test
  void mailboxWithoutAnUnavailableGreetingIsReported() {
    Fixture f = Fixture.compliant();
    f.greetings.put("2102", new Greeting(false, false, Optional.empty()));

    assertEquals(List.of(new Finding("GREETING-MISSING", Severity.ERROR, "anna.berg", "2102",
        "no unavailable greeting recorded in mailbox 2102: callers hear Asterisk's default "
            + "instead of the T2 greeting")), f.check(rule));
  }

  @Test
  void recordedGreetingsAreCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void probeThatCouldNotRunJudgesNobody() {
    Fixture f = Fixture.compliant();
    f.greetings = null;

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void mailboxTheProbeDidNotReachIsNotJudged() {
    Fixture f = Fixture.compliant();
    f.greetings.remove("2102");

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void missingMailboxIsLeftToVmMissing() {
    Fixture f = Fixture.compliant();
    f.mailboxes.remove("2102");
    f.greetings.put("2102", new Greeting(false, false, Optional.empty()));

    assertEquals(List.of(), f.check(rule));
  }
}
