package se.vaxel.calendar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.Fetch;
import se.vaxel.calendar.SourceSettings;
import se.vaxel.testing.Radicale;

/** The CalDAV source against the real Radicale, with events the test creates over CalDAV. */
class CalDavSourceIT {
  @TempDir Path state;
  Radicale radicale;
  String person;
  String calendar;

  @BeforeEach
  void calendar() {
    radicale = Radicale.get();
    person = "it-" + UUID.randomUUID().toString().substring(0, 8);
    calendar = radicale.createCalendar(person);
  }

  static String event(String uid, String summary) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//vaxel test//EN\r\n"
        + "BEGIN:VEVENT\r\nUID:" + uid + "\r\nDTSTAMP:20261130T080000Z\r\n"
        + "DTSTART;TZID=Europe/Stockholm:20261201T090000\r\n"
        + "DTEND;TZID=Europe/Stockholm:20261201T120000\r\nSUMMARY:" + summary + "\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  HttpCalendarSource source(Path credentials) throws Exception {
    return CalendarSources.open(new SourceSettings(SourceSettings.Kind.CALDAV,
        radicale.url() + "/{id}/calendar/", credentials, Duration.ofSeconds(10)), state);
  }

  /** Requests that reached the server: resends on a connection Radicale had closed never do. */
  static long sent(HttpCalendarSource s) {
    return s.requests() - s.resends();
  }

  Fetch fetch(HttpCalendarSource s) {
    return s.fetchAll(List.of(new CalendarOwner(person, null, null, null))).get(0);
  }

  @Test
  void readChangedUnchangedAndDeletedEventsWithOnlyTheChangedOnesDownloaded() throws Exception {
    String a = "/" + person + "/calendar/a.ics";
    String b = "/" + person + "/calendar/b.ics";
    radicale.put(a, event("a@vaxel", "SEM: kurs i Umeå"));
    try (HttpCalendarSource s = source(radicale.credentials())) {
      Fetch first = fetch(s);
      assertEquals(Fetch.Status.CHANGED, first.status(), first.problem());
      assertEquals(1, first.documents().size());
      assertTrue(first.documents().get(0).contains("SUMMARY:SEM: kurs i Umeå\r\n"));
      assertEquals(3, sent(s), "PROPFIND, calendar-query, multiget");
      assertEquals(1, s.downloaded());

      // Unchanged: the ctag is the same, so one PROPFIND and no REPORT.
      Fetch unchanged = fetch(s);
      assertEquals(Fetch.Status.UNCHANGED, unchanged.status());
      assertEquals(first.documents(), unchanged.documents());
      assertEquals(4, sent(s));
      assertEquals(1, s.downloaded());

      // A new event: the ctag changes; only the new event is downloaded, the other is kept.
      radicale.put(b, event("b@vaxel", "MÖT: ledningsgrupp"));
      Fetch added = fetch(s);
      assertEquals(Fetch.Status.CHANGED, added.status());
      assertEquals(2, added.documents().size());
      assertEquals(7, sent(s));
      assertEquals(2, s.downloaded());

      // An edited event: downloaded again, with its new text.
      radicale.put(a, event("a@vaxel", "TJR: tjänsteresa"));
      Fetch edited = fetch(s);
      assertEquals(Fetch.Status.CHANGED, edited.status());
      assertTrue(edited.documents().stream().anyMatch(d -> d.contains("SUMMARY:TJR: tjänsteresa")));
      assertFalse(edited.documents().stream().anyMatch(d -> d.contains("SEM: kurs")));
      assertEquals(3, s.downloaded());

      // A deleted event is gone; nothing is downloaded.
      radicale.delete(b);
      Fetch deleted = fetch(s);
      assertEquals(Fetch.Status.CHANGED, deleted.status());
      assertEquals(1, deleted.documents().size());
      assertFalse(deleted.documents().get(0).contains("ledningsgrupp"));
      assertEquals(3, s.downloaded());
    }
    // A new process reads the kept state: unchanged with one request.
    try (HttpCalendarSource s = source(radicale.credentials())) {
      Fetch again = fetch(s);
      assertEquals(Fetch.Status.UNCHANGED, again.status());
      assertEquals(1, again.documents().size());
      assertEquals(1, sent(s));
    }
  }

  @Test
  void anEmptyCalendarIsReadAsEmptyNotFailed() throws Exception {
    try (HttpCalendarSource s = source(radicale.credentials())) {
      Fetch f = fetch(s);
      assertEquals(Fetch.Status.CHANGED, f.status(), f.problem());
      assertEquals(List.of(), f.documents());
      assertEquals(Fetch.Status.UNCHANGED, fetch(s).status());
    }
  }

  @Test
  void wrongCredentialsAre401NamingTheFileAndKeepingThePasswordOut() throws Exception {
    Path wrong = state.resolveSibling(state.getFileName() + "-wrong.secret");
    Files.writeString(wrong, "vaxel:not-the-password-42\n");
    try (HttpCalendarSource s = source(wrong)) {
      Fetch f = fetch(s);
      assertEquals(Fetch.Status.FAILED, f.status());
      assertEquals(person + ": " + radicale.url() + "/" + person + "/calendar/: the server "
          + "refused the credentials (401); check " + wrong, f.problem());
      assertFalse(f.problem().contains("not-the-password-42"));
    } finally {
      Files.deleteIfExists(wrong);
    }
  }

  @Test
  void aCollectionThatIsNotACalendarAndAMissingOneFail() throws Exception {
    try (HttpCalendarSource s = CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.CALDAV, radicale.url() + "/{id}/", radicale.credentials(),
        Duration.ofSeconds(10)), state)) {
      List<Fetch> all = s.fetchAll(List.of(new CalendarOwner(person, null, null, null),
          new CalendarOwner("it-nobody-" + UUID.randomUUID(), null, null, null)));
      assertTrue(all.get(0).problem().contains(": not a CalDAV calendar collection; the address "
          + "must name the person's calendar itself"), all.get(0).problem());
      assertTrue(all.get(1).problem().contains(": no calendar at this address (404)"),
          all.get(1).problem());
    }
  }

  @Test
  void tooManyEventsFailBeforeAnyIsDownloaded() throws Exception {
    for (int i = 0; i < 4; i++) {
      radicale.put("/" + person + "/calendar/e" + i + ".ics", event("e" + i + "@vaxel", "x"));
    }
    try (HttpCalendarSource s = CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.CALDAV, radicale.url() + "/{id}/calendar/", radicale.credentials(),
        Duration.ofSeconds(10)), state, new Limits(3, 1 << 20, 2))) {
      Fetch f = fetch(s);
      assertEquals(person + ": " + calendar + ": 4 events, more than the 3 vaxel reads for one "
          + "person; move old events out of this calendar", f.problem());
      assertEquals(0, s.downloaded());
    }
  }
}
