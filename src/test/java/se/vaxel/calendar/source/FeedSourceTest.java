package se.vaxel.calendar.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.Fetch;
import se.vaxel.calendar.SourceSettings;

/** The iCalendar feed source against a plain local HTTP server. */
class FeedSourceTest {
  static final String ICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
      + "BEGIN:VEVENT\r\nUID:1@test\r\nDTSTAMP:20261130T080000Z\r\n"
      + "DTSTART:20261201T080000Z\r\nDTEND:20261201T100000Z\r\nSUMMARY:SEM: kurs\r\n"
      + "END:VEVENT\r\nEND:VCALENDAR\r\n";
  static final String PASSWORD = "s3cret-Pa55";

  @TempDir Path tmp;
  TestServer server;
  Path state;

  @BeforeEach
  void start() throws IOException {
    server = new TestServer();
    state = tmp.resolve("state/bjurholm");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static CalendarOwner owner(String id) {
    return new CalendarOwner(id, id + "@bjurholm.se", "2101", null);
  }

  HttpCalendarSource source(Path credentials, Duration timeout, Limits limits) throws Exception {
    return CalendarSources.open(new SourceSettings(SourceSettings.Kind.ICAL_FEED,
        server.url("/cal/{id}.ics"), credentials, timeout), state, limits);
  }

  HttpCalendarSource source() throws Exception {
    return source(null, Duration.ofSeconds(5), Limits.DEFAULT);
  }

  Fetch fetchOne(HttpCalendarSource source, String id) {
    return source.fetchAll(List.of(owner(id))).get(0);
  }

  /** Answers 200 with an ETag, or 304 when the client sends that ETag back. */
  static TestServer.Handler etagged(String body, String etag) {
    return ex -> {
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.getResponseHeaders().set("ETag", etag);
        TestServer.send(ex, 304, null, "");
      } else {
        ex.getResponseHeaders().set("ETag", etag);
        TestServer.send(ex, 200, "text/calendar", body);
      }
    };
  }

  @Test
  void firstReadIsChangedThenAConditionalGetGivesUnchangedWithTheKeptDocument()
      throws Exception {
    server.on("/cal/calle.carlsson.ics", etagged(ICS, "\"v1\""));
    try (HttpCalendarSource s = source()) {
      Fetch first = fetchOne(s, "calle.carlsson");
      assertEquals(Fetch.Status.CHANGED, first.status());
      assertEquals(List.of(ICS), first.documents());
      assertNull(first.problem());

      Fetch second = fetchOne(s, "calle.carlsson");
      assertEquals(Fetch.Status.UNCHANGED, second.status());
      assertEquals(List.of(ICS), second.documents());
      List<TestServer.Seen> seen = server.seen("/cal/calle.carlsson.ics");
      assertEquals(2, seen.size());
      assertNull(seen.get(0).header("If-None-Match"));
      assertEquals("\"v1\"", seen.get(1).header("If-None-Match"));
      assertEquals(2, s.requests());
    }
  }

  @Test
  void theKeptReadOutlivesTheProcess() throws Exception {
    server.on("/cal/anna.berg.ics", etagged(ICS, "\"v1\""));
    try (HttpCalendarSource s = source()) {
      assertEquals(Fetch.Status.CHANGED, fetchOne(s, "anna.berg").status());
    }
    try (HttpCalendarSource s = source()) {
      Fetch again = fetchOne(s, "anna.berg");
      assertEquals(Fetch.Status.UNCHANGED, again.status());
      assertEquals(List.of(ICS), again.documents());
    }
    assertTrue(Files.exists(state.resolve("anna.berg.cache")));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(state)));
  }

  @Test
  void lastModifiedIsSentBackAsIfModifiedSince() throws Exception {
    String date = "Mon, 30 Nov 2026 08:00:00 GMT";
    server.on("/cal/anna.berg.ics", ex -> {
      if (date.equals(ex.getRequestHeaders().getFirst("If-Modified-Since"))) {
        TestServer.send(ex, 304, null, "");
      } else {
        ex.getResponseHeaders().set("Last-Modified", date);
        TestServer.send(ex, 200, "text/calendar", ICS);
      }
    });
    try (HttpCalendarSource s = source()) {
      assertEquals(Fetch.Status.CHANGED, fetchOne(s, "anna.berg").status());
      assertEquals(Fetch.Status.UNCHANGED, fetchOne(s, "anna.berg").status());
    }
  }

  @Test
  void aChangedDocumentIsChangedAndAServerWithoutValidatorsSendingTheSameIsUnchanged()
      throws Exception {
    String[] body = {ICS};
    server.on("/cal/anna.berg.ics", ex -> TestServer.send(ex, 200, "text/calendar", body[0]));
    try (HttpCalendarSource s = source()) {
      assertEquals(Fetch.Status.CHANGED, fetchOne(s, "anna.berg").status());
      assertEquals(Fetch.Status.UNCHANGED, fetchOne(s, "anna.berg").status());
      body[0] = ICS.replace("SEM: kurs", "MÖT: styrelse");
      Fetch changed = fetchOne(s, "anna.berg");
      assertEquals(Fetch.Status.CHANGED, changed.status());
      assertTrue(changed.documents().get(0).contains("MÖT: styrelse"));
    }
  }

  @Test
  void refusedCredentialsNameThePersonTheAddressAndTheFileButNeverThePassword()
      throws Exception {
    Path secret = tmp.resolve("caldav.secret");
    Files.writeString(secret, "vaxel:" + PASSWORD + "\n");
    server.on("/cal/calle.carlsson.ics", ex -> TestServer.send(ex, 401, "text/plain", "no"));
    try (HttpCalendarSource s = source(secret, Duration.ofSeconds(5), Limits.DEFAULT)) {
      Fetch f = fetchOne(s, "calle.carlsson");
      assertEquals(Fetch.Status.FAILED, f.status());
      assertEquals(List.of(), f.documents());
      assertEquals("calle.carlsson: " + server.url("/cal/calle.carlsson.ics")
          + ": the server refused the credentials (401); check " + secret, f.problem());
      assertFalse(f.problem().contains(PASSWORD));
    }
    // Preemptive Basic with the file's user:password.
    String auth = server.seen("/cal/calle.carlsson.ics").get(0).header("Authorization");
    assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(
        ("vaxel:" + PASSWORD).getBytes(StandardCharsets.UTF_8)), auth);
  }

  @Test
  void aServerAskingForCredentialsWhenNoneAreConfiguredSaysWhereToPutThem() throws Exception {
    server.on("/cal/calle.carlsson.ics", ex -> TestServer.send(ex, 401, "text/plain", "no"));
    try (HttpCalendarSource s = source()) {
      assertTrue(fetchOne(s, "calle.carlsson").problem()
          .contains("the server asks for credentials (401); name a credentials file"));
    }
  }

  @Test
  void notFoundSaysWhatToCheck() throws Exception {
    try (HttpCalendarSource s = source()) {
      Fetch f = fetchOne(s, "nobody");
      assertEquals(Fetch.Status.FAILED, f.status());
      assertEquals("nobody: " + server.url("/cal/nobody.ics") + ": no calendar at this address "
          + "(404); check the person's email, id or url in staff.yaml and the source's URL "
          + "template", f.problem());
    }
  }

  @Test
  void aTimeoutFailsThatPersonAndTheOthersAreStillRead() throws Exception {
    server.on("/cal/slow.ics", ex -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestServer.send(ex, 200, "text/calendar", ICS);
    });
    server.on("/cal/fast.ics", etagged(ICS, "\"f\""));
    try (HttpCalendarSource s = source(null, Duration.ofMillis(300), Limits.DEFAULT)) {
      List<Fetch> all = s.fetchAll(List.of(owner("slow"), owner("fast")));
      assertEquals("slow", all.get(0).owner().personId());
      assertEquals(Fetch.Status.FAILED, all.get(0).status());
      assertTrue(all.get(0).problem().startsWith("slow: " + server.url("/cal/slow.ics")
          + ": no answer within 300 ms"), all.get(0).problem());
      assertEquals(Fetch.Status.CHANGED, all.get(1).status());
    }
  }

  @Test
  void aBodyThatTricklesPastTheDeadlineIsATimeoutToo() throws Exception {
    server.on("/cal/trickle.ics", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/calendar");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 30; i++) {
          out.write("X-PAD:x\r\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    try (HttpCalendarSource s = source(null, Duration.ofMillis(500), Limits.DEFAULT)) {
      Fetch f = fetchOne(s, "trickle");
      assertEquals(Fetch.Status.FAILED, f.status());
      assertTrue(f.problem().contains("within 500 ms"), f.problem());
    }
  }

  @Test
  void anUnreachableServerIsThatPersonsFailure() throws Exception {
    int port = server.port();
    server.close();
    try (HttpCalendarSource s = CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.ICAL_FEED, "http://127.0.0.1:" + port + "/{id}.ics", null,
        Duration.ofSeconds(2)), state)) {
      Fetch f = fetchOne(s, "calle.carlsson");
      assertEquals(Fetch.Status.FAILED, f.status());
      assertTrue(f.problem().startsWith("calle.carlsson: http://127.0.0.1:" + port
          + "/calle.carlsson.ics: could not connect"), f.problem());
    }
    server = new TestServer(); // for @AfterEach
  }

  @Test
  void aLoginPageIsNotACalendarAndNeverAnEmptyOne() throws Exception {
    server.on("/cal/anna.berg.ics",
        ex -> TestServer.send(ex, 200, "text/html", "<!DOCTYPE html><html>Log in</html>"));
    try (HttpCalendarSource s = source()) {
      Fetch f = fetchOne(s, "anna.berg");
      assertEquals(Fetch.Status.FAILED, f.status());
      assertTrue(f.problem().endsWith(": the answer is not an iCalendar document (Content-Type "
          + "text/html, it begins with '<!DOCTYPE html><html'); check the address"), f.problem());
    }
  }

  @Test
  void aCutOffDocumentFails() throws Exception {
    server.on("/cal/anna.berg.ics", ex -> TestServer.send(ex, 200, "text/calendar",
        ICS.substring(0, ICS.indexOf("END:VEVENT"))));
    try (HttpCalendarSource s = source()) {
      assertTrue(fetchOne(s, "anna.berg").problem()
          .endsWith("the iCalendar document is cut off (no END:VCALENDAR)"));
    }
  }

  @Test
  void aHugeCalendarFailsAtTheByteCapWithoutReadingItAll() throws Exception {
    int[] written = {0};
    server.on("/cal/huge.ics", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/calendar");
      ex.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
      byte[] line = "X-PAD:0123456789012345678901234567890123456789\r\n"
          .getBytes(StandardCharsets.UTF_8);
      try (OutputStream out = ex.getResponseBody()) {
        out.write("BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 200_000; i++) { // ~10 MB
          out.write(line);
          written[0] += line.length;
        }
      }
    });
    try (HttpCalendarSource s = source(null, Duration.ofSeconds(10),
        new Limits(5_000, 64 * 1024, 4))) {
      Fetch f = fetchOne(s, "huge");
      assertEquals(Fetch.Status.FAILED, f.status());
      assertEquals("huge: " + server.url("/cal/huge.ics") + ": more than 64 kB of calendar, the "
          + "most vaxel reads for one person; move old events out of this calendar", f.problem());
    }
  }

  @Test
  void aContentLengthOverTheCapIsRefusedAtOnce() throws Exception {
    String big = ICS + "X".repeat(2048);
    server.on("/cal/big.ics", ex -> TestServer.send(ex, 200, "text/calendar", big));
    try (HttpCalendarSource s = source(null, Duration.ofSeconds(5), new Limits(5, 1024, 1))) {
      assertTrue(fetchOne(s, "big").problem().contains("more than 1 kB of calendar"));
    }
  }

  @Test
  void tooManyEventsFail() throws Exception {
    StringBuilder ics = new StringBuilder("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n");
    for (int i = 0; i < 12; i++) {
      ics.append("BEGIN:VEVENT\r\nUID:").append(i).append("\r\nEND:VEVENT\r\n");
    }
    ics.append("END:VCALENDAR\r\n");
    server.on("/cal/busy.ics", ex -> TestServer.send(ex, 200, "text/calendar", ics.toString()));
    try (HttpCalendarSource s = source(null, Duration.ofSeconds(5),
        new Limits(10, 1024 * 1024, 2))) {
      assertTrue(fetchOne(s, "busy").problem().endsWith(": 12 events, more than the 10 vaxel "
          + "reads for one person; move old events out of this calendar"));
    }
  }

  @Test
  void aFailedReadKeepsTheLastGoodOneForTheNextConditionalGet() throws Exception {
    boolean[] broken = {false};
    TestServer.Handler ok = etagged(ICS, "\"v1\"");
    server.on("/cal/anna.berg.ics", ex -> {
      if (broken[0]) {
        TestServer.send(ex, 503, "text/plain", "maintenance");
      } else {
        ok.handle(ex);
      }
    });
    try (HttpCalendarSource s = source()) {
      assertEquals(Fetch.Status.CHANGED, fetchOne(s, "anna.berg").status());
      broken[0] = true;
      Fetch failed = fetchOne(s, "anna.berg");
      assertTrue(failed.problem().endsWith("the server failed (503); see the calendar server's "
          + "log, the next sync tries again"), failed.problem());
      broken[0] = false;
      Fetch again = fetchOne(s, "anna.berg");
      assertEquals(Fetch.Status.UNCHANGED, again.status());
      assertEquals(List.of(ICS), again.documents());
    }
  }

  @Test
  void templateValuesAreEncodedAndAMissingOneFailsThatPersonOnly() throws Exception {
    server.on("/by-mail/anna+x@bjurholm.se/c.ics", etagged(ICS, "\"a\""));
    try (HttpCalendarSource s = CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.ICAL_FEED, server.url("/by-mail/{email}/c.ics"), null,
        Duration.ofSeconds(5)), state)) {
      List<Fetch> all = s.fetchAll(List.of(
          new CalendarOwner("anna", "anna x@bjurholm.se", null, null),
          new CalendarOwner("nomail", null, "2102", null)));
      assertEquals("/by-mail/anna%20x@bjurholm.se/c.ics",
          server.seen.get(0).path());
      assertEquals(Fetch.Status.FAILED, all.get(0).status()); // 404: the path differs
      assertEquals("nomail: has no email in staff.yaml, which the calendar address needs; add "
          + "it, or give the person their own calendar url", all.get(1).problem());
    }
  }

  @Test
  void aPersonsOwnUrlReplacesTheTemplateAndAQueryTokenIsNeverShown() throws Exception {
    try (HttpCalendarSource s = source()) {
      Fetch f = s.fetchAll(List.of(new CalendarOwner("calle", null, null,
          server.url("/private/feed.ics?token=TOPSECRET")))).get(0);
      assertEquals("calle: " + server.url("/private/feed.ics") + "?…: no calendar at this "
          + "address (404); check the person's email, id or url in staff.yaml and the source's "
          + "URL template", f.problem());
    }
  }

  @Test
  void credentialsGoOnlyToTheOriginTheyWereConfiguredFor() throws Exception {
    Path secret = tmp.resolve("secret");
    Files.writeString(secret, "u:" + PASSWORD);
    try (TestServer other = new TestServer()) {
      other.on("/moved.ics", etagged(ICS, "\"m\""));
      server.on("/cal/anna.berg.ics", ex -> {
        // localhost is another origin than 127.0.0.1, as another host would be
        ex.getResponseHeaders().set("Location", "http://localhost:" + other.port()
            + "/moved.ics");
        TestServer.send(ex, 302, null, "");
      });
      try (HttpCalendarSource s = source(secret, Duration.ofSeconds(5), Limits.DEFAULT)) {
        assertEquals(Fetch.Status.CHANGED, fetchOne(s, "anna.berg").status());
      }
      assertTrue(server.seen.get(0).header("Authorization") != null);
      assertNull(other.seen.get(0).header("Authorization"));
    }
  }

  @Test
  void manyPeopleComeBackInTheirOrderWithBoundedConcurrency() throws Exception {
    int[] inFlight = {0};
    int[] most = {0};
    server.on("/cal/x.ics", ex -> {
      synchronized (inFlight) {
        most[0] = Math.max(most[0], ++inFlight[0]);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (inFlight) {
        inFlight[0]--;
      }
      TestServer.send(ex, 200, "text/calendar", ICS);
    });
    List<CalendarOwner> owners = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      owners.add(new CalendarOwner("p" + i, null, null, server.url("/cal/x.ics")));
    }
    try (HttpCalendarSource s = source(null, Duration.ofSeconds(5), new Limits(10, 1 << 20, 3))) {
      List<Fetch> all = s.fetchAll(owners);
      for (int i = 0; i < 40; i++) {
        assertEquals("p" + i, all.get(i).owner().personId());
        assertEquals(Fetch.Status.CHANGED, all.get(i).status());
      }
    }
    assertTrue(most[0] <= 3, "at most 3 at once, saw " + most[0]);
    assertTrue(most[0] >= 2, "reads overlap, saw " + most[0]);
  }

  @Test
  void setupProblemsAreReportedBeforeAnyRead() throws Exception {
    Path missing = tmp.resolve("nope.secret");
    SourceSetupException e = assertThrows(SourceSetupException.class,
        () -> source(missing, Duration.ofSeconds(1), Limits.DEFAULT));
    assertEquals(missing + ": no such credentials file; create it with one line user:password, "
        + "readable only by the user running vaxel", e.getMessage());

    Path bad = tmp.resolve("bad.secret");
    Files.writeString(bad, PASSWORD + "\n");
    e = assertThrows(SourceSetupException.class,
        () -> source(bad, Duration.ofSeconds(1), Limits.DEFAULT));
    assertEquals(bad + ":1: expected one line user:password", e.getMessage());
    assertFalse(e.getMessage().contains(PASSWORD));

    e = assertThrows(SourceSetupException.class, () -> CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.CALDAV, "https://cal.example/{mail}/", null, Duration.ofSeconds(1)),
        state));
    assertEquals("calendar source URL template https://cal.example/{mail}/: unknown placeholder "
        + "{mail}; use {email}, {id} or {extension}", e.getMessage());

    e = assertThrows(SourceSetupException.class, () -> CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.ICAL_FEED, "ftp://cal.example/{id}.ics", null,
        Duration.ofSeconds(1)), state));
    assertTrue(e.getMessage().endsWith(": not an http or https address"), e.getMessage());

    Path file = tmp.resolve("a-file");
    Files.writeString(file, "");
    e = assertThrows(SourceSetupException.class, () -> CalendarSources.open(new SourceSettings(
        SourceSettings.Kind.ICAL_FEED, "http://x/{id}", null, Duration.ofSeconds(1)),
        file.resolve("state")));
    assertTrue(e.getMessage().startsWith(file.resolve("state") + ": cannot keep calendars "
        + "there"), e.getMessage());
  }
}
