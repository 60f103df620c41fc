package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.calendar.Fetch;

/**
 * vaxel calendar sync as a user runs it, with a fake calendar source and a mocked PBX; the
 * clock is 2026-11-21 10:00 UTC.
 */
class CalendarCommandTest {
  static final Map<String, String> ENV = Map.of("VAXEL_AMI_SECRET", "s3cret");
  static final String SECRET_SUBJECT = "Hemlig operation på Karolinska";

  @TempDir Path tmp;

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
          kind: ical
          url: https://cal.test/{email}.ics
      staff:
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2101"
          email: anna@testby.se
        - id: bo.ek
          first-name: Bo
          last-name: Ek
          extension: "2102"
          email: bo@testby.se
      """;

  static String event(String clazz, String summary) {
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\n"
        + "DTSTAMP:20260101T000000Z\r\nCLASS:" + clazz + "\r\nSUMMARY:" + summary + "\r\n"
        + "DESCRIPTION:" + summary + "\r\n"
        + "DTSTART:20261121T080000Z\r\nDTEND:20261121T160000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  }

  @AfterEach
  void restore() {
    CalendarCommand.sources = se.vaxel.calendar.source.CalendarSources::open;
  }

  Cli.Run run(AmiClient ami, Map<String, String> calendars, String... extra) throws Exception {
    Path file = tmp.resolve("staff.yaml");
    Files.writeString(file, YAML);
    CalendarCommand.sources = (settings, dir) -> owners -> owners.stream().map(o ->
        calendars.get(o.personId()) == null
            ? new Fetch(o, Fetch.Status.FAILED, List.of(), o.personId()
                + ": https://cal.test/" + o.email() + ".ics: 401 Unauthorized")
            : new Fetch(o, Fetch.Status.CHANGED, List.of(calendars.get(o.personId())), null))
        .toList();
    List<String> args = new java.util.ArrayList<>(List.of("calendar", "sync", "-f=" + file));
    args.addAll(List.of(extra));
    return Cli.run(settings -> ami, ENV, args.toArray(String[]::new));
  }

  @Test
  void aPrivateEventsSubjectIsNeverShownAndADryRunWritesNothing() throws Exception {
    AmiClient ami = mock(AmiClient.class);
    when(ami.dbGetTree(anyString())).thenReturn(Map.of());
    Cli.Run r = run(ami, Map.of("anna.berg", event("PRIVATE", "SEM: " + SECRET_SUBJECT
        + ", kontakta bo.ek"), "bo.ek", event("PUBLIC", "MÖT; styrelsen")), "--dry-run");
    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("would add anna.berg (2101): SEM (semester, private) "
        + "2026-11-21 09:00 to 2026-11-21 17:00, calls to bo.ek (2102)"), r::toString);
    assertTrue(r.out().contains("1 added"), r::toString);
    assertFalse(r.toString().contains("Hemlig"), r::toString);
    assertFalse(r.toString().contains("Karolinska"), r::toString);
    assertFalse(r.toString().contains("styrelsen"), "no subject is shown at all: " + r);
    verify(ami, never()).dbPut(anyString(), anyString(), anyString());
  }

  @Test
  void aCalendarThatCannotBeReadIsAPartialSyncWithExitOne() throws Exception {
    AmiClient ami = mock(AmiClient.class);
    when(ami.dbGetTree(anyString())).thenReturn(Map.of());
    Cli.Run r = run(ami, Map.of("anna.berg", event("PUBLIC", "TJR: Umeå")));
    assertEquals(1, r.code(), r::toString);
    assertTrue(r.err().contains("bo.ek: https://cal.test/bo@testby.se.ics: 401"), r::toString);
    verify(ami).dbPut(anyString(), org.mockito.ArgumentMatchers.eq("2101"), anyString());
  }

  @Test
  void watchReportsARoundThatFailsAndGoesOnToTheNext() throws Exception {
    AmiClient ami = mock(AmiClient.class);
    when(ami.dbGetTree(anyString())).thenReturn(Map.of());
    Path file = tmp.resolve("staff.yaml");
    Files.writeString(file, YAML);
    java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
    CalendarCommand.sources = (settings, dir) -> owners -> {
      rounds.incrementAndGet();
      // Stops the watch at its sleep, after this round: the test needs no second one.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("a bug in a source");
    };
    Cli.Run r = Cli.run(settings -> ami, ENV, "calendar", "sync", "-f=" + file, "--watch",
        "--interval", "10");
    assertEquals(1, rounds.get(), r::toString);
    assertTrue(r.err().contains("internal error in this round (java.lang.IllegalStateException: "
        + "a bug in a source), please report it; trying again in 10 s"), r::toString);
    Thread.interrupted();
  }

  @Test
  void aStaffFileWithoutACalendarIsBadInputAndHelpListsTheCodes() throws Exception {
    Cli.Run r = Cli.run(settings -> { throw new AssertionError("PBX contacted"); }, ENV,
        "calendar", "sync", "-f=" + Cli.SHIPPED);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("no calendar block"), r::toString);
    Cli.Run help = Cli.run("calendar", "sync", "--help");
    assertTrue(help.out().replaceAll("\\s+", " ").contains("done in part: some calendars could not be read"), help::toString);
  }

  @Test
  void checkWithCalendarNeedsACalendarBlockAndSaysSoBeforeThePbx() {
    Cli.Run r = Cli.run(settings -> { throw new AssertionError("PBX contacted"); }, ENV,
        "check", "--calendar", "-f=" + Cli.SHIPPED);
    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--calendar, but no organisation has a calendar block"),
        r::toString);
  }
}
