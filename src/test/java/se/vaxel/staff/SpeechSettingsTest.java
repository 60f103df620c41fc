package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.model.SpeechSettings;
import se.vaxel.model.Staff;

/** staff.yaml's speech: block and a person's announcement: (docs/speech.md). */
class SpeechSettingsTest {

  private static final String CALLE = """
        - id: calle.carlsson
          first-name: Calle
          last-name: Carlsson
          email: calle@bjurholm.se
          extension: "2101"
          announcement: false
      """;

  @Test
  void withoutABlockNothingIsSpoken() throws StaffException {
    Staff staff = StaffFiles.load(StaffFiles.HEAD + StaffFiles.ANNA);
    assertFalse(staff.speech().announce());
    assertFalse(staff.speech().announces(staff.byId("anna.berg").orElseThrow()));
  }

  @Test
  void theBlockAndThePersonsKey() throws StaffException {
    Staff staff = StaffFiles.load("""
        speech:
          sounds-dir: /var/tmp/sandbox/var/lib/asterisk/sounds/vaxel/
          playback-dir: /var/lib/asterisk/sounds/vaxel
          command: [/usr/local/bin/tts, "--voice={lang}"]
          timeout: 12
          temporary-greeting: true
          voicemail-spool: /var/tmp/sandbox/var/spool/asterisk/voicemail/
        """ + StaffFiles.HEAD + StaffFiles.ANNA + CALLE);
    SpeechSettings s = staff.speech();
    assertTrue(s.announce(), "announcement defaults to true once the block is there");
    assertEquals("/var/tmp/sandbox/var/lib/asterisk/sounds/vaxel/bjurholms-kommun", s.writeDir());
    assertEquals("/var/lib/asterisk/sounds/vaxel/bjurholms-kommun/announce-x",
        s.playback("announce-x"));
    assertEquals(List.of("/usr/local/bin/tts", "--voice={lang}"), s.command());
    assertEquals(Duration.ofSeconds(12), s.timeout());
    assertTrue(s.temporaryGreeting());
    assertEquals("/var/tmp/sandbox/var/spool/asterisk/voicemail", s.voicemailSpool());
    assertTrue(s.speaksTemporaryGreeting(staff.byId("anna.berg").orElseThrow()));
    assertFalse(s.speaksTemporaryGreeting(staff.byId("calle.carlsson").orElseThrow()),
        "announcement: false also silences the spoken temporary greeting");
    assertTrue(s.announces(staff.byId("anna.berg").orElseThrow()));
    assertFalse(s.announces(staff.byId("calle.carlsson").orElseThrow()));
  }

  @Test
  void everyWrongValueIsReportedWhere() {
    List<Problem> problems = StaffFiles.problems("""
        speech:
          announcement: yes
          sounds-dir: sounds
          playback-dir: /var/lib/a sterisk
          command: [tts, "{text}"]
          timeout: 0
          temporary-greting: true
          voicemail-spool: /var/spool/asterisk/voice mail
        """ + StaffFiles.HEAD + StaffFiles.ANNA);
    String all = problems.stream().map(Problem::toString).reduce("", (a, b) -> a + b + "\n");
    assertTrue(all.contains("test.yaml:2:17: announcement 'yes' must be true or false")
        || all.contains("test.yaml:2:17: announcement \"yes\" must be true or false"), all);
    assertTrue(all.contains("test.yaml:3:15:") && all.contains("must be an absolute path"), all);
    assertTrue(all.contains("test.yaml:4:17:"), all);
    assertTrue(all.contains("test.yaml:5:13:") && all.contains("not an absolute path"), all);
    assertTrue(all.contains("test.yaml:6:12:") && all.contains("from 1 to 600"), all);
    assertTrue(all.contains("test.yaml:7:3:") && all.contains("temporary-greeting"), all);
    assertTrue(all.contains("test.yaml:8:20: voicemail-spool") && all.contains("absolute path"),
        all);
  }

  @Test
  void aPersonsAnnouncementMustBeTrueOrFalse() {
    List<Problem> problems = StaffFiles.problems(StaffFiles.HEAD + StaffFiles.ANNA
        + "    announcement: nej\n");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).toString().startsWith("test.yaml:15:19:"), problems.toString());
  }
}
