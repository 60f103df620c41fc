package se.vaxel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import se.vaxel.model.Coverage.Cover;
import se.vaxel.model.Coverage.Source;
import se.vaxel.model.Coverage.Why;

/**
 * The example throughout: Calle (2101) away 20 July to 9 August 2026 (ISO weeks 30 to
 * 32), alternate Anna Berg (2102); Bo Lind has a mobile and no extension; Dan Ek has 2104.
 */
class CoverageTest {
  private static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
  private static final Organisation ORG = new Organisation("Bjurholms kommun", "Bjurholm", "100",
      "0934-140 00", "kommunen@bjurholm.se", Language.SV, ZONE);

  private static Person person(String id, String extension, String phone, String mobile,
      Absence... absences) {
    String[] name = id.split("\\.");
    return new Person(id, name[0], name[1], null, null, null, extension, phone, mobile,
        id + "@bjurholm.se", null, List.of(), List.of(absences));
  }

  private static Absence away(String from, String until, String alternate,
      Map<Integer, String> weekly) {
    return new Absence(LocalDate.parse(from).atStartOfDay(),
        LocalDate.parse(until).plusDays(1).atStartOfDay(), true, Reason.SEMESTER, alternate,
        MailOption.FUNCTIONAL_MAILBOX, new TreeMap<>(weekly));
  }

  private static final Absence CALLE_AWAY =
      away("2026-07-20", "2026-08-09", "anna.berg", Map.of(31, "bo.lind", 32, "dan.ek"));

  /** Calle away as above; Anna away herself {@code annaAway} (may be null). */
  private static Staff staff(Absence calleAway, Absence annaAway) {
    return new Staff(ORG, AsteriskSettings.defaults(), List.of(
        person("calle.carlsson", "2101", "0934-140 01", null, calleAway),
        annaAway == null ? person("anna.berg", "2102", "0934-140 02", null)
            : person("anna.berg", "2102", "0934-140 02", null, annaAway),
        person("bo.lind", null, null, "070-111 22 33"),
        person("dan.ek", "2104", null, null)));
  }

  private static final Staff STAFF = staff(CALLE_AWAY, null);

  private static Instant at(String local) {
    return LocalDateTime.parse(local).atZone(ZONE).toInstant();
  }

  private static Person calle(Staff staff) {
    return staff.byId("calle.carlsson").orElseThrow();
  }

  private static Cover coverAt(Staff staff, Map<String, ? extends Coverage.Live> live,
      String local) {
    return Coverage.at(staff, live, calle(staff), at(local)).orElseThrow().cover();
  }

  /** A live override as AstDB holds it. */
  private record Live(boolean away, Instant from, Instant until, String target,
      String alternateId, Reason reason) implements Coverage.Live {}

  @Test
  void alternateTakesTheCallsInAWeekWithoutAWeeklyContact() {
    Cover c = coverAt(STAFF, Map.of(), "2026-07-22T10:00");

    assertEquals(Source.ALTERNATE, c.source());
    assertEquals("anna.berg", c.contact().id());
    assertEquals(Why.CONTACT, c.why());
    assertEquals("2102", c.target());
    assertEquals("anna.berg", c.targetId());
    assertEquals("0934-140 02", c.number());
  }

  @Test
  void weeklyContactWithAnExtensionTakesTheCallsOfTheirWeek() {
    Cover c = coverAt(STAFF, Map.of(), "2026-08-03T00:00");

    assertEquals(new Cover(Source.WEEKLY_CONTACT, STAFF.byId("dan.ek").orElseThrow(), 32,
        Why.CONTACT), c);
    assertEquals("2104", c.target());
    assertNull(c.number(), "Dan has only an extension");
  }

  @Test
  void weeklyContactWithoutAnExtensionIsNamedButTheSwitchboardTakesTheCalls() {
    Cover c = coverAt(STAFF, Map.of(), "2026-07-29T10:00");

    assertEquals(Source.WEEKLY_CONTACT, c.source());
    assertEquals("bo.lind", c.contact().id(), "the texts name Bo, not the alternate");
    assertEquals(31, c.week());
    assertEquals(Why.NO_EXTENSION, c.why());
    assertFalse(c.ringsContact());
    assertEquals(CallRouting.SWITCHBOARD, c.target());
    assertEquals(CallRouting.SWITCHBOARD, c.plannedTarget());
    assertNull(c.targetId());
    assertEquals("070-111 22 33", c.number(), "the switchboard refers callers to his mobile");
  }

  @Test
  void alternateWithoutAnExtensionIsNamedButTheSwitchboardTakesTheCalls() {
    Absence away = away("2026-07-20", "2026-08-09", "bo.lind", Map.of());
    Staff staff = staff(away, null);

    Cover c = coverAt(staff, Map.of(), "2026-07-22T10:00");

    assertEquals(new Cover(Source.ALTERNATE, staff.byId("bo.lind").orElseThrow(), 0,
        Why.NO_EXTENSION), c);
  }

  @Test
  void contactAwayTooSendsTheCallsToTheSwitchboardButKeepsThePlannedWindow() {
    Staff staff = staff(CALLE_AWAY, away("2026-07-21", "2026-07-21", null, Map.of()));

    Cover c = coverAt(staff, Map.of(), "2026-07-21T10:00");

    assertEquals("anna.berg", c.contact().id());
    assertEquals(Why.CONTACT_AWAY, c.why());
    assertEquals(CallRouting.SWITCHBOARD, c.target());
    assertEquals("2102", c.plannedTarget(), "the dialplan asks at call time, after the window");
    assertEquals(Why.CONTACT, coverAt(staff, Map.of(), "2026-07-22T00:00").why(),
        "Anna is back the next day");
  }

  @Test
  void contactAwayTooByALiveOverrideIsJudgedAtTheSameMoment() {
    Map<String, Live> live = Map.of("2102", new Live(true, at("2026-07-22T08:00"),
        at("2026-07-22T12:00"), CallRouting.SWITCHBOARD, null, Reason.MOTE));

    assertEquals(Why.CONTACT_AWAY, coverAt(STAFF, live, "2026-07-22T10:00").why());
    assertEquals(Why.CONTACT, coverAt(STAFF, live, "2026-07-22T12:00").why());
  }

  @Test
  void nobodyNamedIsTheSwitchboard() {
    Staff staff = staff(away("2026-07-20", "2026-08-09", null, Map.of()), null);

    Cover c = coverAt(staff, Map.of(), "2026-07-22T10:00");

    assertEquals(Cover.NOBODY, c);
    assertEquals(Source.NONE, c.source());
    assertEquals(Why.NONE_NAMED, c.why());
    assertEquals(CallRouting.SWITCHBOARD, c.target());
    assertNull(c.contact());
    assertNull(c.number());
  }

  @Test
  void liveOverrideWinsOverStaffYaml() {
    // Week 31 would be Bo through the switchboard; the switchboard sent the calls to Dan.
    Map<String, Live> live = Map.of("2101", new Live(true, at("2026-07-29T08:00"),
        at("2026-07-30T00:00"), "2104", "dan.ek", Reason.SJUK));

    Coverage.Away a = Coverage.at(STAFF, live, calle(STAFF), at("2026-07-29T10:00"))
        .orElseThrow();

    assertTrue(a.live());
    assertEquals(at("2026-07-30T00:00"), a.until());
    assertEquals(Reason.SJUK, a.reason());
    assertEquals(new Cover(Source.LIVE, STAFF.byId("dan.ek").orElseThrow(), 0, Why.CONTACT),
        a.cover());
    assertEquals(Source.WEEKLY_CONTACT, coverAt(STAFF, live, "2026-07-30T00:00").source(),
        "staff.yaml again once the override ends");
  }

  @Test
  void liveOverrideToTheSwitchboardNamesTheAlternateOnlyWhenItHasOne() {
    Map<String, Live> none = Map.of("2101", new Live(true, at("2026-07-29T08:00"),
        at("2026-07-30T00:00"), CallRouting.SWITCHBOARD, null, Reason.ANNAT));
    Map<String, Live> bo = Map.of("2101", new Live(true, at("2026-07-29T08:00"),
        at("2026-07-30T00:00"), CallRouting.SWITCHBOARD, "bo.lind", Reason.ANNAT));

    assertEquals(Cover.NOBODY, coverAt(STAFF, none, "2026-07-29T10:00"));
    assertEquals(new Cover(Source.LIVE, STAFF.byId("bo.lind").orElseThrow(), 0,
        Why.NO_EXTENSION), coverAt(STAFF, bo, "2026-07-29T10:00"));
  }

  @Test
  void livePresentOverrideMeansPresentDuringAPlannedAbsence() {
    Map<String, Live> back = Map.of("2101", new Live(false, at("2026-07-29T08:00"),
        at("2026-08-10T00:00"), "", null, null));

    assertEquals(Optional.empty(),
        Coverage.at(STAFF, back, calle(STAFF), at("2026-07-29T10:00")));
  }

  @Test
  void presentPersonHasNoCover() {
    assertEquals(Optional.empty(),
        Coverage.at(STAFF, Map.of(), calle(STAFF), at("2026-08-10T00:00")));
    assertEquals(Optional.empty(), Coverage.at(STAFF, Map.of(),
        STAFF.byId("anna.berg").orElseThrow(), at("2026-07-22T10:00")));
  }

  @Test
  void plannedIsTheCoverOfAWeekWithoutTheMomentsAwayToo() {
    Staff staff = staff(CALLE_AWAY, away("2026-07-20", "2026-08-09", null, Map.of()));

    assertEquals(Why.CONTACT, Coverage.planned(staff, CALLE_AWAY, 30).why());
    assertEquals("anna.berg", Coverage.planned(staff, CALLE_AWAY, 30).contact().id());
    assertEquals(Why.NO_EXTENSION, Coverage.planned(staff, CALLE_AWAY, 31).why());
    assertEquals("dan.ek", Coverage.planned(staff,
        CALLE_AWAY, LocalDateTime.parse("2026-08-05T10:00")).contact().id());
  }

  @Test
  void aCoverNamesAContactExactlyWhenItIsNotNoneNamed() {
    Person bo = STAFF.byId("bo.lind").orElseThrow();
    assertThrowsIllegal(() -> new Cover(Source.ALTERNATE, null, 0, Why.CONTACT));
    assertThrowsIllegal(() -> new Cover(Source.ALTERNATE, bo, 0, Why.NONE_NAMED));
  }

  private static void assertThrowsIllegal(Runnable r) {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, r::run);
  }
}
