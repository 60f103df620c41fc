package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class AbsenceAlternateUnavailableTest {
  private final Rule rule = new AbsenceAlternateUnavailable();

  private static List<String> messages(Fixture f, Rule rule) {
    return f.check(rule).stream().map(Finding::message).toList();
  }

  @Test
  void thisWeeksContactAwayTooIsReported() {
    Fixture f = Fixture.compliant();
    f.liveAway("2103", Fixture.at("2026-07-29T16:00"), "-", null);

    assertEquals(List.of(new Finding("ABSENCE-ALTERNATE-UNAVAILABLE", Severity.WARNING,
        "calle.carlsson", "2101", "contact for week 31 bo.lind (Bo Lind) is away too, until "
            + "2026-07-29 16:00 (live override)")), f.check(rule));
  }

  @Test
  void alternateIsJudgedInWeeksWithoutAWeeklyContact() {
    Fixture f = Fixture.compliant();
    f.now = Fixture.at("2026-08-05T10:00");
    f.liveAway("2102", Fixture.at("2026-08-07T00:00"), "-", null);

    assertEquals(List.of("alternate anna.berg (Anna Berg) is away too, through 2026-08-06 "
        + "(live override)"), messages(f, rule));
  }

  @Test
  void availableContactIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void alternateWithoutAnExtensionIsReported() {
    Fixture f = Fixture.compliant(Fixture.HEAD + """
          - id: calle.carlsson
            first-name: Calle
            last-name: Carlsson
            email: calle.carlsson@bjurholm.se
            extension: "2101"
            absences:
              - from: 2026-07-20
                until: 2026-08-09
                reason: semester
                alternate: nils.ohman
          - id: nils.ohman
            first-name: Nils
            last-name: Öhman
            email: nils.ohman@bjurholm.se
            mobile: "070-123 45 67"
        """);

    assertEquals(List.of("alternate nils.ohman (Nils Öhman) has no extension, so the "
        + "switchboard takes the calls and refers callers to them"),
        messages(f, rule));
  }

  @Test
  void liveOverridesAlternateAwayTooIsReported() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-29T16:00"), "2103", "bo.lind");
    f.liveAway("2103", Fixture.at("2026-07-29T12:00"), "-", null);

    assertEquals(List.of(
        "contact for week 31 bo.lind (Bo Lind) is away too, until 2026-07-29 12:00 (live "
            + "override)",
        "alternate bo.lind (Bo Lind) is away too, until 2026-07-29 12:00 (live override)"),
        messages(f, rule));
  }

  @Test
  void liveOverridesAlternateWhoLeftIsReported() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-29T16:00"), "-", "olle.gammal");

    assertEquals(List.of("alternate olle.gammal is not in staff.yaml"), messages(f, rule));
  }

  @Test
  void absenceWithNobodyNamedIsNoFinding() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-29T16:00"), "-", null);

    assertEquals(List.of(), f.check(rule));
  }
}
