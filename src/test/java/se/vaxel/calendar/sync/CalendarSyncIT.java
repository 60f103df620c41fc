package se.vaxel.calendar.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.calendar.CalendarSource;
import se.vaxel.calendar.Fetch;
import se.vaxel.calendar.SourceSettings;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The calendar sync against the real Asterisk 22 of scripts/asterisk-sandbox, with a fake
 * calendar source: an event routes a real call to the alternate it names; deleting it and
 * syncing again lets the person's phone ring.
 */
class CalendarSyncIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  @TempDir static Path dir;
  static Pbx pbx;
  static Staff staff;

  @BeforeAll
  static void applyTheTestStaff() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    Path file = ItStaff.write(dir);
    Pbx.Run apply = pbx.vaxel("apply", "-f", file.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.err());
    staff = new StaffLoader().load(file);
  }

  static String meeting(Instant now) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\nBEGIN:VEVENT\r\n"
        + "UID:it-1\r\nDTSTAMP:20260101T000000Z\r\nCLASS:PRIVATE\r\n"
        + "SUMMARY:MÖT: hemligt, kontakta dan.tomorrow\r\n"
        + "DTSTART:" + UTC.format(now.minusSeconds(600)) + "\r\n"
        + "DTEND:" + UTC.format(now.plusSeconds(3600)) + "\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  static CalendarSource only(String personId, String document) {
    return owners -> owners.stream().map(o -> new Fetch(o, Fetch.Status.CHANGED,
        List.of(o.personId().equals(personId) ? document
            : "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\nEND:VCALENDAR\r\n"),
        null)).toList();
  }

  CalendarSync.Result sync(AmiClient ami, CalendarSource source) {
    CalendarSettings settings = CalendarSettings.defaults(new SourceSettings(
        SourceSettings.Kind.ICAL_FEED, "https://cal.test/{id}.ics", null, Duration.ofSeconds(5)));
    return new CalendarSync(staff, settings, new AbsenceService(staff, ami))
        .run(source, Instant.now(), false);
  }

  @Test
  void aCalendarEventRoutesARealCallAndDeletingItUndoesIt() throws IOException {
    Instant now = Instant.now();
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
      var added = sync(ami, only("per.present", meeting(now)));
      assertEquals(1, added.changes().size(), added.toString());
      String value = ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").orElseThrow();
      LiveOverride o = LiveOverride.decode("2201", value).orElseThrow();
      assertEquals(LiveOverride.Origin.CALENDAR, o.origin());
      assertTrue(!value.contains("hemligt"), value);
    }
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2201", RING));

    try (AmiClient ami = pbx.connect()) {
      var again = sync(ami, only("per.present", meeting(now)));
      assertTrue(again.changes().isEmpty(), "an unchanged calendar changes nothing: " + again);
      var removed = sync(ami, only("nobody", ""));
      assertEquals(CalendarSync.Action.REMOVE, removed.changes().get(0).action());
      assertTrue(ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").isEmpty());
    }
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }
}
