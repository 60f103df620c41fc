package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
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
import se.vaxel.render.Templates;
import se.vaxel.render.Texts;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.SpeechException;
import se.vaxel.staff.StaffLoader;

/**
 * The spoken temporary greeting in a temporary spool: placed for someone away now, never over a
 * greeting of the person's (also one that appears while vaxel speaks), spoken once, replaced
 * when the words change, and removed when the absence ends only while its bytes are vaxel's.
 */
class TemporaryGreetingsTest {
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
  private static final Instant NOW =
      LocalDateTime.of(2026, 12, 1, 10, 0).atZone(STOCKHOLM).toInstant();
  private static final Instant LATER =
      LocalDateTime.of(2026, 12, 10, 10, 0).atZone(STOCKHOLM).toInstant();

  @TempDir Path dir;
  private Path calls;
  private Path tts;
  private Path spool;
  private final Templates templates = new Templates(Optional.empty());
  private final TemporaryGreetings producer = new TemporaryGreetings(
      new AbsenceAnnouncements(templates, new WorkingDays()),
      new Texts(templates, new WorkingDays()));

  @BeforeEach
  void engine() throws Exception {
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
    // Counts its runs and keeps each sentence; if the file "race" names a path, it writes
    // "theirs" there first: a person who records while vaxel speaks.
    Path race = dir.resolve("race");
    Files.writeString(tts, "#!/bin/sh\ncat >> " + calls + "; echo >> " + calls + "\n"
        + "if [ -f " + race + " ]; then printf theirs > \"$(cat " + race + ")\"; fi\n"
        + "cat " + wav + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tts, PosixFilePermissions.fromString("rwx------"));
    spool = dir.resolve("spool");
    Files.createDirectories(spool);
  }

  private Staff staff(String option, String calleUntil, String calleReason) throws Exception {
    return new StaffLoader().parse("t.yaml", """
        organisation:
          id: org-a
          name: Bjurholms kommun
          place: Bjurholm
          switchboard: "100"
          phone: "0934-140 00"
          functional-mailbox: kommunen@bjurholm.se
          language: sv
          timezone: Europe/Stockholm
        asterisk:
          voicemail-context: vm
        speech:
          temporary-greeting: %s
          sounds-dir: %s
          voicemail-spool: %s
          command: [%s]
        staff:
          - id: anna.berg
            first-name: Anna
            last-name: Berg
            email: anna@bjurholm.se
            extension: "2102"
            phone: "0934-140 02"
          - id: calle.carlsson
            first-name: Calle
            last-name: Carlsson
            email: calle@bjurholm.se
            extension: "2101"
            workplace: Castorskolan
            absences:
              - from: 2026-11-30
                until: %s
                reason: %s
                alternate: anna.berg
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
        """.formatted(option, dir.resolve("sounds"), spool, tts, calleUntil, calleReason));
  }

  private Staff away() throws Exception {
    return staff("true", "2026-12-06", "semester");
  }

  private List<String> spoken() throws IOException {
    return Files.exists(calls) ? Files.readAllLines(calls).stream()
        .filter(l -> !l.isEmpty()).toList() : List.of();
  }

  private Path greeting(String ext) {
    return spool.resolve("vm").resolve(ext).resolve("temp.wav");
  }

  private Path record(String ext) {
    return dir.resolve("sounds").resolve("org-a").resolve("temp-" + ext);
  }

  @Test
  void someoneAwayNowGetsTheOrganisationsGreetingSpokenOnce() throws Exception {
    Staff staff = away();
    assertEquals(0, producer.retain(staff, List.of(), NOW));
    assertTrue(Files.isRegularFile(greeting("2101")));
    assertFalse(Files.exists(greeting("2102")), "present");
    assertFalse(Files.exists(greeting("2103")), "announcement: false");
    List<String> spoken = spoken();
    assertEquals(1, spoken.size(), spoken.toString());
    assertEquals("Hej! Du har ringt Calle Carlsson, Castorskolan, Bjurholms kommun. Jag är på"
        + " semester till och med söndag den sjätte december. Under tiden kan du vända dig till"
        + " Anna Berg på telefon noll nio tre fyra, ett fyra noll, noll två, eller till växeln på"
        + " noll nio tre fyra, ett fyra noll, noll noll. Du kan också lämna ditt namn och"
        + " telefonnummer så återkommer jag till dig när jag är tillbaka. Tack för att du"
        + " ringde.", spoken.get(0));
    String record = Files.readString(record("2101"));
    assertTrue(record.contains("sha256 " + TemporaryGreetings.sha256(greeting("2101"))), record);
    assertTrue(record.contains("file " + greeting("2101")), record);
    try (Stream<Path> box = Files.list(greeting("2101").getParent())) {
      assertEquals(List.of("temp.wav"), box.map(p -> p.getFileName().toString()).toList(),
          "no temporary file left beside");
    }

    // The nightly apply: the same words, already placed.
    assertEquals(0, producer.retain(staff, List.of(), NOW));
    assertEquals(1, spoken().size(), "spoken once");
  }

  @Test
  void sicknessIsNeverSpoken() throws Exception {
    producer.retain(staff("true", "2026-12-06", "sjuk"), List.of(), NOW);
    String said = spoken().get(0);
    assertTrue(said.contains("Jag är inte på plats till och med"), said);
    assertFalse(said.contains("sjuk"), said);
  }

  @Test
  void aTimeOfDayIsWordsToo() throws Exception {
    producer.retain(staff("true", "2026-12-01T14:30", "mote"), List.of(), NOW);
    String said = spoken().get(0);
    assertTrue(said.contains("i möte till tisdag den första december klockan fjorton och"
        + " trettio."), said);
    assertFalse(said.matches(".*[0-9].*"), said);
  }

  /**
   * An organisation's own absence greeting that leaves a digit (it does not know {@code spoken})
   * is not read out digit by digit: the announcement's sentence, ending in voicemail, is.
   */
  @Test
  void aGreetingThatIsNotSpeakableFallsBackToTheAnnouncementForVoicemail() throws Exception {
    Path own = dir.resolve("templates");
    Files.createDirectories(own.resolve("sv"));
    Files.writeString(own.resolve("sv/absence-greeting.ftl"),
        "Hej, ${fullName} är borta till ${until.iso}.\n");
    Templates templates = new Templates(Optional.of(own));
    new TemporaryGreetings(new AbsenceAnnouncements(templates, new WorkingDays()),
        new Texts(templates, new WorkingDays())).retain(away(), List.of(), NOW);
    assertEquals(List.of("Du har ringt Calle Carlsson. Calle Carlsson är på semester till och"
        + " med söndagen den sjätte december och är tillbaka måndagen den sjunde december. Du kan"
        + " lämna ett meddelande efter tonen."), spoken());
  }

  @Test
  void inEnglishTheDateAndTheClockAreWordsForTheEar() throws Exception {
    Staff staff = staff("true", "2026-12-02T14:30", "tjansteresa");
    se.vaxel.model.Person calle = staff.byId("calle.carlsson").orElseThrow();
    se.vaxel.model.Absence absence = calle.absences().get(0);
    String said = new Texts(templates, new WorkingDays()).spokenAbsenceGreeting(staff, calle,
        se.vaxel.model.Language.EN, absence, se.vaxel.model.Coverage.planned(staff, absence, 0),
        java.time.LocalDate.of(2026, 12, 1));
    assertTrue(said.contains("I am on a business trip until Wednesday the second of December at"
        + " two thirty p.m. In the meantime you can contact Anna Berg on zero nine three four,"
        + " one four zero, zero two, or the switchboard on zero nine three four, one four zero,"
        + " zero zero."), said);
  }

  /** Every day of a leap year, whole days and a time of day, both languages: words only. */
  @Test
  void noDigitReachesTheEngineOnAnyDay() throws Exception {
    Staff staff = away();
    se.vaxel.model.Person calle = staff.byId("calle.carlsson").orElseThrow();
    Texts texts = new Texts(templates, new WorkingDays());
    int rendered = 0;
    for (java.time.LocalDate day = java.time.LocalDate.of(2028, 1, 1);
        day.getYear() == 2028; day = day.plusDays(1)) {
      for (java.time.LocalTime end : List.of(java.time.LocalTime.MIDNIGHT,
          java.time.LocalTime.of(8, 5), java.time.LocalTime.NOON, java.time.LocalTime.of(23, 59))) {
        LocalDateTime until = end.equals(java.time.LocalTime.MIDNIGHT)
            ? day.plusDays(1).atStartOfDay() : day.atTime(end);
        se.vaxel.model.Absence a = new se.vaxel.model.Absence(day.minusDays(3).atStartOfDay(),
            until, false, Reason.values()[rendered % Reason.values().length], "anna.berg",
            se.vaxel.model.MailOption.FUNCTIONAL_MAILBOX, new java.util.TreeMap<>());
        for (se.vaxel.model.Language lang : se.vaxel.model.Language.values()) {
          String said = texts.spokenAbsenceGreeting(staff, calle, lang, a,
              se.vaxel.model.Coverage.planned(staff, a, 0), day.minusDays(1));
          assertFalse(said.matches(".*[0-9].*") || said.contains(".."), said);
          rendered++;
        }
      }
    }
    assertEquals(366 * 4 * 2, rendered);
  }

  @Test
  void aGreetingOfThePersonsInAnyFormatIsLeftAlone() throws Exception {
    Path gsm = greeting("2101").resolveSibling("temp.gsm");
    Files.createDirectories(gsm.getParent());
    Files.writeString(gsm, "recorded");
    Path wav = greeting("2101");
    producer.retain(away(), List.of(), NOW);
    assertFalse(Files.exists(wav));
    assertEquals("recorded", Files.readString(gsm));
    assertFalse(Files.exists(record("2101")));
    assertEquals(0, spoken().size(), "nothing spoken for a mailbox that has one");

    Files.delete(gsm);
    Files.writeString(wav, "their own wav");
    producer.retain(away(), List.of(), NOW);
    assertEquals("their own wav", Files.readString(wav));
    producer.retain(away(), List.of(), LATER);
    assertEquals("their own wav", Files.readString(wav), "never vaxel's to remove");
  }

  /** Theirs in another format beside vaxel's: Asterisk might play either, so vaxel's goes. */
  @Test
  void aGreetingRecordedInAnotherFormatBesideVaxelsReplacesIt() throws Exception {
    producer.retain(away(), List.of(), NOW);
    Path gsm = greeting("2101").resolveSibling("temp.gsm");
    Files.writeString(gsm, "recorded");
    assertEquals(1, producer.retain(away(), List.of(), NOW));
    assertFalse(Files.exists(greeting("2101")));
    assertEquals("recorded", Files.readString(gsm));
    assertFalse(Files.exists(record("2101")));
    assertEquals(1, spoken().size(), "nothing spoken again");
  }

  /** Recorded after vaxel looked, before it linked its file in: the link fails, theirs stays. */
  @Test
  void aGreetingRecordedWhileVaxelSpeaksWins() throws Exception {
    Files.createDirectories(greeting("2101").getParent());
    Files.writeString(dir.resolve("race"), greeting("2101").toString());
    producer.retain(away(), List.of(), NOW);
    assertEquals(1, spoken().size(), "vaxel did speak: the mailbox was empty when it looked");
    assertEquals("theirs", Files.readString(greeting("2101")));
    assertFalse(Files.exists(record("2101")), "not vaxel's, so no record");
    try (Stream<Path> box = Files.list(greeting("2101").getParent())) {
      assertEquals(List.of("temp.wav"), box.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void theEndOfTheAbsenceRemovesVaxelsFileAndItsRecord() throws Exception {
    producer.retain(away(), List.of(), NOW);
    assertTrue(Files.exists(greeting("2101")));
    assertEquals(1, producer.retain(away(), List.of(), LATER));
    assertFalse(Files.exists(greeting("2101")));
    assertFalse(Files.exists(record("2101")));
  }

  @Test
  void aGreetingRecordedOverVaxelsIsKeptWhenTheAbsenceEnds() throws Exception {
    producer.retain(away(), List.of(), NOW);
    byte[] theirs = "re-recorded".getBytes(StandardCharsets.UTF_8);
    Files.write(greeting("2101"), theirs);
    assertEquals(0, producer.retain(away(), List.of(), LATER));
    assertArrayEquals(theirs, Files.readAllBytes(greeting("2101")));
    assertFalse(Files.exists(record("2101")));
  }

  @Test
  void turningTheOptionOffRemovesVaxelsFiles() throws Exception {
    producer.retain(away(), List.of(), NOW);
    Staff off = staff("false", "2026-12-06", "semester");
    assertTrue(producer.needsLive(off), "records left to clean up");
    assertEquals(1, producer.retain(off, List.of(), NOW));
    assertFalse(Files.exists(greeting("2101")));
    assertFalse(producer.needsLive(off));
  }

  @Test
  void aChangedAbsenceReplacesVaxelsFileWithTheNewWords() throws Exception {
    producer.retain(away(), List.of(), NOW);
    String before = Files.readString(record("2101"));
    assertEquals(1, producer.retain(staff("true", "2026-12-08", "semester"), List.of(), NOW));
    assertTrue(Files.exists(greeting("2101")));
    List<String> spoken = spoken();
    assertEquals(2, spoken.size());
    assertTrue(spoken.get(1).contains("tisdag den åttonde december"), spoken.get(1));
    assertFalse(before.equals(Files.readString(record("2101"))));
  }

  @Test
  void aLiveAbsenceIsSpokenWithItsOwnDates() throws Exception {
    Instant from = NOW.minusSeconds(3600);
    Instant until = LocalDateTime.of(2026, 12, 4, 0, 0).atZone(STOCKHOLM).toInstant();
    LiveOverride o = new LiveOverride("2102", true, from, until, "100", Reason.UTBILDNING, null,
        "anna.berg", LiveOverride.Origin.CLI, "", "", "");
    producer.retain(away(), List.of(o), NOW);
    assertTrue(Files.exists(greeting("2102")));
    String said = spoken().stream().filter(s -> s.contains("Anna Berg, Bjurholms")).findFirst()
        .orElseThrow();
    assertTrue(said.contains("på utbildning till och med torsdag den tredje december."
        + " Under tiden kan du vända dig till växeln"), said);
  }

  @Test
  void newDirectoriesAndFilesAreOwnedLikeTheContextDirectoryWhenRunAsRoot() throws Exception {
    Path context = spool.resolve("vm");
    Files.createDirectories(context);
    UserPrincipal me = Files.getOwner(spool);
    UserPrincipal expected = me;
    if (me.getName().equals("root")) {
      expected = spool.getFileSystem().getUserPrincipalLookupService()
          .lookupPrincipalByName("nobody");
      Files.setOwner(context, expected);
    }
    producer.retain(away(), List.of(), NOW);
    assertEquals(expected, Files.getOwner(greeting("2101").getParent()));
    assertEquals(expected, Files.getOwner(greeting("2101")));
  }

  @Test
  void aLinkedMailboxDirectoryIsNotFollowedAndTheOthersAreStillDone() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createDirectories(spool.resolve("vm"));
    Files.createSymbolicLink(spool.resolve("vm/2101"), elsewhere);
    java.time.Instant from = NOW.minusSeconds(60);
    LiveOverride anna = new LiveOverride("2102", true, from, LATER, "100", Reason.ANNAT, null,
        "anna.berg", LiveOverride.Origin.CLI, "", "", "");
    SpeechException e = assertThrows(SpeechException.class,
        () -> producer.retain(away(), List.of(anna), NOW));
    assertTrue(e.getMessage().contains("mailbox 2101") && e.getMessage().contains("symbolic link"),
        e.getMessage());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count());
    }
    assertTrue(Files.exists(greeting("2102")), "the other mailbox is done");
  }

  @Test
  void aSpoolThatIsNotThereIsSaidByName() throws Exception {
    Files.delete(spool);
    SpeechException e = assertThrows(SpeechException.class,
        () -> producer.retain(away(), List.of(), NOW));
    assertTrue(e.getMessage().contains(spool + " is not a directory")
        && e.getMessage().contains("speech.voicemail-spool"), e.getMessage());
  }

  /**
   * The records live in the group-writable sounds directory: a link planted at a record's name
   * is replaced by the record, and the file it leads to is untouched.
   */
  @Test
  void aLinkPlantedAsARecordIsReplacedNotWrittenThrough() throws Exception {
    Path victim = Files.writeString(dir.resolve("extensions.conf"), "[default]\n");
    Files.createDirectories(record("2101").getParent());
    Files.createSymbolicLink(record("2101"), victim);

    producer.retain(away(), List.of(), NOW);
    assertTrue(Files.isRegularFile(greeting("2101")));
    assertEquals("[default]\n", Files.readString(victim));
    assertFalse(Files.isSymbolicLink(record("2101")));
    assertTrue(Files.readString(record("2101")).contains("file " + greeting("2101")));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(record("2101"))));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(greeting("2101"))), "Asterisk reads it: 0644");
  }

  /**
   * A record is vaxel's word only about the file vaxel would place for that mailbox: one that
   * names another file (bytes and hash matching) is dropped and that file is not touched.
   */
  @Test
  void aRecordNamingAnotherFileIsDroppedAndThatFileKept() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("etc").resolve("x"));
    byte[] bytes = "someone's file".getBytes(StandardCharsets.UTF_8);
    Path foreign = Files.write(elsewhere.resolve("temp.wav"), bytes);
    Files.createDirectories(record("2101").getParent());
    Files.writeString(record("2101"), "name announce-0123\nsha256 "
        + TemporaryGreetings.sha256(bytes) + "\nfile " + foreign + "\n");
    Staff off = staff("false", "2026-12-06", "semester");
    assertTrue(producer.needsLive(off));

    assertEquals(0, producer.retain(off, List.of(), NOW));
    assertArrayEquals(bytes, Files.readAllBytes(foreign), "not vaxel's to remove");
    assertFalse(Files.exists(record("2101")), "the foreign record is dropped");
  }

  /** The same for a mailbox where vaxel would place a greeting: placed at its own path. */
  @Test
  void aRecordNamingAnotherFileIsDroppedBeforeTheGreetingIsPlaced() throws Exception {
    byte[] bytes = "someone's file".getBytes(StandardCharsets.UTF_8);
    Path foreign = Files.write(Files.createDirectories(dir.resolve("other")).resolve("temp.wav"),
        bytes);
    Files.createDirectories(record("2101").getParent());
    Files.writeString(record("2101"), "name announce-0123\nsha256 "
        + TemporaryGreetings.sha256(bytes) + "\nfile " + foreign + "\n");

    assertEquals(0, producer.retain(away(), List.of(), NOW));
    assertArrayEquals(bytes, Files.readAllBytes(foreign));
    assertTrue(Files.isRegularFile(greeting("2101")));
    assertTrue(Files.readString(record("2101")).contains("file " + greeting("2101")));
  }

  @Test
  void aLinkedContextDirectoryIsRefusedAndNothingWrittenThere() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Files.createSymbolicLink(spool.resolve("vm"), elsewhere);
    SpeechException e = assertThrows(SpeechException.class,
        () -> producer.retain(away(), List.of(), NOW));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    try (Stream<Path> s = Files.list(elsewhere)) {
      assertEquals(0, s.count());
    }
  }
}
