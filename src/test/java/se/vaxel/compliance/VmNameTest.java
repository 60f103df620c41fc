package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmNameTest {
  private final Rule rule = new VmName();

  @Test
  void mailboxUnderAnOldNameIsReportedWithBothNames() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", Fixture.mailbox("2102", "Anna Bergström", "anna.berg@bjurholm.se"));

    assertEquals(List.of(new Finding("VM-NAME", Severity.WARNING, "anna.berg", "2102",
        "mailbox 2102 has full name 'Anna Bergström', staff.yaml has 'Anna Berg'")),
        f.check(rule));
  }

  @Test
  void mailboxWithoutANameIsReported() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2102", Fixture.mailbox("2102", "", "anna.berg@bjurholm.se"));

    assertEquals(List.of("mailbox 2102 has no full name, staff.yaml has 'Anna Berg'"),
        f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void mailboxNamedAsInStaffYamlIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }

  @Test
  void missingMailboxIsLeftToVmMissing() {
    Fixture f = Fixture.compliant();
    f.mailboxes.remove("2102");

    assertEquals(List.of(), f.check(rule));
  }
}
