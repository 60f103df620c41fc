package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

class VmEmailTest {
  private final Rule rule = new VmEmail();

  /** The fixture's staff with one person's e-mail left out, as the model allows. */
  private static Fixture withoutEmail(String id) {
    Staff staff = Fixture.staff(Fixture.STAFF);
    List<Person> people = staff.people().stream()
        .map(p -> !p.id().equals(id) ? p : new Person(p.id(), p.firstName(), p.lastName(),
            p.title(), p.department(), p.workplace(), p.extension(), p.phone(), p.mobile(), null,
            p.language(), p.answerWith(), p.absences()))
        .toList();
    return Fixture.compliant(new Staff(staff.organisation(), staff.asterisk(), people));
  }

  @Test
  void mailboxWithAnotherAddressIsReportedWithBothAddresses() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", Fixture.mailbox("2102", "Anna Berg", "anna@gammal.se"));

    assertEquals(List.of(new Finding("VM-EMAIL", Severity.WARNING, "anna.berg", "2102",
        "mailbox 2102 has e-mail 'anna@gammal.se', staff.yaml has 'anna.berg@bjurholm.se'")),
        f.check(rule));
  }

  @Test
  void mailboxWithAnAddressForSomeoneWithoutOneIsReported() {
    Fixture f = withoutEmail("bo.lind");
    f.mailboxes.put("2103", Fixture.mailbox("2103", "Bo Lind", "bo@gammal.se"));

    assertEquals(List.of("mailbox 2103 has e-mail 'bo@gammal.se', staff.yaml has none"),
        f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void mailboxWithoutAnAddressForSomeoneWithOneIsReported() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", Fixture.mailbox("2102", "Anna Berg", ""));

    assertEquals(List.of("mailbox 2102 has no e-mail, staff.yaml has 'anna.berg@bjurholm.se'"),
        f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void noAddressOnEitherSideIsCompliant() {
    Fixture f = withoutEmail("bo.lind");

    assertEquals("", f.mailboxes.get("2103").email());
    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void mailboxWithTheAddressOfStaffYamlIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }
}
