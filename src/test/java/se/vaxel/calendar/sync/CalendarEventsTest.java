package se.vaxel.calendar.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.calendar.CalendarSettings.Busy;
import se.vaxel.calendar.CalendarSettings.Treatment;
import se.vaxel.model.Reason;

/** Which event of a calendar is the person's absence: the iCalendar cases that bite. */
class CalendarEventsTest {
  static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  static String cal(String... events) {
    StringBuilder b = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
    for (String e : events) {
      b.append("BEGIN:VEVENT\r\n").append(e.strip().replace("\n", "\r\n")).append("\r\n")
          .append("DTSTAMP:20260101T000000Z\r\nEND:VEVENT\r\n");
    }
    return b.append("END:VCALENDAR\r\n").toString();
  }

  static Optional<CalendarEvents.Absence> decide(CalendarSettings s, String doc, String now)
      throws Exception {
    return new CalendarEvents(s, STOCKHOLM).decide(List.of(doc), Instant.parse(now));
  }

  static Optional<CalendarEvents.Absence> decide(String doc, String now) throws Exception {
    return decide(CalendarSettings.defaults(null), doc, now);
  }

  @Test
  void aCodeFirstInTheSubjectIsAnAbsenceWithItsReason() throws Exception {
    var a = decide(cal("""
        UID:1
        SUMMARY:SEM: till 24/7
        DTSTART;TZID=Europe/Stockholm:20261201T080000
        DTEND;TZID=Europe/Stockholm:20261205T170000
        """), "2026-12-02T10:00:00Z").orElseThrow();
    assertEquals(Reason.SEMESTER, a.reason());
    assertEquals("SEM", a.code());
    assertEquals(Instant.parse("2026-12-01T07:00:00Z"), a.start());
    assertEquals(Instant.parse("2026-12-05T16:00:00Z"), a.end());
  }

  @Test
  void aSemicolonIsInformationOnlyAndUnknownCodesAndPlainEventsDoNotCount() throws Exception {
    String doc = cal("""
        UID:1
        SUMMARY:MÖT; styrelsemöte
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """, """
        UID:2
        SUMMARY:XYZ: något
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """, """
        UID:3
        SUMMARY:Lunch med Bo
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """);
    assertTrue(decide(doc, "2026-12-02T10:00:00Z").isEmpty());
  }

  @Test
  void sicknessIsStoredAsAnnat() throws Exception {
    var a = decide(cal("""
        UID:1
        SUMMARY:sjk: hemma
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """), "2026-12-02T10:00:00Z").orElseThrow();
    assertEquals(Reason.ANNAT, a.reason());
  }

  @Test
  void aWeeklyMeetingKeepsItsLocalTimeAcrossTheSummerTimeChange() throws Exception {
    // Mondays 09:00-11:00 in Stockholm from 16 March; summer time starts Sunday 29 March 2026.
    String doc = cal("""
        UID:weekly
        SUMMARY:MÖT: ledningsgrupp
        DTSTART;TZID=Europe/Stockholm:20260316T090000
        DTEND;TZID=Europe/Stockholm:20260316T110000
        RRULE:FREQ=WEEKLY;BYDAY=MO
        """);
    var before = decide(doc, "2026-03-23T08:30:00Z").orElseThrow();
    assertEquals(Instant.parse("2026-03-23T08:00:00Z"), before.start()); // 09:00 CET
    var after = decide(doc, "2026-03-30T07:30:00Z").orElseThrow();
    assertEquals(Instant.parse("2026-03-30T07:00:00Z"), after.start()); // 09:00 CEST
    assertEquals(Instant.parse("2026-03-30T09:00:00Z"), after.end());
    assertNotEquals(before.key(), after.key(), "each occurrence has its own key");
  }

  @Test
  void anExdateRemovesAnOccurrenceAndARecurrenceIdMovesOne() throws Exception {
    String master = """
        UID:daily
        SUMMARY:UTB: kurs
        DTSTART;TZID=Europe/Stockholm:20261130T130000
        DTEND;TZID=Europe/Stockholm:20261130T150000
        RRULE:FREQ=DAILY;COUNT=5
        EXDATE;TZID=Europe/Stockholm:20261201T130000
        """;
    String moved = """
        UID:daily
        RECURRENCE-ID;TZID=Europe/Stockholm:20261202T130000
        SUMMARY:UTB: kurs, flyttad
        DTSTART;TZID=Europe/Stockholm:20261202T160000
        DTEND;TZID=Europe/Stockholm:20261202T170000
        """;
    String doc = cal(master, moved);
    // Tuesday 1 Dec 13:30: excluded, so the next is Wednesday's, moved to 16:00.
    var next = decide(doc, "2026-12-01T12:30:00Z").orElseThrow();
    assertEquals(Instant.parse("2026-12-02T15:00:00Z"), next.start());
    // Wednesday 13:30: the master's 13:00 occurrence gave way to the moved one.
    var wed = decide(doc, "2026-12-02T12:30:00Z").orElseThrow();
    assertEquals(Instant.parse("2026-12-02T15:00:00Z"), wed.start());
    // The moved occurrence keeps the key of the occurrence it replaces (UID + RECURRENCE-ID).
    String withoutMove = decide(cal(master.replace("EXDATE", "X-NOT-EXDATE")),
        "2026-12-02T12:30:00Z").orElseThrow().key();
    assertEquals(withoutMove, wed.key());
  }

  @Test
  void utcAndOtherZonesAreTheSameInstant() throws Exception {
    var ny = decide(cal("""
        UID:ny
        SUMMARY:TJR: New York
        DTSTART;TZID=America/New_York:20261202T090000
        DTEND;TZID=America/New_York:20261202T170000
        """), "2026-12-02T15:00:00Z").orElseThrow();
    assertEquals(Instant.parse("2026-12-02T14:00:00Z"), ny.start());
    var utc = decide(cal("""
        UID:utc
        SUMMARY:TJR: resa
        DTSTART:20261202T140000Z
        DTEND:20261202T220000Z
        """), "2026-12-02T15:00:00Z").orElseThrow();
    assertEquals(ny.start(), utc.start());
    assertEquals(ny.end(), utc.end());
  }

  @Test
  void anEventAcrossMidnightAppliesAfterMidnight() throws Exception {
    var a = decide(cal("""
        UID:night
        SUMMARY:TJR: nattåg
        DTSTART;TZID=Europe/Stockholm:20261202T220000
        DTEND;TZID=Europe/Stockholm:20261203T060000
        """), "2026-12-03T01:00:00Z").orElseThrow();
    assertEquals(Instant.parse("2026-12-03T05:00:00Z"), a.end());
  }

  @Test
  void allDayEventsAreWholeLocalDaysOrIgnored() throws Exception {
    String doc = cal("""
        UID:ad
        SUMMARY:SEM: ledig
        DTSTART;VALUE=DATE:20261207
        DTEND;VALUE=DATE:20261210
        """);
    var a = decide(doc, "2026-12-08T12:00:00Z").orElseThrow();
    assertTrue(a.allDay());
    assertEquals(Instant.parse("2026-12-06T23:00:00Z"), a.start());
    assertEquals(Instant.parse("2026-12-09T23:00:00Z"), a.end());
    CalendarSettings ignore = new CalendarSettings(null, CalendarSettings.DEFAULT_CODES,
        Busy.NONE, Treatment.IGNORE, Treatment.ROUTE, Duration.ofDays(7), Map.of());
    assertTrue(decide(ignore, doc, "2026-12-08T12:00:00Z").isEmpty());
  }

  @Test
  void privateEventsRouteUnlessIgnoredAndAreMarked() throws Exception {
    String doc = cal("""
        UID:p
        CLASS:PRIVATE
        SUMMARY:SEM: hemlig resa till Rom
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """);
    assertTrue(decide(doc, "2026-12-02T10:00:00Z").orElseThrow().isPrivate());
    CalendarSettings ignore = new CalendarSettings(null, CalendarSettings.DEFAULT_CODES,
        Busy.NONE, Treatment.ROUTE, Treatment.IGNORE, Duration.ofDays(7), Map.of());
    assertTrue(decide(ignore, doc, "2026-12-02T10:00:00Z").isEmpty());
  }

  @Test
  void busyStateAloneCountsOnlyWhenConfigured() throws Exception {
    String doc = cal("""
        UID:oof
        SUMMARY:Borta
        X-MICROSOFT-CDO-BUSYSTATUS:OOF
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """, """
        UID:busy
        SUMMARY:Möte med leverantör
        DTSTART:20261202T130000Z
        DTEND:20261202T140000Z
        """, """
        UID:free
        SUMMARY:Påminnelse
        TRANSP:TRANSPARENT
        DTSTART:20261202T150000Z
        DTEND:20261202T160000Z
        """);
    assertTrue(decide(doc, "2026-12-02T10:00:00Z").isEmpty());
    CalendarSettings oof = new CalendarSettings(null, CalendarSettings.DEFAULT_CODES,
        Busy.OUT_OF_OFFICE, Treatment.ROUTE, Treatment.ROUTE, Duration.ofDays(7), Map.of());
    assertEquals("oof", decide(oof, doc, "2026-12-02T10:00:00Z").orElseThrow().code());
    assertTrue(decide(oof, doc, "2026-12-02T13:30:00Z").isEmpty());
    CalendarSettings busy = new CalendarSettings(null, CalendarSettings.DEFAULT_CODES,
        Busy.BUSY, Treatment.ROUTE, Treatment.ROUTE, Duration.ofDays(7), Map.of());
    assertEquals("busy", decide(busy, doc, "2026-12-02T13:30:00Z").orElseThrow().code());
    assertTrue(decide(busy, doc, "2026-12-02T15:30:00Z").isEmpty());
  }

  @Test
  void theAlternateIsNamedInTheSubjectOrDescription() throws Exception {
    assertEquals("anna.berg", decide(cal("""
        UID:1
        SUMMARY:SEM: till 24/7, kontakta anna.berg.
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """), "2026-12-02T10:00:00Z").orElseThrow().alternate());
    assertEquals("bo.ek", decide(cal("""
        UID:1
        SUMMARY:TJR: Umeå
        DESCRIPTION:Kontakta: bo.ek under resan
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """), "2026-12-02T10:00:00Z").orElseThrow().alternate());
  }

  @Test
  void theCurrentEventWinsElseTheNextWithinTheHorizon() throws Exception {
    String doc = cal("""
        UID:later
        SUMMARY:SEM: jul
        DTSTART;VALUE=DATE:20261221
        DTEND;VALUE=DATE:20270104
        """, """
        UID:soon
        SUMMARY:UTB: kurs
        DTSTART:20261215T080000Z
        DTEND:20261215T120000Z
        """);
    assertEquals(Instant.parse("2026-12-15T08:00:00Z"),
        decide(doc, "2026-12-14T10:00:00Z").orElseThrow().start());
    assertEquals("SEM", decide(doc, "2026-12-22T10:00:00Z").orElseThrow().code());
    assertTrue(decide(doc, "2026-12-01T10:00:00Z").isEmpty(), "beyond the 7-day horizon");
    assertTrue(decide(doc, "2027-01-05T10:00:00Z").isEmpty(), "all over");
  }

  @Test
  void cancelledEventsDoNotCount() throws Exception {
    assertTrue(decide(cal("""
        UID:1
        STATUS:CANCELLED
        SUMMARY:SEM: inställd
        DTSTART:20261202T080000Z
        DTEND:20261202T120000Z
        """), "2026-12-02T10:00:00Z").isEmpty());
  }

  @Test
  void malformedCalendarsTenYearEventsAndHugeCalendarsAreRefusedWithAReason() {
    var bad = assertThrows(CalendarEvents.BadCalendarException.class,
        () -> decide("BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:garbage\r\n", "2026-12-02T10:00:00Z"));
    assertTrue(bad.getMessage().contains("malformed iCalendar"), bad.getMessage());
    var longOne = assertThrows(CalendarEvents.BadCalendarException.class, () -> decide(cal("""
        UID:1
        SUMMARY:SEM: tio år
        DTSTART;VALUE=DATE:20260101
        DTEND;VALUE=DATE:20360101
        """), "2026-12-02T10:00:00Z"));
    assertTrue(longOne.getMessage().contains("3652 days long"), longOne.getMessage());
    assertFalse(longOne.getMessage().contains("tio år"), "never the subject");
    String[] many = new String[5000];
    for (int i = 0; i < many.length; i++) {
      many[i] = "UID:" + i + "\nSUMMARY:MÖT: x\nDTSTART:20260101T080000Z\nDTEND:20260101T090000Z";
    }
    var huge = assertThrows(CalendarEvents.BadCalendarException.class,
        () -> decide(cal(many), "2026-12-02T10:00:00Z"));
    assertTrue(huge.getMessage().contains("more than 4000 events"), huge.getMessage());
  }

  /** A moved occurrence whose RECURRENCE-ID has no usable date: refused with a reason. */
  static final String BAD_RECURRENCE_ID = cal("""
      UID:weekly
      SUMMARY:MÖT: veckomöte
      DTSTART;TZID=Europe/Stockholm:20261201T080000
      DTEND;TZID=Europe/Stockholm:20261201T090000
      RRULE:FREQ=WEEKLY
      """, """
      UID:weekly
      SUMMARY:MÖT: flyttat
      RECURRENCE-ID:
      DTSTART;TZID=Europe/Stockholm:20261209T080000
      DTEND;TZID=Europe/Stockholm:20261209T090000
      """);

  @Test
  void aRecurrenceIdWithoutADateIsABadCalendarNotACrash() {
    var bad = assertThrows(CalendarEvents.BadCalendarException.class,
        () -> decide(BAD_RECURRENCE_ID, "2026-12-02T10:00:00Z"));
    assertTrue(bad.getMessage().contains("weekly"), bad.getMessage());
  }
}
