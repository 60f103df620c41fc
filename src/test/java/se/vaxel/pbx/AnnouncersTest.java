package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.SpeechException;
import se.vaxel.staff.StaffLoader;

/** The one factory of an organisation's announcer: off, not on this host, or the real one. */
class AnnouncersTest {
  @TempDir Path dir;
  final Announcers announcers = new Announcers(
      new AbsenceAnnouncements(new Templates(Optional.empty()), new WorkingDays()));

  private Staff staff(String speech) throws Exception {
    return new StaffLoader().parse("t.yaml", """
        organisation:
          id: org-a
          name: Testby kommun
          place: Testby
          switchboard: "100"
          phone: "0900-100 00"
          functional-mailbox: kommunen@testby.se
          language: sv
          timezone: Europe/Stockholm
        %s
        staff:
          - id: anna.berg
            first-name: Anna
            last-name: Berg
            extension: "2101"
            email: anna@testby.se
        """.formatted(speech));
  }

  @Test
  void withoutSpeechThereIsNoAnnouncerAndNoWarning() throws Exception {
    Announcers.Choice c = announcers.of(staff(""));
    assertSame(Announcers.NONE, c.announcer());
    assertTrue(c.warning().isEmpty());
    Announcers.Choice off = announcers.of(staff("speech:\n  announcement: false\n  sounds-dir: "
        + dir.resolve("nowhere")));
    assertSame(Announcers.NONE, off.announcer());
    assertTrue(off.warning().isEmpty());
  }

  @Test
  void aSoundsDirectoryNotOnThisHostIsNoAnnouncerWithAWarningNamingIt() throws Exception {
    Path missing = dir.resolve("var/lib/asterisk/sounds/vaxel");
    Announcers.Choice c = announcers.of(staff("speech:\n  sounds-dir: " + missing));
    assertSame(Announcers.NONE, c.announcer());
    String w = c.warning().orElseThrow();
    assertTrue(w.contains(missing.toString()) && w.contains("not on this host")
        && w.contains("org-a"), w);
    assertTrue(Files.notExists(missing), "nothing is made on another host");
    assertFalse(Announcers.onThisHost(staff("speech:\n  sounds-dir: " + missing).speech()),
        "another host's: absence set warns and goes on");
  }

  @Test
  void aSoundsDirectoryThatIsHereIsOnThisHostWritableOrNot() throws Exception {
    Path sounds = Files.createDirectories(dir.resolve("sounds"));
    assertTrue(Announcers.onThisHost(staff("speech:\n  sounds-dir: " + sounds).speech()),
        "here: a warning about it is a permission to fix, and absence set stops (exit 3)");
  }

  @Test
  void aWritableSoundsDirectoryGivesTheRealAnnouncer() throws Exception {
    Path sounds = Files.createDirectories(dir.resolve("sounds"));
    Announcers.Choice c = announcers.of(staff("speech:\n  sounds-dir: " + sounds));
    assertNotSame(Announcers.NONE, c.announcer());
    assertTrue(c.warning().isEmpty());
  }

  @Test
  void orSilentTurnsASpeechFailureIntoNoSoundAndSaysWhy() {
    List<String> said = new ArrayList<>();
    AbsenceService.Announcer a = Announcers.orSilent((p, o, cover) -> {
      throw new SpeechException(SpeechException.Kind.ENGINE_MISSING, "espeak-ng is not installed");
    }, e -> said.add(e.getMessage()));
    assertEquals(AbsenceService.Sounds.NONE, a.soundsFor(null, null, null));
    assertEquals(List.of("espeak-ng is not installed"), said);
  }
}
