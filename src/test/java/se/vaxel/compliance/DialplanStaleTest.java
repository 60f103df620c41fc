package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.DialplanEntry;

class DialplanStaleTest {
  private final Rule rule = new DialplanStale();

  @Test
  void routeThatHangsUpIsStaleAndNamesThePriority() {
    Fixture f = Fixture.compliant();
    f.loaded("vaxel-staff-route", "s", 1, "Hangup", "");

    assertEquals(List.of(new Finding("DIALPLAN-STALE", Severity.ERROR, null, null,
        "the loaded dialplan differs from what staff.yaml generates in 1 place: "
            + "vaxel-staff-route s,1: loaded Hangup(), generated Set(LOCAL(ext)=${ARG1}). "
            + "Run vaxel apply, and remove any older copy of these contexts from the PBX's own "
            + "dialplan")), f.check(rule));
  }

  @Test
  void includeFromOurContextIsStale() {
    Fixture f = Fixture.compliant();
    f.dialplan.get("vaxel-staff").add(new DialplanEntry("vaxel-staff", "",
        DialplanEntry.INCLUDE, "", "elsewhere", "", "pbx_config"));

    String message = f.check(rule).get(0).message();

    assertTrue(message.contains("in 1 place: vaxel-staff include => elsewhere: loaded it, "
        + "not generated"), message);
  }

  @Test
  void notLoadedAtAllSaysWhichContextsAreMissingAndTheFingerprints() {
    Fixture f = Fixture.compliant();
    f.dialplan.replaceAll((context, entries) -> new java.util.ArrayList<>());
    f.fingerprint = "";

    String message = f.check(rule).get(0).message();

    assertTrue(message.startsWith("the loaded dialplan differs from what staff.yaml generates "
        + "in 8 places (loaded no fingerprint, staff.yaml generates "
        + "sha256:0123456789abcdef0123456789abcdef): context vaxel-staff is not loaded; "
        + "context vaxel-staff-p0001 is not loaded; context vaxel-staff-route is not loaded;"),
        message);
  }

  @Test
  void manyDifferencesNameTheFirstTwentyAndCountTheRest() {
    Fixture f = Fixture.compliant();
    for (int i = 0; i < 25; i++) {
      f.dialplan.get("vaxel-staff").add(new DialplanEntry("vaxel-staff", "99" + (10 + i), 1, "",
          "Dial", "PJSIP/99" + (10 + i), "pbx_config"));
    }

    String message = f.check(rule).get(0).message();

    assertTrue(message.contains("in 25 places: vaxel-staff 9910,1: loaded Dial(PJSIP/9910), "
        + "not generated;"), message);
    assertTrue(message.contains("9929,1") && !message.contains("9930,1"), message);
    assertTrue(message.contains("; and 5 more. Run vaxel apply"), message);
  }

  @Test
  void dialplanThatStaffYamlGeneratesIsCurrent() {
    assertEquals(List.of(), Fixture.compliant().check(rule));
  }
}
