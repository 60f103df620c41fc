package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import se.vaxel.ami.AmiClient;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;

/** Who registered an absence is stored with it: the console and absence list show it. */
class AbsenceServiceTest {
  @TempDir Path tmp;

  @Test
  void anAbsenceSetOnSomeonesBehalfSaysWhoSetIt() throws Exception {
    Staff staff = new StaffLoader().load(ItStaff.write(tmp));
    AmiClient ami = mock(AmiClient.class);
    when(ami.dbGetTree(anyString())).thenReturn(Map.of());
    LocalDateTime from = LocalDateTime.of(2030, 1, 7, 8, 0);
    new AbsenceService(staff, ami).set("per.present", from, from.plusDays(2), null,
        Reason.SJUK, Instant.parse("2030-01-06T12:00:00Z"), LiveOverride.Origin.WEB, "operator1");
    ArgumentCaptor<String> value = ArgumentCaptor.forClass(String.class);
    String ext = staff.byId("per.present").orElseThrow().extension();
    verify(ami).dbPut(eq(se.vaxel.model.DialplanContexts.of(staff.asterisk()).overrideFamily()),
        eq(ext), value.capture());
    LiveOverride stored = LiveOverride.decode(ext, value.getValue()).orElseThrow();
    assertEquals(LiveOverride.Origin.WEB, stored.origin());
    assertEquals("operator1", stored.setBy());
    // Sickness is stored as "annat" whoever registers it.
    assertEquals(Reason.ANNAT, stored.reason());
    assertTrue(value.getValue().endsWith("|web|operator1"), value.getValue());
  }
}
