package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LoadedRouting.Window;
import se.vaxel.live.LiveOverride;

class AbsenceNotRoutedTest {
  private final Rule rule = new AbsenceNotRouted();

  private static List<String> messages(Fixture f, Rule rule) {
    return f.check(rule).stream().map(Finding::message).toList();
  }

  @Test
  void plannedAbsenceRoutedToThisWeeksContactIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void absentPersonWithStaleDialplanIsNotRouted() {
    Fixture f = Fixture.compliant();
    f.planned.remove("2101");

    assertEquals(List.of(new Finding("ABSENCE-NOT-ROUTED", Severity.ERROR, "calle.carlsson",
        "2101", "away through 2026-08-09 (staff.yaml): calls should go to 2103 (Bo Lind), but "
            + "the loaded dialplan rings 2101 as if they were present")), f.check(rule));
  }

  @Test
  void loadedWindowWithAnotherTargetRoutesToTheWrongPerson() {
    Fixture f = Fixture.compliant();
    f.planned.put("2101", List.of(new Window(Fixture.at("2026-07-20T00:00").getEpochSecond(),
        Fixture.at("2026-08-10T00:00").getEpochSecond(), "2102")));

    assertEquals(List.of("away through 2026-08-09 (staff.yaml): calls should go to 2103 "
        + "(Bo Lind), but the loaded dialplan routes them to 2102 (Anna Berg)"), messages(f, rule));
  }

  @Test
  void loadedWeeklyContactInAnotherWeekRoutesToTheAlternateThisWeek() {
    Fixture f = Fixture.compliant();
    long start = Fixture.at("2026-07-20T00:00").getEpochSecond();
    long end = Fixture.at("2026-08-10T00:00").getEpochSecond();
    f.planned.put("2101", List.of(new Window(start, end, Set.of(30), Fixture.ZONE, "2103"),
        new Window(start, end, "2102")));

    assertEquals(List.of("away through 2026-08-09 (staff.yaml): calls should go to 2103 "
        + "(Bo Lind), but the loaded dialplan routes them to 2102 (Anna Berg)"), messages(f, rule));
  }

  @Test
  void absenceWithNoDialplanLoadedIsNotRouted() {
    Fixture f = Fixture.compliant();
    f.fingerprint = "";
    f.overridesHonoured = false;
    f.planned.clear();
    f.ringTimeouts.clear();

    assertEquals(List.of("away through 2026-08-09 (staff.yaml): calls should go to 2103 "
        + "(Bo Lind), but no vaxel dialplan is loaded"), messages(f, rule));
  }

  @Test
  void liveAbsenceIsNotRoutedByADialplanThatIgnoresOverrides() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-29T16:00"), "-", null);
    f.overridesHonoured = false;

    assertEquals(List.of(new Finding("ABSENCE-NOT-ROUTED", Severity.ERROR, "anna.berg", "2102",
        "away until 2026-07-29 16:00 (live override): calls should go to the switchboard, but "
            + "the loaded dialplan ignores live overrides and rings 2102 as if they were "
            + "present")), f.check(rule));
  }

  @Test
  void liveOverrideOfAPlannedAbsenceIgnoredFallsBackToThePlannedTarget() {
    Fixture f = Fixture.compliant();
    f.liveAway("2101", Fixture.at("2026-07-29T16:00"), "-", null);
    f.overridesHonoured = false;

    assertEquals(List.of("away until 2026-07-29 16:00 (live override): calls should go to the "
        + "switchboard, but the loaded dialplan ignores live overrides and routes them to 2103 "
        + "(Bo Lind)"), messages(f, rule));
  }

  @Test
  void liveAbsenceIsRoutedByADialplanThatReadsOverrides() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-29T16:00"), "2103", "bo.lind");

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void personBackEarlyByLiveOverrideNeedsNoRouting() {
    Fixture f = Fixture.compliant();
    f.overrides.put("2101", LiveOverride.present("2101", Fixture.at("2026-07-29T08:00"),
        Fixture.at("2026-08-10T00:00"), "calle.carlsson"));
    f.planned.remove("2101");

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void absenceWithNobodyNamedIsRoutedToTheSwitchboard() {
    Fixture f = Fixture.compliant(Fixture.HEAD + """
          - id: eva.sandberg
            first-name: Eva
            last-name: Sandberg
            email: eva.sandberg@bjurholm.se
            extension: "2105"
            absences:
              - from: 2026-07-27
                until: 2026-07-31
                reason: utbildning
        """);

    assertEquals("-", f.snapshot().routing().plannedTarget("2105", f.now).orElseThrow());
    assertEquals(List.of(), f.check(rule));

    f.planned.clear();
    assertEquals(List.of("away through 2026-07-31 (staff.yaml): calls should go to the "
        + "switchboard, but the loaded dialplan rings 2105 as if they were present"),
        messages(f, rule));
  }

  @Test
  void presentPeopleAreNotJudged() {
    Fixture f = Fixture.compliant();
    f.now = Fixture.at("2026-08-12T10:00");
    f.planned.clear();
    f.overridesHonoured = false;

    assertEquals(List.of(), f.check(rule));
  }
}
