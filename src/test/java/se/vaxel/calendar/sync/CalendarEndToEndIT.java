package se.vaxel.calendar.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Reason;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Radicale;
import se.vaxel.testing.Sandbox;

/**
 * The whole loop on real parts: an event created over CalDAV in the real Radicale, {@code vaxel
 * calendar sync}, the real Asterisk's AstDB, and a real call that routes accordingly; then the
 * event is edited and deleted, and each sync follows it, the last one undoing it.
 */
class CalendarEndToEndIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final List<String> PEOPLE = List.of("per.present", "anna.away", "bo.away",
      "cia.away", "dan.tomorrow", "eva.mobile");

  @TempDir Path dir;

  static String event(String uid, Instant from, Instant until, String summary) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vaxel e2e//EN\r\n"
        + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:" + UTC.format(Instant.now()) + "\r\n"
        + "DTSTART:" + UTC.format(from) + "\r\nDTEND:" + UTC.format(until) + "\r\n"
        + "SUMMARY:" + summary + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  @Test
  void anEventInTheCalendarRoutesTheCallAndEditingAndDeletingItFollows() throws Exception {
    Radicale radicale = Radicale.get();
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    Pbx pbx = new Pbx(sandbox);
    pbx.installTestPhones();

    // Everyone's calendar exists (empty), under a prefix of this run's own.
    String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    PEOPLE.forEach(id -> radicale.createCalendar(prefix + id));
    String yaml = ItStaff.yaml().replace("staff:\n", """
        calendar:
          source:
            kind: caldav
            url: %s/%s{id}/calendar/
            credentials: %s
        staff:
        """.formatted(radicale.url(), prefix, radicale.credentials()));
    Path staff = ItStaff.write(dir, yaml);
    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));

    String state = dir.resolve("state").toString();
    String path = "/" + prefix + "per.present/calendar/trip.ics";
    Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    Instant until = from.plus(4, ChronoUnit.HOURS);

    // An event: a business trip, calls to dan.tomorrow (present today). The comma escaped as
    // every calendar client does: Radicale keeps only "TJR: Umeå" of an unescaped one.
    radicale.put(path, event("trip@e2e", from, until, "TJR: Umeå\\, kontakta dan.tomorrow"));
    Pbx.Run sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
    assertEquals(0, sync.code(), sync.out() + sync.err());
    assertTrue(sync.out().contains("add per.present (2201): TJR"), sync.out());
    LiveOverride o = stored(pbx, "2201").orElseThrow();
    assertEquals(LiveOverride.Origin.CALENDAR, o.origin());
    assertEquals(Reason.TJANSTERESA, o.reason());
    assertEquals("dan.tomorrow", o.alternateId(), sync.out() + sync.err());
    assertEquals(until, o.until());
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2201", RING));

    // Nothing changed: the sync writes nothing, the override stays as it was.
    String before = rawValue(pbx, "2201");
    sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
    assertEquals(0, sync.code(), sync.out() + sync.err());
    assertTrue(sync.out().contains("0 added, 0 changed, 0 removed"), sync.out());
    assertEquals(before, rawValue(pbx, "2201"));

    // Edited: a holiday that ends later, no alternate named: calls go to the switchboard.
    Instant later = until.plus(2, ChronoUnit.HOURS);
    radicale.put(path, event("trip@e2e", from, later, "SEM: ledig"));
    sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
    assertEquals(0, sync.code(), sync.out() + sync.err());
    assertTrue(sync.out().contains("change per.present (2201): SEM"), sync.out());
    o = stored(pbx, "2201").orElseThrow();
    assertEquals(Reason.SEMESTER, o.reason());
    assertEquals(later, o.until());
    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2201", RING));

    // Deleted: the sync removes what it wrote, and the phone rings again.
    radicale.delete(path);
    sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
    assertEquals(0, sync.code(), sync.out() + sync.err());
    assertTrue(sync.out().contains("remove per.present (2201)"), sync.out());
    assertEquals(Optional.empty(), stored(pbx, "2201"));
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }

  /**
   * {@code vaxel calendar sync} with a speech: block, as on the PBX host: the override carries
   * the SOUND of a file that exists, a second sync makes no file, a moved event a new one.
   * (A call playing it is AnnouncementIT's: this class's calls hang up after three seconds.)
   */
  @Test
  void withSpeechTheCalendarsOverrideNamesAFileThatExists() throws Exception {
    Radicale radicale = Radicale.get();
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    Pbx pbx = new Pbx(sandbox);
    String prefix = "e2e-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    PEOPLE.forEach(id -> radicale.createCalendar(prefix + id));
    Path sounds = dir.resolve("sounds");
    Files.createDirectories(sounds);
    Path staff = ItStaff.write(dir, ItStaff.yaml().replace("staff:\n", """
        calendar:
          source:
            kind: caldav
            url: %s/%s{id}/calendar/
            credentials: %s
        speech:
          sounds-dir: %s
        staff:
        """.formatted(radicale.url(), prefix, radicale.credentials(), sounds)));
    String state = dir.resolve("speech-state").toString();
    String path = "/" + prefix + "per.present/calendar/course.ics";
    Instant from = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
    Instant until = from.plus(4, ChronoUnit.HOURS);
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
    }
    try {
      radicale.put(path, event("course@e2e", from, until, "UTB: kurs"));
      Pbx.Run sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
      assertEquals(0, sync.code(), sync.out() + sync.err());
      LiveOverride o = stored(pbx, "2201").orElseThrow();
      Path org = sounds.resolve("testby-kommun");
      assertTrue(o.sound().startsWith("announce-"), o.encode());
      assertTrue(Files.isRegularFile(org.resolve(o.sound() + ".wav")), o.encode());
      List<Path> made;
      try (var files = Files.list(org)) {
        made = files.sorted().toList();
      }

      sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
      assertEquals(0, sync.code(), sync.out() + sync.err());
      assertTrue(sync.out().contains("0 added, 0 changed, 0 removed"), sync.out());
      try (var files = Files.list(org)) {
        assertEquals(made, files.sorted().toList(), "the second sync made no file");
      }

      radicale.put(path, event("course@e2e", from, until.plus(1, ChronoUnit.HOURS),
          "UTB: kurs"));
      sync = pbx.vaxel("calendar", "sync", "-f", staff.toString(), "--state-dir", state);
      assertEquals(0, sync.code(), sync.out() + sync.err());
      LiveOverride moved = stored(pbx, "2201").orElseThrow();
      assertTrue(!moved.sound().equals(o.sound()), moved.encode());
      assertTrue(Files.isRegularFile(org.resolve(moved.sound() + ".wav")), moved.encode());
    } finally {
      radicale.delete(path);
      try (AmiClient ami = pbx.connect()) {
        ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
      }
    }
  }

  static String rawValue(Pbx pbx, String extension) {
    try (AmiClient ami = pbx.connect()) {
      return ami.dbGet(ItStaff.OVERRIDE_FAMILY, extension).orElse(null);
    }
  }

  static Optional<LiveOverride> stored(Pbx pbx, String extension) {
    String value = rawValue(pbx, extension);
    return value == null ? Optional.empty() : LiveOverride.decode(extension, value);
  }
}
