package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.vaxel.model.Absence;
import se.vaxel.model.AnswerExtra;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/** The shipped staff.yaml: it loads, and it has what the issue asks the example to show. */
class StaffLoaderTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 21);
  private static Staff staff;

  @BeforeAll
  static void loadShippedFile() throws StaffException, IOException {
    staff = new StaffLoader().load(Path.of("staff.yaml"));
  }

  private static Person person(String id) {
    return staff.byId(id).orElseThrow();
  }

  @Test
  void shippedFileHasTheOrganisationAndSixteenPeople() {
    assertEquals(new Organisation("bjurholm", true, "Bjurholms kommun", "Bjurholm", "100",
        "0934-140 00",
        "kommunen@bjurholm.se", Language.SV, ZoneId.of("Europe/Stockholm")),
        staff.organisation());
    assertEquals(new AsteriskSettings("vaxel", "vaxel-staff", "PJSIP/${EXTEN}", 20),
        staff.asterisk());
    assertEquals(16, staff.people().size());
  }

  @Test
  void calleCarlssonIsReadInFull() {
    Person calle = person("calle.carlsson");
    assertEquals("Calle Carlsson", calle.fullName());
    assertEquals("Rektor", calle.title());
    assertEquals("Barn och utbildning", calle.department());
    assertEquals("Castorskolan", calle.workplace());
    assertEquals("2101", calle.extension());
    assertEquals("0934-140 01", calle.phone());
    assertEquals("070-123 45 67", calle.mobile());
    assertEquals("calle.carlsson@bjurholm.se", calle.email());
    assertEquals(Language.SV, calle.language());
    assertEquals(List.of(AnswerExtra.WORKPLACE), calle.answerWith());
  }

  @Test
  void calleSummerHolidayEndsTheMidnightAfterItsLastDay() {
    Absence semester = person("calle.carlsson").absences().get(0);
    assertEquals(LocalDateTime.of(2026, 7, 20, 0, 0), semester.start());
    assertEquals(LocalDateTime.of(2026, 8, 10, 0, 0), semester.end());
    assertEquals(LocalDate.of(2026, 8, 9), semester.lastDay());
    assertTrue(semester.wholeDays());
    assertEquals(Reason.SEMESTER, semester.reason());
    assertEquals("anna.berg", semester.alternate());
    assertEquals(MailOption.FUNCTIONAL_MAILBOX, semester.mail());
    assertEquals(new TreeMap<>(Map.of(30, "anna.berg", 31, "bo.lind")),
        semester.weeklyContacts());
  }

  @Test
  void exampleHasOneCurrentAndOneUpcomingAbsence() {
    assertTrue(person("asa.oberg").absenceOn(TODAY).isPresent());
    Absence upcoming = person("eva-lena.nystrom").currentOrUpcomingAbsence(TODAY).orElseThrow();
    assertTrue(upcoming.firstDay().isAfter(TODAY));
    assertEquals(List.of(1, 52, 53), List.copyOf(upcoming.weeklyContacts().keySet()));
  }

  @Test
  void partDayMeetingKeepsItsTimes() {
    Absence meeting = person("sofia.wikstrom").absences().get(0);
    assertFalse(meeting.wholeDays());
    assertEquals(LocalDateTime.of(2026, 11, 24, 12, 0), meeting.end());
  }

  @Test
  void exampleCoversTheNamesAndShapesTheIssueAsksFor() {
    assertEquals("Eva-Lena", person("eva-lena.nystrom").firstName());
    assertEquals("Karl Johan", person("karl.johan.hedlund").firstName());
    assertEquals("Åsa Öberg", person("asa.oberg").fullName());
    assertEquals("René Lindström", person("rene.lindstrom").fullName());
    Person mobileOnly = person("linnea.sjodin");
    assertNull(mobileOnly.extension());
    assertTrue(mobileOnly.needsGreeting());
    Person plain = person("maria.akesson");
    assertNull(plain.title());
    assertNull(plain.workplace());
    assertEquals(Language.EN, person("fiona.obrien").language());
  }
}
