package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.Snapshot.Greeting;

class VoicemailUnansweredTest {
  private final Rule rule = new VoicemailUnanswered();

  /** Anna's mailbox with its oldest unheard message left at this local time. */
  private static Fixture annaHasUnheardSince(String localDateTime) {
    Fixture f = Fixture.compliant();
    f.greetings.put("2102",
        new Greeting(true, false, Optional.of(Fixture.at(localDateTime))));
    return f;
  }

  @Test
  void messageUnheardForFourWorkingDaysIsReported() {
    // Thursday 23 July; today is Wednesday 29 July: Fri, Mon, Tue, Wed.
    Fixture f = annaHasUnheardSince("2026-07-23T14:00");

    assertEquals(List.of(new Finding("VOICEMAIL-UNANSWERED", Severity.WARNING, "anna.berg",
        "2102", "the oldest unheard message in mailbox 2102 was left on 2026-07-23, 4 working "
            + "days ago (E1: answer within 3)")), f.check(rule));
  }

  @Test
  void messageUnheardForThreeWorkingDaysIsStillInTime() {
    Fixture f = annaHasUnheardSince("2026-07-24T14:00");

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void publicHolidaysAreNotWorkingDays() {
    // Wednesday 1 April 2026; Good Friday (3 April) and Easter Monday (6 April) do not count,
    // so on Tuesday 7 April only Thursday and Tuesday have passed.
    Fixture f = annaHasUnheardSince("2026-04-01T09:00");
    f.now = Fixture.at("2026-04-07T10:00");

    assertEquals(List.of(), f.check(rule));

    f.now = Fixture.at("2026-04-09T10:00");
    assertEquals(List.of("the oldest unheard message in mailbox 2102 was left on 2026-04-01, 4 "
        + "working days ago (E1: answer within 3)"),
        f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void daysAreCountedInTheOrganisationsTimeZone() {
    // 00:30 on Friday 24 July in Stockholm is still Thursday in UTC.
    Fixture f = annaHasUnheardSince("2026-07-24T00:30");

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void mailboxWithNothingUnheardIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void probeThatCouldNotRunJudgesNobody() {
    Fixture f = annaHasUnheardSince("2026-07-01T14:00");
    f.greetings = null;

    assertEquals(List.of(), f.check(rule));
  }
}
