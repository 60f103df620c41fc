package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.staff.StaffLoader;

/**
 * The announcements as apply's sound producer, and in the generated dialplan: named without an
 * engine, made once, kept while in use, never another organisation's, sickness never spoken.
 */
class AnnouncementSoundsTest {
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final Instant NOW =
      LocalDateTime.of(2026, 12, 1, 10, 0).atZone(STOCKHOLM).toInstant();

  @TempDir Path dir;
  private Path calls;
  private Path tts;
  private final AbsenceAnnouncements announcements =
      new AbsenceAnnouncements(new Templates(Optional.empty()), new WorkingDays());

  @BeforeEach
  void engine() throws Exception {
    // A WAV of half a second of tone, and a "speech command" that counts its runs and plays it.
    float rate = 8000;
    byte[] pcm = new byte[4000 * 2];
    for (int i = 0; i < 4000; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    Path wav = dir.resolve("tone.wav");
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm),
        new AudioFormat(rate, 16, 1, true, false), 4000), AudioFileFormat.Type.WAVE, wav.toFile());
    calls = dir.resolve("calls");
    tts = dir.resolve("tts");
    Files.writeString(tts, "#!/bin/sh\ncat >> " + calls + "; echo >> " + calls + "; cat " + wav
        + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tts, PosixFilePermissions.fromString("rwx------"));
  }

  private Staff staff(String id, String speech, String calleReason) throws Exception {
    return new StaffLoader().parse("t.yaml", """
        organisation:
          id: %s
          name: Bjurholms kommun
          place: Bjurholm
          switchboard: "100"
          phone: "0934-140 00"
          functional-mailbox: kommunen@bjurholm.se
          language: sv
          timezone: Europe/Stockholm
        speech:
        %s
          sounds-dir: %s
          command: [%s]
        staff:
          - id: anna.berg
            first-name: Anna
            last-name: Berg
            email: anna@bjurholm.se
            extension: "2102"
          - id: calle.carlsson
            first-name: Calle
            last-name: Carlsson
            email: calle@bjurholm.se
            extension: "2101"
            absences:
              - from: 2026-11-30
                until: 2026-12-06
                reason: %s
                alternate: anna.berg
              - from: 2026-11-02
                until: 2026-11-06
                reason: semester
          - id: dora.d
            first-name: Dora
            last-name: Dahl
            email: dora@bjurholm.se
            extension: "2103"
            announcement: false
            absences:
              - from: 2026-11-30
                until: 2026-12-06
                reason: semester
        """.formatted(id, speech, dir.resolve("sounds"), tts, calleReason));
  }

  private int engineRuns() throws IOException {
    return Files.exists(calls) ? (int) Files.readAllLines(calls).stream()
        .filter(l -> !l.isEmpty()).count() : 0;
  }

  private Set<String> files(String org) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("sounds").resolve(org))) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  @Test
  void theDialplanPlaysTheWindowsFileAndApplyMakesItOnce() throws Exception {
    Staff staff = staff("org-a", "  announcement: true", "semester");
    String conf = new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(staff).extensionsConf();
    String name = announcements.windows(staff, staff.byId("calle.carlsson").orElseThrow())
        .get(1).fallback().name(); // absences in order of start: November, then December
    assertTrue(conf.contains("?Set(VAXEL_ANNOUNCE=" + dir.resolve("sounds") + "/org-a/" + name
        + "))"), conf);
    assertTrue(conf.contains("?Playback(${VAXEL_ANNOUNCE}))"), conf);
    assertTrue(conf.contains("${CUT(o,|,10)}"), "the live override's SOUND plays too");
    // Dora said announcement: false; the dialplan names 2 files for Calle, none for her.
    assertEquals(2, conf.lines().filter(l -> l.contains("/org-a/announce-")).count(), conf);

    AnnouncementSounds producer = new AnnouncementSounds(announcements);
    producer.ensure(staff, NOW);
    assertEquals(1, engineRuns(), "only the current absence's file is made, not November's");
    assertEquals(Set.of(name + ".wav"), files("org-a"));
    String sentence = Files.readString(calls);
    assertTrue(sentence.contains("Calle Carlsson") && sentence.contains("Anna Berg"), sentence);
    producer.ensure(staff, NOW);
    assertEquals(1, engineRuns(), "an existing file is never made again");
  }

  @Test
  void sicknessIsNeverSpoken() throws Exception {
    String sick = announcements.needed(staff("org-a", "  announcement: true", "sjuk"),
        LocalDateTime.of(2026, 12, 1, 10, 0)).iterator().next().name();
    String other = announcements.needed(staff("org-a", "  announcement: true", "annat"),
        LocalDateTime.of(2026, 12, 1, 10, 0)).iterator().next().name();
    assertEquals(other, sick, "sjuk is spoken as annat: the same sentence, the same file");
  }

  @Test
  void offPerOrganisationNamesAndMakesNothing() throws Exception {
    Staff staff = staff("org-a", "  announcement: false", "semester");
    String conf = new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(staff).extensionsConf();
    assertFalse(conf.contains("VAXEL_ANNOUNCE"), conf);
    new AnnouncementSounds(announcements).ensure(staff, NOW);
    assertEquals(0, engineRuns());
  }

  @Test
  void retainKeepsWhatIsInUseAndNeverAnotherOrganisations() throws Exception {
    Staff a = staff("org-a", "  announcement: true", "semester");
    Staff b = staff("org-b", "  announcement: true", "semester");
    AnnouncementSounds producer = new AnnouncementSounds(announcements);
    producer.ensure(a, NOW);
    producer.ensure(b, NOW);
    Path orgA = dir.resolve("sounds/org-a");
    String stale = "announce-" + "0".repeat(32);
    String live = "announce-" + "1".repeat(32);
    Files.writeString(orgA.resolve(stale + ".wav"), "old");
    // Made before the retain grace (SoundStore.GRACE), whatever the machine's clock says.
    Files.setLastModifiedTime(orgA.resolve(stale + ".wav"), java.nio.file.attribute.FileTime
        .from(NOW.minus(se.vaxel.speech.SoundStore.GRACE).minusSeconds(60)));
    Files.writeString(orgA.resolve(live + ".wav"), "live");
    Files.writeString(orgA.resolve("readme.txt"), "not ours");
    Set<String> bBefore = files("org-b");
    LiveOverride o = LiveOverride.away("2102", NOW.minusSeconds(60), NOW.plusSeconds(3600), "-",
        Reason.SEMESTER, null, "anna.berg").withSound(live);

    assertEquals(1, producer.retain(a, List.of(o), NOW));
    assertEquals(Set.of(announcements.needed(a, LocalDateTime.of(2026, 12, 1, 10, 0))
        .iterator().next().name() + ".wav", live + ".wav", "readme.txt"), files("org-a"));
    assertEquals(bBefore, files("org-b"), "another organisation's files are never touched");
  }

  @Test
  void absenceSetMakesItsFileWithTheCoverOfCoverage() throws Exception {
    Staff staff = staff("org-a", "  announcement: true", "semester");
    LiveOverride o = LiveOverride.away("2102", NOW, NOW.plusSeconds(7200), "2101",
        Reason.SJUK.disclosed(), "calle.carlsson", "anna.berg");
    String name = new AnnouncementSounds(announcements).announcer(staff)
        .soundFor(staff.byId("anna.berg").orElseThrow(), o,
            new se.vaxel.model.Coverage.Cover(se.vaxel.model.Coverage.Source.LIVE,
                staff.byId("anna.berg").orElseThrow(), 0, se.vaxel.model.Coverage.Why.CONTACT));
    assertTrue(files("org-a").contains(name + ".wav"), files("org-a").toString());
    assertEquals(1, engineRuns());
    assertEquals("", new AnnouncementSounds(announcements).announcer(staff)
        .soundFor(staff.byId("dora.d").orElseThrow(), o, se.vaxel.model.Coverage.Cover.NOBODY),
        "announcement: false makes nothing");
  }
}
