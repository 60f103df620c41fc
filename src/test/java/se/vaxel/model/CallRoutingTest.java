package se.vaxel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import se.vaxel.model.CallRouting.Route;
import se.vaxel.model.CallRouting.Target;

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

  private static final Target ANNA = new Target("2102", "anna.berg");
  private static final Target BO = new Target("2103", "bo.lind");

  private static Map<Target, SortedSet<Integer>> weeks(Target target, Integer... weeks) {
    Map<Target, SortedSet<Integer>> out = new LinkedHashMap<>();
    out.put(target, new TreeSet<>(List.of(weeks)));
    return out;
  }

  /** What a call at a local moment rings, by Coverage, as a routing target. */
  private static Optional<Target> plannedAt(Staff staff, Person person, LocalDateTime t) {
    return Coverage.at(staff, Map.of(), person, t.atZone(ORG.timezone()).toInstant())
        .map(a -> a.cover().ringsContact()
            ? new Target(a.cover().target(), a.cover().targetId()) : Target.THE_SWITCHBOARD);
  }

  private static Route route(Absence away) {
    return CallRouting.route(staffWith(away), away);
  }

  @Test
  void anAbsenceIsOneRouteWithItsWeeklyContactsByWeek() {
    // Weeks 30, 31 and 32 of 2026 start on 20 July, 27 July and 3 August.
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg",
        Map.of(30, "anna.berg", 31, "bo.lind"));

    assertEquals(new Route(at("2026-07-20T00:00"), at("2026-08-10T00:00"), ANNA,
        weeks(BO, 31)), route(away));
  }

  @Test
  void alternatingContactsOverTwoYearsAreOneRouteNotOneSegmentPerWeek() {
    Absence away = absence("2026-01-05", "2027-12-31", "nils.ohman",
        Map.of(1, "anna.berg", 2, "bo.lind", 3, "anna.berg", 4, "bo.lind"));

    Route r = route(away);

    Map<Target, SortedSet<Integer>> both = weeks(ANNA, 1, 3);
    both.putAll(weeks(BO, 2, 4));
    assertEquals(both, r.weekly());
    assertEquals(List.of(ANNA, BO), List.copyOf(r.weekly().keySet()));
    assertEquals(Target.THE_SWITCHBOARD, r.fallback());
    assertEquals(ANNA, r.targetInWeek(3));
    assertEquals(Target.THE_SWITCHBOARD, r.targetInWeek(5));
  }

  @Test
  void weeksTheAbsenceDoesNotTouchAreLeftOut() {
    // 23 to 29 July 2026 touches weeks 30 (from Thursday) and 31 (Monday to Wednesday).
    Absence away = absence("2026-07-23", "2026-07-29", "anna.berg",
        Map.of(29, "bo.lind", 30, "bo.lind", 31, "bo.lind", 32, "bo.lind"));

    assertEquals(weeks(BO, 30, 31), route(away).weekly());
  }

  @Test
  void everyDayRoutesAsTheRuleSaysWeeklyContactElseAlternateAndTheSwitchboardWithoutExtension() {
    Absence away = absence("2026-12-14", "2027-01-17", "anna.berg",
        Map.of(51, "bo.lind", 53, "bo.lind", 1, "nils.ohman", 2, "anna.berg"));
    Staff staff = staffWith(away);
    Person calle = staff.byId("calle.carlsson").orElseThrow();

    for (LocalDate day = away.firstDay(); !day.isAfter(away.lastDay()); day = day.plusDays(1)) {
      int week = day.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      String expected = week == 51 || week == 53 ? "2103" : week == 1 ? "-" : "2102";
      for (String time : List.of("T00:00", "T12:00", "T23:59")) {
        assertEquals(expected, plannedAt(staff, calle, at(day + time))
            .orElseThrow().extension(), day + time);
      }
    }
  }

  @Test
  void weekNumbersAcrossTheNewYearFollowIsoWeeks() {
    // 2026 has an ISO week 53 (28 December to 3 January); week 1 of 2027 starts 4 January.
    Absence away = absence("2026-12-21", "2027-01-06", "anna.berg", Map.of(53, "bo.lind"));
    Staff staff = staffWith(away);
    Person calle = staff.byId("calle.carlsson").orElseThrow();

    assertEquals(ANNA, plannedAt(staff, calle, at("2026-12-27T23:59")).orElseThrow());
    assertEquals(BO, plannedAt(staff, calle, at("2027-01-01T10:00")).orElseThrow());
    assertEquals(ANNA, plannedAt(staff, calle, at("2027-01-04T00:00")).orElseThrow());
  }

  @Test
  void partDayAbsenceIsOneRouteAtItsOwnTimes() {
    Absence meeting = partDay("2026-11-24T09:00", "2026-11-24T12:00", "anna.berg", Map.of());

    assertEquals(new Route(at("2026-11-24T09:00"), at("2026-11-24T12:00"), ANNA, Map.of()),
        route(meeting));
  }

  @Test
  void weeklyContactWithoutExtensionSendsThatWeekToTheSwitchboardNotTheAlternate() {
    // The texts name Nils for week 31; the switchboard refers callers to his mobile.
    Absence away = absence("2026-07-20", "2026-08-02", "anna.berg", Map.of(31, "nils.ohman"));

    assertEquals(new Route(at("2026-07-20T00:00"), at("2026-08-03T00:00"), ANNA,
        weeks(Target.THE_SWITCHBOARD, 31)), route(away));
  }

  @Test
  void weeklyContactWinsOverTheAlternate() {
    Absence away = absence("2026-07-27", "2026-08-02", "anna.berg", Map.of(31, "bo.lind"));

    assertEquals(BO, route(away).targetInWeek(31));
  }

  @Test
  void alternateWithoutExtensionRoutesToTheSwitchboard() {
    Absence away = absence("2026-07-27", "2026-08-02", "nils.ohman", Map.of());

    assertEquals(new Target(CallRouting.SWITCHBOARD, null), route(away).fallback());
  }

  @Test
  void noAlternateRoutesToTheSwitchboard() {
    Absence away = absence("2026-07-27", "2026-08-02", null, Map.of());

    assertEquals("-", route(away).fallback().extension());
  }

  @Test
  void weekWithoutContactAndNoAlternateRoutesToTheSwitchboard() {
    Absence away = absence("2026-07-20", "2026-08-02", null, Map.of(31, "bo.lind"));

    assertEquals(new Route(at("2026-07-20T00:00"), at("2026-08-03T00:00"),
        Target.THE_SWITCHBOARD, weeks(BO, 31)), route(away));
  }

  @Test
  void plannedAtGivesTheTargetOfTheWeekThen() {
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg", Map.of(31, "bo.lind"));
    Staff staff = staffWith(away);
    Person calle = staff.byId("calle.carlsson").orElseThrow();

    assertEquals("2102",
        plannedAt(staff, calle, at("2026-07-26T23:59")).orElseThrow().extension());
    assertEquals("2103",
        plannedAt(staff, calle, at("2026-07-27T00:00")).orElseThrow().extension());
  }

  @Test
  void plannedAtIsEmptyOutsideTheHalfOpenAbsence() {
    Absence meeting = partDay("2026-11-24T09:00", "2026-11-24T12:00", "anna.berg", Map.of());
    Staff staff = staffWith(meeting);
    Person calle = staff.byId("calle.carlsson").orElseThrow();

    assertEquals(Optional.empty(), plannedAt(staff, calle, at("2026-11-24T08:59")));
    assertEquals("2102",
        plannedAt(staff, calle, at("2026-11-24T09:00")).orElseThrow().extension());
    assertEquals(Optional.empty(), plannedAt(staff, calle, at("2026-11-24T12:00")));
  }

  @Test
  void plannedAtIsEmptyForSomeoneWithoutAbsences() {
    Absence away = absence("2026-07-20", "2026-08-09", "anna.berg", Map.of());
    Staff staff = staffWith(away);

    assertEquals(Optional.empty(), plannedAt(staff,
        staff.byId("anna.berg").orElseThrow(), at("2026-07-22T10:00")));
  }
}
