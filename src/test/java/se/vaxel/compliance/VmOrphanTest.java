package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmOrphanTest {
  private final Rule rule = new VmOrphan();

  @Test
  void mailboxOfSomeoneWhoLeftIsAnOrphan() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2199", Fixture.mailbox("2199", "Olle Gammal", ""));

    assertEquals(List.of(new Finding("VM-ORPHAN", Severity.WARNING, null, "2199",
        "mailbox 2199@vaxel (Olle Gammal) belongs to nobody in staff.yaml")), f.check(rule));
  }

  @Test
  void dialplanExtensionOfSomeoneWhoLeftIsAnOrphan() {
    Fixture f = Fixture.compliant();
    f.dialplanExtensions.add("2199");

    assertEquals(List.of(new Finding("VM-ORPHAN", Severity.WARNING, null, "2199",
        "dialplan extension 2199@vaxel-staff belongs to nobody in staff.yaml")), f.check(rule));
  }

  @Test
  void leftoverMailboxAndExtensionAreOneFindingNamingBoth() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2199", Fixture.mailbox("2199", "", ""));
    f.dialplanExtensions.add("2199");

    assertEquals(List.of("mailbox 2199@vaxel and dialplan extension 2199@vaxel-staff belong to "
        + "nobody in staff.yaml"), f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void orphansComeInExtensionOrder() {
    Fixture f = Fixture.compliant();
    f.dialplanExtensions.add("2301");
    f.mailboxes.put("2199", Fixture.mailbox("2199", "", ""));

    assertEquals(List.of("2199", "2301"),
        f.check(rule).stream().map(Finding::extension).toList());
  }

  @Test
  void everyMailboxAndExtensionBelongingToSomeoneIsCompliant() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }
}
