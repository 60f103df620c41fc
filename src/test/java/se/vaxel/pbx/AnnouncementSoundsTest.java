package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
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
        .get(1).fallback().sound().name(); // absences in order of start: November, then December
    // The window's sentence and its switchboard variant (below) are set in one step.
    assertTrue(conf.contains("?MSet(VAXEL_ANNOUNCE=" + dir.resolve("sounds") + "/org-a/" + name
        + ",VAXEL_ANNOUNCE_SB="), conf);
    assertTrue(conf.contains("?Playback(${sound}))"), conf);
    assertTrue(conf.contains("${CUT(o,|,10)}"), "the live override's SOUND plays too");
    // Dora said announcement: false; the dialplan names 3 files for Calle, none for her:
    // November's (the switchboard) and December's, which names Anna, and its switchboard variant.
    assertEquals(3, conf.split("/org-a/announce-", -1).length - 1, conf);
    // ... in one line per window: December's two files share its MSet.
    assertEquals(2, conf.lines().filter(l -> l.contains("/org-a/announce-")).count(), conf);

    AbsenceAnnouncements.Sound sb = announcements.windows(staff,
        staff.byId("calle.carlsson").orElseThrow()).get(1).fallback().switchboard();
    assertTrue(conf.contains(",VAXEL_ANNOUNCE_SB=" + dir.resolve("sounds") + "/org-a/"
        + sb.name() + "))"), conf);
    assertTrue(sb.text().endsWith("Du kopplas nu till växeln.") && !sb.text().contains("Anna"),
        sb.text());
    assertTrue(conf.contains("${CUT(o,|,11)}"), "the live override's switchboard variant too");

    AnnouncementSounds producer = new AnnouncementSounds(announcements);
    producer.ensure(staff, NOW);
    assertEquals(2, engineRuns(), "only the current absence's files are made, not November's");
    assertEquals(Set.of(name + ".wav", sb.name() + ".wav"), files("org-a"));
    String sentences = Files.readString(calls);
    assertTrue(sentences.contains("Calle Carlsson") && sentences.contains("Anna Berg"), sentences);
    producer.ensure(staff, NOW);
    assertEquals(2, engineRuns(), "an existing file is never made again");
  }

  /**
   * One apply words an organisation's announcements once (generate, ensure and retain ask the
   * same object); a staff.yaml read again is a new object and is worded again.
   */
  @Test
  void theWindowsAreWordedOncePerStaff() throws Exception {
    Staff staff = staff("org-a", "  announcement: true", "semester");
    var first = announcements.windows(staff);
    assertSame(first, announcements.windows(staff));
    assertSame(first.get("calle.carlsson"),
        announcements.windows(staff, staff.byId("calle.carlsson").orElseThrow()));
    Staff again = staff("org-a", "  announcement: true", "semester");
    var second = announcements.windows(again);
    assertNotSame(first, second);
    assertEquals(first, second, "the same file the same wording");
    assertFalse(first.containsKey("dora.d"), "announcement: false is never worded");
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

    String liveSb = "announce-" + "2".repeat(32);
    Files.writeString(orgA.resolve(liveSb + ".wav"), "live, switchboard");
    LiveOverride both = LiveOverride.away("2101", NOW.minusSeconds(60), NOW.plusSeconds(3600),
        "2102", Reason.SEMESTER, "anna.berg", "calle.carlsson").withSounds(live, liveSb);

    assertEquals(1, producer.retain(a, List.of(o, both), NOW));
    Set<String> kept = new java.util.HashSet<>(Set.of(live + ".wav", liveSb + ".wav",
        "readme.txt"));
    announcements.needed(a, LocalDateTime.of(2026, 12, 1, 10, 0))
        .forEach(s -> kept.add(s.name() + ".wav"));
    assertEquals(4 + 1, kept.size(), "the window's two, the live override's two, the readme");
    assertEquals(kept, files("org-a"));
    assertEquals(bBefore, files("org-b"), "another organisation's files are never touched");
  }

  @Test
  void absenceSetMakesItsFilesWithTheCoverOfCoverage() throws Exception {
    Staff staff = staff("org-a", "  announcement: true", "semester");
    LiveOverride o = LiveOverride.away("2102", NOW, NOW.plusSeconds(7200), "2101",
        Reason.SJUK.disclosed(), "calle.carlsson", "anna.berg");
    AbsenceService.Sounds sounds = new AnnouncementSounds(announcements).announcer(staff)
        .soundsFor(staff.byId("anna.berg").orElseThrow(), o,
            new se.vaxel.model.Coverage.Cover(se.vaxel.model.Coverage.Source.LIVE,
                staff.byId("calle.carlsson").orElseThrow(), 0,
                se.vaxel.model.Coverage.Why.CONTACT));
    assertTrue(files("org-a").containsAll(Set.of(sounds.sound() + ".wav",
        sounds.switchboard() + ".wav")), files("org-a").toString());
    assertNotEquals(sounds.sound(), sounds.switchboard());
    List<String> said = Files.readAllLines(calls).stream().filter(l -> !l.isEmpty()).toList();
    assertEquals(2, said.size(), "the contact's sentence and its switchboard variant");
    assertTrue(said.stream().anyMatch(l -> l.endsWith("till Calle Carlsson.")), said.toString());
    assertTrue(said.stream().anyMatch(l -> l.endsWith("till växeln.") && !l.contains("Calle")),
        said.toString());

    AbsenceService.Sounds toSwitchboard = new AnnouncementSounds(announcements).announcer(staff)
        .soundsFor(staff.byId("anna.berg").orElseThrow(), o, se.vaxel.model.Coverage.Cover.NOBODY);
    assertTrue(toSwitchboard.sound().startsWith("announce-"));
    assertEquals("", toSwitchboard.switchboard(), "no name said: no variant needed");
    assertEquals(AbsenceService.Sounds.NONE, new AnnouncementSounds(announcements)
        .announcer(staff).soundsFor(staff.byId("dora.d").orElseThrow(), o,
            se.vaxel.model.Coverage.Cover.NOBODY), "announcement: false makes nothing");
  }
}
