package se.vaxel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import se.vaxel.model.CallRouting.Segment;

class CallRoutingTest {
  private static final Organisation ORG = new Organisation("Bjurholms kommun", "Bjurholm", "100",
      "0934-140 00", "kommunen@bjurholm.se", Language.SV, ZoneId.of("Europe/Stockholm"));

  private static Person person(String id, String extension, Absence... absences) {
    String[] name = id.split("\\.");
    return new Person(id, name[0], name[1], null, null, null, extension, null,
        extension == null ? "070-000 00 00" : null, id + "@bjurholm.se", null, List.of(),
        List.of(absences));
  }

  private static Absence absence(String from, String until, String alternate,
      Map<Integer, String> weekly) {
    return new Absence(LocalDate.parse(from).atStartOfDay(),
        LocalDate.parse(until).plusDays(1).atStartOfDay(), true, Reason.SEMESTER, alternate,
        MailOption.FUNCTIONAL_MAILBOX, new TreeMap<>(weekly));
  }

  private static Absence partDay(String from, String until, String alternate,
      Map<Integer, String> weekly) {
    return new Absence(LocalDateTime.parse(from), LocalDateTime.parse(until), false, Reason.MOTE,
        alternate, MailOption.READS_OWN, new TreeMap<>(weekly));
  }

  /** Calle, who is away, and colleagues: Anna and Bo with extensions, Nils with a mobile only. */
  private static Staff staffWith(Absence calleAway) {
    List<Person> people = new ArrayList<>(List.of(
        person("calle.carlsson", "2101", calleAway),
        person("anna.berg", "2102"),
        person("bo.lind", "2103"),
        person("nils.ohman", null)));
    return new Staff(ORG, AsteriskSettings.defaults(), people);
  }

  private static LocalDateTime at(String localDateTime) {
    return LocalDateTime.parse(localDateTime);
  }

  private static Segment segment(String start, String end, String target, String targetId) {
    return new Segment(at(start), at(end), target, targetId);
  }

  @Test
  void weeklyContactsSplitAnAbsenceAtMondayMidnight() {
    // Weeks 30, 31 and 32 of 2026 start on 20 July, 27 July and 3 August.
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg",
        Map.of(30, "anna.berg", 31, "bo.lind"));

    List<Segment> segments = CallRouting.segments(staffWith(away), away);

    assertEquals(List.of(
        segment("2026-07-20T00:00", "2026-07-27T00:00", "2102", "anna.berg"),
        segment("2026-07-27T00:00", "2026-08-03T00:00", "2103", "bo.lind"),
        segment("2026-08-03T00:00", "2026-08-10T00:00", "2102", "anna.berg")), segments);
  }

  @Test
  void weeksWithTheSameTargetBecomeOneSegment() {
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg",
        Map.of(30, "anna.berg", 31, "anna.berg"));

    assertEquals(List.of(segment("2026-07-20T00:00", "2026-08-10T00:00", "2102", "anna.berg")),
        CallRouting.segments(staffWith(away), away));
  }

  @Test
  void segmentsCoverTheAbsenceWithoutGapsOrOverlaps() {
    Absence away = absence("2026-12-14", "2027-01-10", "anna.berg",
        Map.of(51, "bo.lind", 53, "bo.lind", 1, "nils.ohman"));

    List<Segment> segments = CallRouting.segments(staffWith(away), away);

    assertEquals(away.start(), segments.get(0).start());
    assertEquals(away.end(), segments.get(segments.size() - 1).end());
    for (int i = 1; i < segments.size(); i++) {
      assertEquals(segments.get(i - 1).end(), segments.get(i).start());
      assertNotEquals(segments.get(i - 1).target(), segments.get(i).target(),
          "neighbouring segments with the same target were not merged: " + segments);
    }
  }

  @Test
  void weekNumbersAcrossTheNewYearFollowIsoWeeks() {
    // 2026 has an ISO week 53 (28 December to 3 January); week 1 of 2027 starts 4 January.
    Absence away = absence("2026-12-21", "2027-01-06", "anna.berg", Map.of(53, "bo.lind"));

    assertEquals(List.of(
        segment("2026-12-21T00:00", "2026-12-28T00:00", "2102", "anna.berg"),
        segment("2026-12-28T00:00", "2027-01-04T00:00", "2103", "bo.lind"),
        segment("2027-01-04T00:00", "2027-01-07T00:00", "2102", "anna.berg")),
        CallRouting.segments(staffWith(away), away));
  }

  @Test
  void partDayAbsenceIsOneSegmentAtItsOwnTimes() {
    Absence meeting = partDay("2026-11-24T09:00", "2026-11-24T12:00", "anna.berg", Map.of());

    assertEquals(List.of(segment("2026-11-24T09:00", "2026-11-24T12:00", "2102", "anna.berg")),
        CallRouting.segments(staffWith(meeting), meeting));
  }

  @Test
  void partDayAbsenceOverAWeekBoundaryStartsAndEndsAtItsTimes() {
    // Friday afternoon in week 30 to Tuesday morning in week 31.
    Absence trip = partDay("2026-07-24T13:00", "2026-07-28T10:00", "anna.berg",
        Map.of(31, "bo.lind"));

    assertEquals(List.of(
        segment("2026-07-24T13:00", "2026-07-27T00:00", "2102", "anna.berg"),
        segment("2026-07-27T00:00", "2026-07-28T10:00", "2103", "bo.lind")),
        CallRouting.segments(staffWith(trip), trip));
  }

  @Test
  void weeklyContactWithoutExtensionFallsBackToTheAlternate() {
    Absence away = absence("2026-07-27", "2026-08-02", "anna.berg", Map.of(31, "nils.ohman"));

    assertEquals(List.of(segment("2026-07-27T00:00", "2026-08-03T00:00", "2102", "anna.berg")),
        CallRouting.segments(staffWith(away), away));
  }

  @Test
  void weeklyContactWinsOverTheAlternate() {
    Absence away = absence("2026-07-27", "2026-08-02", "anna.berg", Map.of(31, "bo.lind"));

    assertEquals("2103", CallRouting.segments(staffWith(away), away).get(0).target());
  }

  @Test
  void alternateWithoutExtensionRoutesToTheSwitchboard() {
    Absence away = absence("2026-07-27", "2026-08-02", "nils.ohman", Map.of());

    assertEquals(List.of(segment("2026-07-27T00:00", "2026-08-03T00:00",
        CallRouting.SWITCHBOARD, null)), CallRouting.segments(staffWith(away), away));
  }

  @Test
  void noAlternateRoutesToTheSwitchboard() {
    Absence away = absence("2026-07-27", "2026-08-02", null, Map.of());

    assertEquals("-", CallRouting.segments(staffWith(away), away).get(0).target());
  }

  @Test
  void weekWithoutContactAndNoAlternateRoutesToTheSwitchboard() {
    Absence away = absence("2026-07-20", "2026-08-02", null, Map.of(31, "bo.lind"));

    assertEquals(List.of(
        segment("2026-07-20T00:00", "2026-07-27T00:00", "-", null),
        segment("2026-07-27T00:00", "2026-08-03T00:00", "2103", "bo.lind")),
        CallRouting.segments(staffWith(away), away));
  }

  @Test
  void plannedAtGivesTheTargetOfTheWeekThen() {
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg", Map.of(31, "bo.lind"));
    Staff staff = staffWith(away);
    Person calle = staff.byId("calle.carlsson").orElseThrow();

    assertEquals("2102",
        CallRouting.plannedAt(staff, calle, at("2026-07-26T23:59")).orElseThrow().target());
    assertEquals("2103",
        CallRouting.plannedAt(staff, calle, at("2026-07-27T00:00")).orElseThrow().target());
  }

  @Test
  void plannedAtIsEmptyOutsideTheHalfOpenAbsence() {
    Absence meeting = partDay("2026-11-24T09:00", "2026-11-24T12:00", "anna.berg", Map.of());
    Staff staff = staffWith(meeting);
    Person calle = staff.byId("calle.carlsson").orElseThrow();

    assertEquals(Optional.empty(), CallRouting.plannedAt(staff, calle, at("2026-11-24T08:59")));
    assertEquals("2102",
        CallRouting.plannedAt(staff, calle, at("2026-11-24T09:00")).orElseThrow().target());
    assertEquals(Optional.empty(), CallRouting.plannedAt(staff, calle, at("2026-11-24T12:00")));
  }

  @Test
  void plannedAtIsEmptyForSomeoneWithoutAbsences() {
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg", Map.of());
    Staff staff = staffWith(away);

    assertEquals(Optional.empty(), CallRouting.plannedAt(staff,
        staff.byId("anna.berg").orElseThrow(), at("2026-07-22T10:00")));
  }
}
