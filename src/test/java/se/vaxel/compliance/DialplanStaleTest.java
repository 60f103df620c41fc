package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DialplanStaleTest {
  private final Rule rule = new DialplanStale();

  @Test
  void dialplanFromAnOlderStaffYamlIsStale() {
    Fixture f = Fixture.compliant();
    f.fingerprint = "sha256:ffffffffffffffffffffffffffffffff";

    assertEquals(List.of(new Finding("DIALPLAN-STALE", Severity.ERROR, null, null,
        "loaded sha256:ffffffffffffffffffffffffffffffff, staff.yaml generates "
            + "sha256:0123456789abcdef0123456789abcdef: run vaxel apply")), f.check(rule));
  }

  @Test
  void dialplanNotLoadedIsStale() {
    Fixture f = Fixture.compliant();
    f.fingerprint = "";

    assertEquals(List.of("not loaded, staff.yaml generates "
        + "sha256:0123456789abcdef0123456789abcdef: run vaxel apply"),
        f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void dialplanThatStaffYamlGeneratesIsCurrent() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }
}
