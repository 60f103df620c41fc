package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
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

  /**
   * The calendar names bo (away now) as the contact: the sentence is for calls to come, when bo
   * may be back, so it names bo and gets its switchboard variant; the route picks per call.
   */
  @Test
  void theSoundNamesTheContactTheTargetRingsEvenWhenTheyAreAwayAtThisMoment() throws Exception {
    Staff staff = new StaffLoader().load(ItStaff.write(tmp,
        ItStaff.yaml().replace("staff:\n", "speech:\n  announcement: true\nstaff:\n")));
    AmiClient ami = mock(AmiClient.class);
    java.util.List<se.vaxel.model.Coverage.Cover> asked = new java.util.ArrayList<>();
    AbsenceService service = new AbsenceService(staff, ami).withAnnouncer((p, o, cover) -> {
      asked.add(cover);
      return new AbsenceService.Sounds("announce-" + "a".repeat(32), "announce-" + "b".repeat(32));
    });
    Instant now = Instant.now();
    LiveOverride o = LiveOverride.away("2201", now, now.plusSeconds(3600), "2203",
        Reason.MOTE, "bo.away", "per.present").by(LiveOverride.Origin.CALENDAR, "cal-1");

    LiveOverride announced = service.announced(o, Map.of(), now);

    assertEquals(1, asked.size());
    assertEquals(se.vaxel.model.Coverage.Why.CONTACT, asked.get(0).why(), "not CONTACT_AWAY");
    assertEquals("2203", asked.get(0).target());
    assertEquals("announce-" + "b".repeat(32), announced.switchboardSound());
  }

  @Test
  void withoutAnAnnouncerNothingIsAskedAndNoSoundWritten() throws Exception {
    Staff staff = new StaffLoader().load(ItStaff.write(tmp));
    Instant now = Instant.now();
    LiveOverride o = LiveOverride.away("2201", now, now.plusSeconds(3600), "-",
        Reason.MOTE, null, "per.present");
    assertEquals(o.withSounds("", ""),
        new AbsenceService(staff, mock(AmiClient.class)).announced(o, Map.of(), now));
  }

  @Test
  void backOnACalendarAbsenceIsAPresentOverrideTheNextSyncLeavesAlone() throws Exception {
    Staff staff = new StaffLoader().load(ItStaff.write(tmp));
    AmiClient ami = mock(AmiClient.class);
    String family = se.vaxel.model.DialplanContexts.of(staff.asterisk()).overrideFamily();
    String ext = staff.byId("per.present").orElseThrow().extension();
    Instant now = Instant.parse("2030-01-07T09:30:27Z");
    Instant until = Instant.parse("2030-01-09T16:00:00Z");
    LiveOverride fromCalendar = LiveOverride.away(ext, Instant.parse("2030-01-07T07:00:00Z"),
        until, null, Reason.SEMESTER, null, "per.present")
        .by(LiveOverride.Origin.CALENDAR, "uid-1");
    when(ami.dbGetTree(anyString())).thenReturn(Map.of(ext, fromCalendar.encode()));
    new AbsenceService(staff, ami).clear("per.present", now, LiveOverride.Origin.PHONE, "");
    ArgumentCaptor<String> value = ArgumentCaptor.forClass(String.class);
    verify(ami).dbPut(eq(family), eq(ext), value.capture());
    verify(ami, never()).dbDel(anyString(), anyString());
    LiveOverride stored = LiveOverride.decode(ext, value.getValue()).orElseThrow();
    assertFalse(stored.away());
    assertEquals(Instant.parse("2030-01-07T09:30:00Z"), stored.from());
    assertEquals(until, stored.until());
    // Not the sync's own: it leaves a manual override alone until it ends.
    assertEquals(LiveOverride.Origin.PHONE, stored.origin());
  }

  @Test
  void backOnAManualAbsenceDeletesIt() throws Exception {
    Staff staff = new StaffLoader().load(ItStaff.write(tmp));
    AmiClient ami = mock(AmiClient.class);
    String family = se.vaxel.model.DialplanContexts.of(staff.asterisk()).overrideFamily();
    String ext = staff.byId("per.present").orElseThrow().extension();
    LiveOverride manual = LiveOverride.away(ext, Instant.parse("2030-01-07T07:00:00Z"),
        Instant.parse("2030-01-09T16:00:00Z"), null, Reason.SEMESTER, null, "per.present");
    when(ami.dbGetTree(anyString())).thenReturn(Map.of(ext, manual.encode()));
    new AbsenceService(staff, ami).clear("per.present", Instant.parse("2030-01-07T09:30:00Z"));
    verify(ami).dbDel(family, ext);
    verify(ami, never()).dbPut(eq(family), anyString(), anyString());
  }
}
