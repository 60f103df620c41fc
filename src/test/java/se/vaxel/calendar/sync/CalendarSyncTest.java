package se.vaxel.calendar.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import se.vaxel.ami.AmiClient;
import se.vaxel.calendar.CalendarSource;
import se.vaxel.calendar.Fetch;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.staff.StaffLoader;

/** The sync's rules, against a fake calendar source and a mocked PBX. */
class CalendarSyncTest {
  static final String FAMILY = "vaxel-absence";
  static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

  static final String YAML = """
      organisation:
        name: Testby kommun
        place: Testby
        switchboard: "100"
        phone: "0900-100 00"
        functional-mailbox: kommunen@testby.se
        language: sv
        timezone: Europe/Stockholm
      calendar:
        source:
          kind: caldav
          url: https://cal.test/{email}/
      staff:
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2101"
          email: anna@testby.se
          calendar:
            alternate: bo.ek
        - id: bo.ek
          first-name: Bo
          last-name: Ek
          extension: "2102"
          email: bo@testby.se
        - id: cia.lind
          first-name: Cia
          last-name: Lind
          extension: "2103"
          email: cia@testby.se
        - id: dan.skip
          first-name: Dan
          last-name: Skip
          extension: "2104"
          email: dan@testby.se
          calendar: false
      """;

  static final String SEM = CalendarEventsTest.cal("""
      UID:sem-1
      SUMMARY:SEM: Mallorca
      DTSTART;TZID=Europe/Stockholm:20261201T080000
      DTEND;TZID=Europe/Stockholm:20261205T170000
      """);
  static final String EMPTY = CalendarEventsTest.cal();

  final Map<String, String> astdb = new HashMap<>();
  final AmiClient ami = mock(AmiClient.class);
  final Staff staff;

  CalendarSyncTest() throws Exception {
    staff = new StaffLoader().parse("staff.yaml", YAML);
    when(ami.dbGetTree(FAMILY)).thenAnswer(i -> Map.copyOf(astdb));
  }

  /** A source that answers each person's documents from a map (FAILED when null). */
  static CalendarSource source(Map<String, String> calendars, List<String> asked) {
    return owners -> owners.stream().map(o -> {
      asked.add(o.personId());
      String doc = calendars.get(o.personId());
      return doc == null
          ? new Fetch(o, Fetch.Status.FAILED, List.of(), o.personId() + ": 503 from the server")
          : new Fetch(o, Fetch.Status.CHANGED, List.of(doc), null);
    }).toList();
  }

  CalendarSync.Result sync(Map<String, String> calendars, boolean dry) {
    return new CalendarSync(staff, staff.calendar().orElseThrow(), new AbsenceService(staff, ami))
        .run(source(calendars, new ArrayList<>()), NOW, dry);
  }

  @Test
  void anAbsenceInTheCalendarBecomesACalendarOverrideToTheAlternate() {
    var r = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    ArgumentCaptor<String> value = ArgumentCaptor.forClass(String.class);
    verify(ami).dbPut(eq(FAMILY), eq("2101"), value.capture());
    LiveOverride o = LiveOverride.decode("2101", value.getValue()).orElseThrow();
    assertEquals(LiveOverride.Origin.CALENDAR, o.origin());
    assertEquals(CalendarEvents.key("sem-1", ""), o.setBy());
    assertEquals(Reason.SEMESTER, o.reason());
    assertEquals("2102", o.target());
    assertEquals("bo.ek", o.alternateId());
    assertEquals(Instant.parse("2026-12-05T16:00:00Z"), o.until());
    assertFalse(value.getValue().contains("Mallorca"));
    assertEquals(1, r.changes().size());
    assertEquals(3, r.people(), "dan.skip has calendar: false");
  }

  @Test
  void aSyncWhereNothingChangedMakesNoPbxWrite() {
    sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    ArgumentCaptor<String> value = ArgumentCaptor.forClass(String.class);
    verify(ami).dbPut(eq(FAMILY), eq("2101"), value.capture());
    astdb.put("2101", value.getValue());
    var r = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    assertTrue(r.changes().isEmpty());
    verify(ami, times(1)).dbPut(anyString(), anyString(), anyString());
    verify(ami, never()).dbDel(anyString(), anyString());
    // Presence is published once, for the first write only.
    verify(ami, times(1)).setvar(anyString(), anyString());
    verify(ami, times(2)).dbGetTree(FAMILY);
  }

  @Test
  void aDeletedEventRemovesTheCalendarOverrideAndAMovedOneMovesIt() {
    astdb.put("2101", LiveOverride.away("2101", NOW.minusSeconds(3600), NOW.plusSeconds(3600),
        "-", Reason.MOTE, null, "anna.berg").by(LiveOverride.Origin.CALENDAR, "cal-old").encode());
    var r = sync(Map.of("anna.berg", EMPTY, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    verify(ami).dbDel(FAMILY, "2101");
    assertEquals(CalendarSync.Action.REMOVE, r.changes().get(0).action());
    var moved = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    assertEquals(CalendarSync.Action.CHANGE, moved.changes().get(0).action());
  }

  @Test
  void aManualAbsenceWinsUntilItEnds() {
    for (LiveOverride.Origin manual : List.of(LiveOverride.Origin.CLI,
        LiveOverride.Origin.PHONE, LiveOverride.Origin.WEB)) {
      astdb.put("2101", LiveOverride.away("2101", NOW.minusSeconds(60), NOW.plusSeconds(60),
          "-", Reason.ANNAT, null, "anna.berg").by(manual, "").encode());
      var r = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
      assertTrue(r.changes().isEmpty(), manual.name());
      assertEquals(List.of("anna.berg"), r.manual().stream().map(p -> p.id()).toList());
    }
    verify(ami, never()).dbPut(anyString(), anyString(), anyString());
    verify(ami, never()).dbDel(anyString(), anyString());
    // Once it has ended, the calendar takes over.
    astdb.put("2101", LiveOverride.away("2101", NOW.minusSeconds(7200), NOW.minusSeconds(60),
        "-", Reason.ANNAT, null, "anna.berg").encode());
    var r = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    assertEquals(CalendarSync.Action.ADD, r.changes().get(0).action());
    // And a manual override the calendar has no event for is never removed.
    astdb.put("2102", LiveOverride.away("2102", NOW.minusSeconds(7200), NOW.minusSeconds(60),
        "-", Reason.ANNAT, null, "bo.ek").encode());
    sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    verify(ami, never()).dbDel(anyString(), anyString());
  }

  @Test
  void aCalendarThatFailsKeepsThatPersonsStateAndEveryoneElseIsSynced() {
    astdb.put("2101", LiveOverride.away("2101", NOW.minusSeconds(3600), NOW.plusSeconds(3600),
        "-", Reason.MOTE, null, "anna.berg").by(LiveOverride.Origin.CALENDAR, "cal-x").encode());
    Map<String, String> calendars = new HashMap<>();
    calendars.put("bo.ek", "BEGIN:VCALENDAR\r\nthis is not iCalendar");
    calendars.put("cia.lind", SEM.replace("sem-1", "cia-sem"));
    var r = sync(calendars, false);
    assertTrue(r.partial());
    assertEquals(List.of("anna.berg", "bo.ek"),
        r.failures().stream().map(f -> f.person().id()).toList());
    assertTrue(r.failures().get(1).message().contains("bo.ek"), r.failures().get(1).message());
    verify(ami, never()).dbDel(anyString(), anyString());
    verify(ami).dbPut(eq(FAMILY), eq("2103"), anyString());
  }

  @Test
  void aCalendarWithAnUnreadableDateFailsThatPersonOnlyAndKeepsTheirState() {
    String before = LiveOverride.away("2102", NOW.minusSeconds(3600), NOW.plusSeconds(3600),
        "-", Reason.MOTE, null, "bo.ek").by(LiveOverride.Origin.CALENDAR, "cal-x").encode();
    astdb.put("2102", before);
    Map<String, String> calendars = new HashMap<>();
    calendars.put("anna.berg", EMPTY);
    calendars.put("bo.ek", CalendarEventsTest.BAD_RECURRENCE_ID);
    calendars.put("cia.lind", SEM.replace("sem-1", "cia-sem"));
    var r = sync(calendars, false);
    assertTrue(r.partial());
    assertEquals(List.of("bo.ek"), r.failures().stream().map(f -> f.person().id()).toList());
    String message = r.failures().get(0).message();
    assertTrue(message.startsWith("bo.ek: the calendar (CalDAV)"), message);
    assertTrue(message.contains("stays as it is"), message);
    verify(ami, never()).dbPut(eq(FAMILY), eq("2102"), anyString());
    verify(ami, never()).dbDel(anyString(), anyString());
    verify(ami).dbPut(eq(FAMILY), eq("2103"), anyString());
  }

  @Test
  void anOverrideWithAnOriginVaxelDoesNotKnowIsManualAndLeftAlone() {
    astdb.put("2101", "present|" + NOW.minusSeconds(60).getEpochSecond() + "|"
        + NOW.plusSeconds(3600).getEpochSecond() + "||||anna.berg|fax");
    var r = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), false);
    assertEquals(List.of("anna.berg"), r.manual().stream().map(p -> p.id()).toList());
    verify(ami, never()).dbPut(eq(FAMILY), eq("2101"), anyString());
  }

  @Test
  void aNamedAlternateWhoIsAwayIsPassedOverWithANote() {
    astdb.put("2102", LiveOverride.away("2102", NOW.minusSeconds(3600), NOW.plusSeconds(86400),
        "-", Reason.ANNAT, null, "bo.ek").encode());
    var r = sync(Map.of("anna.berg", SEM.replace("SUMMARY:SEM: Mallorca",
        "SUMMARY:SEM: kontakta cia.lind"), "cia.lind", EMPTY), false);
    assertEquals("cia.lind", r.changes().get(0).after().alternateId());
    var away = sync(Map.of("anna.berg", SEM, "cia.lind", EMPTY), false);
    assertEquals(null, away.changes().get(0).after().alternateId());
    assertTrue(away.notes().get(0).contains("'bo.ek' is away too"), away.notes().toString());
  }

  @Test
  void aDryRunWritesNothing() {
    var r = sync(Map.of("anna.berg", SEM, "bo.ek", EMPTY, "cia.lind", EMPTY), true);
    assertEquals(1, r.changes().size());
    verify(ami, never()).dbPut(anyString(), anyString(), anyString());
    verify(ami, never()).setvar(anyString(), anyString());
  }
}
