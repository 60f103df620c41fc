package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VmMissingTest {
  private final Rule rule = new VmMissing();

  @Test
  void personWithAnExtensionAndNoMailboxIsReported() {
    Fixture f = Fixture.compliant();
    f.mailboxes.remove("2102");

    assertEquals(List.of(new Finding("VM-MISSING", Severity.ERROR, "anna.berg", "2102",
        "no mailbox 2102@vaxel: callers cannot leave a message")), f.check(rule));
  }

  @Test
  void everyoneWithAnExtensionHavingAMailboxIsCompliant() {
    Fixture f = Fixture.compliant();

    assertEquals(List.of(), f.check(rule), "nils.ohman has a mobile only, so no mailbox");
  }
}
