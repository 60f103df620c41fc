package se.vaxel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The names an organisation owns on a shared PBX: its id, contexts and AstDB families. */
class PlatformNamesTest {

  @Test
  void idsAreDerivedFromNamesWithoutAccentsOrSpaces() {
    assertEquals("vannas-kommun", Organisation.idFrom("Vännäs kommun"));
    assertEquals("umea-kommun", Organisation.idFrom("Umeå  kommun"));
    assertEquals("region-vasterbotten", Organisation.idFrom(" Region Västerbotten! "));
    assertEquals("org", Organisation.idFrom("---"));
    String id = Organisation.idFrom("Kommunalförbundet för gemensam telefoni i Umeåregionen");
    assertEquals("kommunalforbundet-for-gemensam", id);
  }

  @Test
  void anIdThatIsNotOneIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Organisation("-x", true, "X", null,
        "100", null, null, Language.SV, ZoneId.of("Europe/Stockholm")));
  }

  @Test
  void theSingleOrganisationDefaultsKeepTheFamiliesEarlierVersionsUsed() {
    DialplanContexts ctx = DialplanContexts.of(AsteriskSettings.defaults());
    assertEquals("vaxel-absence", ctx.overrideFamily());
    assertEquals("vaxel-probe", ctx.probeFamily());
    assertEquals("vaxel-staff-planned", ctx.planned());
  }

  @Test
  void eachOrganisationGetsFamiliesOfItsOwn() {
    DialplanContexts ctx = DialplanContexts.of(AsteriskSettings.defaultsFor("vannas"));
    assertEquals("vaxel-vannas-staff", ctx.staff());
    assertEquals("vaxel-vannas-absence", ctx.overrideFamily());
    assertEquals("vaxel-vannas-probe", ctx.probeFamily());
    DialplanContexts plain = DialplanContexts.of(
        new AsteriskSettings("vm", "phones", "PJSIP/${EXTEN}", 20));
    assertEquals("phones-absence", plain.overrideFamily());
  }
}
