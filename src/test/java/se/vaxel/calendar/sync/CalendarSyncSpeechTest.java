package se.vaxel.calendar.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.pbx.Announcers;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.staff.StaffLoader;

/**
 * The calendar sync with speech on: each absence it writes carries the SOUND of a file that
 * exists, made by the one factory (pbx.Announcers); an unchanged absence runs no engine; a moved
 * one gets a new SOUND; a speech failure writes the absence without one and is partial (exit 1).
 */
class CalendarSyncSpeechTest {
  static final Instant NOW = CalendarSyncTest.NOW;
  static final String FAMILY = CalendarSyncTest.FAMILY;

  @TempDir Path dir;
  Path calls;
  Path tts;
  final Map<String, String> astdb = new HashMap<>();
  final AmiClient ami = mock(AmiClient.class);
  Staff staff;

  @BeforeEach
  void setUp() throws Exception {
    // Half a second of tone, and a "speech command" that counts its runs and plays it.
    byte[] pcm = new byte[8000];
    for (int i = 0; i < 4000; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / 8000.0));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    Path wav = dir.resolve("tone.wav");
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm),
        new AudioFormat(8000, 16, 1, true, false), 4000), AudioFileFormat.Type.WAVE, wav.toFile());
    calls = dir.resolve("calls");
    tts = dir.resolve("tts");
    Files.writeString(tts, "#!/bin/sh\ncat >> " + calls + "; echo >> " + calls + "; cat " + wav
        + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tts, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(dir.resolve("sounds"));
    staff = staff(tts.toString());
    when(ami.dbGetTree(FAMILY)).thenAnswer(i -> Map.copyOf(astdb));
    doAnswer(i -> astdb.put(i.getArgument(1), i.getArgument(2)))
        .when(ami).dbPut(eq(FAMILY), anyString(), anyString());
  }

  private Staff staff(String command) throws Exception {
    String yaml = CalendarSyncTest.YAML.replace("staff:\n", """
        speech:
          sounds-dir: %s
          command: [%s]
        staff:
        """.formatted(dir.resolve("sounds"), command));
    return new StaffLoader().parse("staff.yaml", yaml);
  }

  private CalendarSync.Result sync(Staff staff, String annasCalendar) {
    return sync(staff, annasCalendar, CalendarSyncTest.EMPTY);
  }

  private CalendarSync.Result sync(Staff staff, String annasCalendar, String ciasCalendar) {
    Announcers.Choice speech = new Announcers(new AbsenceAnnouncements(
        new Templates(Optional.empty()), new WorkingDays())).of(staff);
    assertTrue(speech.warning().isEmpty(), speech.warning().toString());
    return new CalendarSync(staff, staff.calendar().orElseThrow(),
        new AbsenceService(staff, ami).withAnnouncer(speech.announcer()))
        .run(CalendarSyncTest.source(Map.of("anna.berg", annasCalendar,
            "bo.ek", CalendarSyncTest.EMPTY, "cia.lind", ciasCalendar),
            new ArrayList<>()), NOW, false);
  }

  private LiveOverride annas() {
    return LiveOverride.decode("2101", astdb.get("2101")).orElseThrow();
  }

  private int engineRuns() throws IOException {
    return Files.exists(calls) ? (int) Files.readAllLines(calls).stream()
        .filter(l -> !l.isEmpty()).count() : 0;
  }

  @Test
  void theCalendarsOverrideNamesAFileThatExistsAndASecondRoundSpeaksNothing() throws Exception {
    var first = sync(staff, CalendarSyncTest.SEM);
    assertEquals(1, first.changes().size());
    LiveOverride o = annas();
    assertTrue(o.sound().startsWith("announce-"), o.encode());
    assertTrue(Files.isRegularFile(dir.resolve("sounds/"
        + staff.organisation().id() + "/" + o.sound() + ".wav")));
    assertTrue(Files.readString(calls).contains("Anna Berg"), "the sentence names her");
    // Her calls go to a colleague, so the sentence has a switchboard variant too, for when that
    // colleague is away at call time: two sentences, two runs.
    assertTrue(o.switchboardSound().startsWith("announce-"), o.encode());
    assertTrue(Files.isRegularFile(dir.resolve("sounds/"
        + staff.organisation().id() + "/" + o.switchboardSound() + ".wav")));
    assertEquals(2, engineRuns());

    var second = sync(staff, CalendarSyncTest.SEM);
    assertTrue(second.changes().isEmpty(), second.changes().toString());
    assertEquals(2, engineRuns(), "an unchanged absence runs no engine");
    assertEquals(o, annas());
  }

  @Test
  void aMovedEventGetsANewSound() throws Exception {
    sync(staff, CalendarSyncTest.SEM);
    String before = annas().sound();
    var moved = sync(staff, CalendarSyncTest.SEM.replace("20261205T170000", "20261207T170000"));
    assertEquals(CalendarSync.Action.CHANGE, moved.changes().get(0).action());
    assertNotEquals(before, annas().sound());
    assertTrue(Files.isRegularFile(dir.resolve("sounds/" + staff.organisation().id() + "/"
        + annas().sound() + ".wav")));
    assertEquals(4, engineRuns(), "two sentences (the variant too) for each of the two events");
  }

  @Test
  void aSpeechFailureWritesTheAbsenceWithoutSoundAndIsPartial() throws Exception {
    Path broken = dir.resolve("broken");
    Path brokenRuns = dir.resolve("broken-runs");
    Files.writeString(broken, "#!/bin/sh\necho run >> " + brokenRuns + "\nexit 3\n",
        StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwx------"));
    var r = sync(staff(broken.toString()), CalendarSyncTest.SEM,
        CalendarSyncTest.SEM.replace("sem-1", "sem-2"));
    assertEquals(2, r.changes().size());
    assertEquals("", annas().sound());
    assertEquals(LiveOverride.Origin.CALENDAR, annas().origin());
    assertEquals("", LiveOverride.decode("2103", astdb.get("2103")).orElseThrow().sound());
    assertTrue(r.partial());
    // Both are named; the engine ran once, not once per person.
    assertEquals(java.util.List.of("anna.berg", "cia.lind"),
        r.unspoken().stream().map(f -> f.person().id()).toList());
    assertEquals(1, Files.readAllLines(brokenRuns).size());
    // The next round with a working engine adds the SOUND to the same absence.
    var again = sync(staff, CalendarSyncTest.SEM);
    assertEquals(CalendarSync.Action.CHANGE, again.changes().get(0).action());
    assertTrue(annas().sound().startsWith("announce-"));
    assertTrue(!again.partial());
  }
}
