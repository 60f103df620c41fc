package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.Snapshot.Greeting;
import se.vaxel.model.Reason;
import se.vaxel.live.LiveOverride;

class AbsenceNoTempGreetingTest {
  private final Rule rule = new AbsenceNoTempGreeting();

  private static final Greeting USUAL_ONLY = new Greeting(true, false, Optional.empty());

  private static List<String> messages(Fixture f, Rule rule) {
    return f.check(rule).stream().map(Finding::message).toList();
  }

  /** Someone with only {@code absence} (YAML lines) in staff.yaml, extension 2105. */
  private static Fixture eva(String absence) {
    return Fixture.compliant(Fixture.HEAD + """
          - id: eva.sandberg
            first-name: Eva
            last-name: Sandberg
            email: eva.sandberg@bjurholm.se
            extension: "2105"
            absences:
        """ + absence);
  }

  @Test
  void weeksAwayWithoutATemporaryGreetingIsReported() {
    Fixture f = Fixture.compliant();
    f.greetings.put("2101", USUAL_ONLY);

    assertEquals(List.of(new Finding("ABSENCE-NO-TEMP-GREETING", Severity.WARNING,
        "calle.carlsson", "2101", "away through 2026-08-09 (staff.yaml) with no temporary "
            + "greeting recorded in mailbox 2101: callers are not told they are away")),
        f.check(rule));
  }

  /** With the option on, the missing greeting is apply's to speak, not the person's to record. */
  @Test
  void withTheSpokenGreetingOnTheMessageSaysApply() {
    Fixture f = Fixture.compliant("speech:\n  temporary-greeting: true\n" + Fixture.STAFF);
    f.greetings.put("2101", USUAL_ONLY);

    assertEquals(List.of("away through 2026-08-09 (staff.yaml) with no temporary greeting in"
        + " mailbox 2101, although speech.temporary-greeting is on: run vaxel apply, which speaks"
        + " one: callers are not told they are away"), messages(f, rule));
  }

  @Test
  void awayWithATemporaryGreetingIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void meetingOfAFewHoursNeedsNoTemporaryGreeting() {
    Fixture f = eva("""
              - from: 2026-07-29T08:00
                until: 2026-07-29T15:00
                reason: mote
        """);
    f.greetings.put("2105", USUAL_ONLY);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void partDaysAroundAWholeWorkingDayNeedATemporaryGreeting() {
    Fixture f = eva("""
              - from: 2026-07-28T13:00
                until: 2026-07-30T10:00
                reason: tjansteresa
        """);
    f.greetings.put("2105", USUAL_ONLY);

    assertEquals(List.of("away until 2026-07-30 10:00 (staff.yaml) with no temporary greeting "
        + "recorded in mailbox 2105: callers are not told they are away"), messages(f, rule));
  }

  @Test
  void dayOffOnAPublicHolidayIsNoWorkingDayAway() {
    // Midsommarafton, Friday 19 June 2026, is not a working day.
    Fixture f = eva("""
              - from: 2026-06-19
                until: 2026-06-19
                reason: semester
        """);
    f.now = Fixture.at("2026-06-19T10:00");
    f.greetings.put("2105", USUAL_ONLY);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void liveAbsenceOverAWeekendOnlyNeedsNoTemporaryGreeting() {
    Fixture f = Fixture.compliant();
    f.now = Fixture.at("2026-08-01T10:00");
    f.overrides.put("2102", LiveOverride.away("2102", Fixture.at("2026-07-31T16:00"),
        Fixture.at("2026-08-03T08:00"), "-", Reason.ANNAT, null, "anna.berg"));
    f.greetings.put("2102", USUAL_ONLY);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void liveAbsenceOverAWholeWorkingDayNeedsATemporaryGreeting() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-31T17:00"), "-", null);
    f.greetings.put("2102", USUAL_ONLY);

    assertEquals(List.of("away until 2026-07-31 17:00 (live override) with no temporary "
        + "greeting recorded in mailbox 2102: callers are not told they are away"),
        messages(f, rule));
  }

  @Test
  void presentPersonWithoutATemporaryGreetingIsCompliant() {
    Fixture f = Fixture.compliant();
    f.greetings.put("2102", USUAL_ONLY);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void probeThatCouldNotRunJudgesNobody() {
    Fixture f = Fixture.compliant();
    f.greetings = null;

    assertEquals(List.of(), f.check(rule));
  }
}
