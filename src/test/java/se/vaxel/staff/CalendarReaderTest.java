package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.calendar.SourceSettings;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/** staff.yaml's calendar block: its keys, defaults and problems at FILE:LINE:COL. */
class CalendarReaderTest {
  static final String HEAD = """
      organisation:
        name: Testby kommun
        place: Testby
        switchboard: "100"
        phone: "0900-100 00"
        functional-mailbox: kommunen@testby.se
        language: sv
        timezone: Europe/Stockholm
      """;
  static final String PEOPLE = """
      staff:
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2101"
          email: anna@testby.se
          calendar:
            url: https://cal.test/anna.ics
            alternate: bo.ek
        - id: bo.ek
          first-name: Bo
          last-name: Ek
          extension: "2102"
          email: bo@testby.se
          calendar: false
      """;

  @Test
  void everyKeyIsRead() throws Exception {
    Staff staff = new StaffLoader().parse("staff.yaml", HEAD + """
        calendar:
          source:
            kind: caldav
            url: https://cal.test/{email}/
            credentials: /etc/vaxel/caldav.secret
            timeout: 20
          codes:
            SEM: semester
            kurs: utbildning
            SJK: sjuk
          busy: out-of-office
          all-day: ignore
          private: ignore
          horizon-days: 3
        """ + PEOPLE);
    CalendarSettings c = staff.calendar().orElseThrow();
    assertEquals(SourceSettings.Kind.CALDAV, c.source().kind());
    assertEquals(Duration.ofSeconds(20), c.source().timeout());
    assertEquals(Reason.UTBILDNING, c.codes().get("KURS"));
    assertEquals(Reason.ANNAT, c.codes().get("SJK"), "sickness is stored as annat");
    assertEquals(3, c.codes().size(), "a code table replaces the defaults");
    assertEquals(CalendarSettings.Busy.OUT_OF_OFFICE, c.busy());
    assertEquals(CalendarSettings.Treatment.IGNORE, c.allDay());
    assertEquals(Duration.ofDays(3), c.horizon());
    assertEquals("https://cal.test/anna.ics", c.of("anna.berg").url());
    assertEquals("bo.ek", c.of("anna.berg").alternate());
    assertFalse(c.of("bo.ek").enabled());
  }

  @Test
  void theDefaultsAreTheTrioCodes() throws Exception {
    Staff staff = new StaffLoader().parse("staff.yaml", HEAD + """
        calendar:
          source: {kind: ical, url: "https://cal.test/{id}.ics"}
        """ + PEOPLE);
    CalendarSettings c = staff.calendar().orElseThrow();
    assertEquals(Reason.MOTE, c.codes().get("MÖT"));
    assertEquals(Reason.FORALDRALEDIG, c.codes().get("FLE"));
    assertEquals(Duration.ofSeconds(10), c.source().timeout());
    assertEquals(CalendarSettings.Busy.NONE, c.busy());
  }

  @Test
  void everyProblemIsReportedAtItsPlace() {
    StaffException e = assertThrows(StaffException.class, () -> new StaffLoader().parse(
        "staff.yaml", HEAD + """
            calendar:
              source:
                kind: exchange
                url: ftp://cal.test/
              codes:
                SEM: vacation
              busy: maybe
              horizon-days: 1000
            """ + PEOPLE.replace("alternate: bo.ek", "alternate: nobody")));
    String all = e.getMessage();
    assertTrue(all.contains("staff.yaml:11:11: calendar.source.kind 'exchange' must be ical"),
        all);
    assertTrue(all.contains("staff.yaml:12:10: calendar.source.url"), all);
    assertTrue(all.contains("staff.yaml:14:10: calendar code SEM 'vacation' must be one of"),
        all);
    assertTrue(all.contains("staff.yaml:15:9: busy 'maybe'"), all);
    assertTrue(all.contains("staff.yaml:16:17: horizon-days '1000'"), all);
    assertTrue(all.contains("calendar.alternate 'nobody' is not a staff id"), all);
  }
}
