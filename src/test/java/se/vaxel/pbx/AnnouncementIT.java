package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.live.LiveOverride;
import java.util.Optional;
import se.vaxel.model.Language;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;
import se.vaxel.serve.Board;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.PhraseKit;
import se.vaxel.speech.SoundStore;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The spoken absence with real calls on the sandbox's Asterisk 22 and espeak-ng: the caller's
 * side is recorded (MixMonitor on a Local channel that dials the staff context), and a call to
 * an absent person must carry seconds of speech before the phone that takes it rings.
 */
class AnnouncementIT {
  private static final String RECORDER = "vaxel-test-recorder";
  /** Silence and the test phone's 0.2 s answer stay well under this; a sentence is ~10 s. */
  private static final double SPOKEN_SECONDS = 4;

  @TempDir static Path dir;
  static Pbx pbx;
  static Path staff;
  static Path sounds;

  @BeforeAll
  static void applyWithAnnouncements() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    Files.writeString(sandbox.etc().resolve(RECORDER + ".conf"), String.join("\n",
        "[" + RECORDER + "]",
        "exten => s,1,Answer()",
        " same => n,MixMonitor(${REC})",
        " same => n,Dial(Local/${TARGET}@" + ItStaff.CONTEXT + ",40)",
        " same => n,Hangup()",
        // A staff phone dialling a feature code: its caller number is its extension.
        "exten => code,1,Set(CALLERID(num)=${CALLER})",
        " same => n,Goto(" + ItStaff.CONTEXT + ",${CODE},1)",
        ""), StandardCharsets.UTF_8);
    Path ext = sandbox.etc().resolve("extensions.conf");
    String text = Files.readString(ext);
    if (!text.contains(RECORDER)) {
      Files.writeString(ext, text + "\n#include \"" + RECORDER + ".conf\"\n");
    }
    pbx.installTestPhones();
    // vaxel writes into the chroot; Asterisk, inside it, plays the same files at /tmp/...
    sounds = sandbox.root().resolve("tmp/vaxel-announce-it");
    // A fresh directory: an earlier run's files younger than retain's grace
    // (SoundStore.GRACE) would still be there, and a test asks which files a run made.
    if (Files.isDirectory(sounds)) {
      try (Stream<Path> old = Files.walk(sounds)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    staff = ItStaff.write(dir, "speech:\n  sounds-dir: " + sounds
        + "\n  playback-dir: /tmp/vaxel-announce-it\n" + ItStaff.yaml());
    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, apply.code(), apply.out() + apply.err());
  }

  static String etc() {
    return pbx.sandbox().etc().toString();
  }

  @AfterEach
  void clearLiveAbsences() {
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
    }
  }

  /**
   * Which phone rang, how many seconds the caller heard before the call ended, and what the
   * route played (VAXEL_ANNOUNCED: the Playback argument, files joined by '&').
   */
  record Heard(String rang, double seconds, String announced) {}

  static Heard call(String extension) throws Exception {
    String id = UUID.randomUUID().toString();
    String rec = "/tmp/vaxel-rec-" + id + ".wav";
    Path file = pbx.sandbox().root().resolve(rec.substring(1));
    Map<String, String> rang = new ConcurrentHashMap<>();
    CountDownLatch latch = new CountDownLatch(1);
    try (AmiClient ami = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription sub = ami.onUserEvent("VaxelRang", e -> {
          if (id.equals(e.get("call"))) {
            rang.putAll(e);
            latch.countDown();
          }
        })) {
      ami.originate("Local/s@" + RECORDER, "Wait", "60",
          Map.of("__VAXEL_CALL", id, "__REC", rec, "__TARGET", extension),
          Duration.ofSeconds(10));
      latch.await(60, TimeUnit.SECONDS);
    }
    // MixMonitor writes the file out when the recorded channel hangs up.
    long size = -1;
    for (int i = 0; i < 50; i++) {
      Thread.sleep(200);
      long now = Files.exists(file) ? Files.size(file) : -1;
      if (now > 0 && now == size) {
        break;
      }
      size = now;
    }
    double seconds = size <= 44 ? 0 : (size - 44) / 16000.0;
    Files.deleteIfExists(file);
    return new Heard(rang.getOrDefault("rang", "none"), seconds,
        rang.getOrDefault("announced", ""));
  }

  private static List<String> soundFiles() throws IOException {
    try (Stream<Path> s = Files.list(sounds.resolve("testby-kommun"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aCallToAnAbsentPersonHearsTheAnnouncementThenReachesTheAlternate() throws Exception {
    Heard heard = call("2202");
    assertEquals("2201", heard.rang());
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
  }

  @Test
  void aCallToAPresentPersonHearsNothing() throws Exception {
    Heard heard = call("2201");
    assertEquals("2201", heard.rang());
    assertTrue(heard.seconds() < SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
  }

  @Test
  void aMissingFileNeverStopsTheCall() throws Exception {
    Path moved = dir.resolve("moved");
    Files.createDirectories(moved);
    List<String> files = soundFiles();
    for (String f : files) {
      Files.move(sounds.resolve("testby-kommun").resolve(f), moved.resolve(f));
    }
    try {
      Heard heard = call("2202");
      assertEquals("2201", heard.rang(), "Playback of a missing file: the call goes on");
      assertTrue(heard.seconds() < SPOKEN_SECONDS, "nothing to hear: " + heard.seconds() + " s");
    } finally {
      for (String f : files) {
        Files.move(moved.resolve(f), sounds.resolve("testby-kommun").resolve(f));
      }
    }
  }

  /**
   * An absence keyed on the phone has no sound of its own (the dialplan cannot run the
   * engine): the route assembles the caller's sentence from the phrase kit that apply spoke,
   * and the call then reaches the switchboard.
   */
  @Test
  void aPhoneSetAbsenceIsAnnouncedFromThePhraseKit() throws Exception {
    String day = LocalDate.now(ItStaff.ZONE).plusDays(4)
        .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"));
    try (AmiClient ami = pbx.connect()) {
      ami.originate("Local/code@" + RECORDER, "Wait", "1",
          Map.of("__CALLER", "2201", "__CODE", "*23*1*" + day + "#"), Duration.ofSeconds(10));
      String value = null;
      for (int i = 0; i < 100 && value == null; i++) {
        Thread.sleep(100);
        value = ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").orElse(null);
      }
      assertTrue(value != null, "the code wrote nothing");
      LiveOverride o = LiveOverride.decode("2201", value).orElseThrow();
      assertTrue(o.byPhone() && (o.sound() == null || o.sound().isEmpty()), value);
    }
    Heard heard = call("2201");
    assertEquals("100", heard.rang(), "a phone-set absence: the switchboard");
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
    assertTrue(heard.announced().endsWith("&" + phrase("heard-switchboard")), heard.announced());
  }

  /**
   * Bo is away and his alternate Cia is away too: the call goes to the switchboard, and the
   * caller hears the switchboard variant of Bo's sentence, never the one that names Cia.
   */
  @Test
  void whenTheContactIsAwayTooTheCallerHearsTheSwitchboardVariant() throws Exception {
    Staff s = new StaffLoader().load(staff);
    AbsenceAnnouncements.Said said = new AbsenceAnnouncements(new Templates(Optional.empty()),
        new WorkingDays()).windows(s, s.byId("bo.away").orElseThrow()).get(0).fallback();
    assertTrue(said.sound().text().contains("Cia") && !said.switchboard().text().contains("Cia"),
        said.toString());
    Heard heard = call("2203");
    assertEquals("100", heard.rang(), "Cia is away too: the switchboard");
    assertEquals(s.speech().playback(said.switchboard().name()), heard.announced());
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
    assertTrue(soundFiles().contains(said.switchboard().name() + ".wav"), "apply made it");
  }

  /**
   * An override written without a sound (the console or the calendar sync on a host without
   * the sounds directory: origin web, no announcer) is still spoken, from the phrase kit, and
   * its end says the call goes on, not to the switchboard: Dan's alternate Per takes it.
   */
  @Test
  void aLiveAbsenceWithoutASoundIsSpokenWhateverItsOrigin() throws Exception {
    Staff s = new StaffLoader().load(staff);
    java.time.Instant now = java.time.Instant.now();
    java.time.LocalDateTime from = java.time.LocalDateTime.ofInstant(now, ItStaff.ZONE);
    try (AmiClient ami = pbx.connect()) {
      new AbsenceService(s, ami).set("dan.tomorrow", from, from.plusHours(2), "per.present",
          se.vaxel.model.Reason.MOTE, now, LiveOverride.Origin.WEB, "operator");
      LiveOverride o = LiveOverride.decode("2205",
          ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2205").orElseThrow()).orElseThrow();
      assertEquals(LiveOverride.Origin.WEB, o.origin());
      assertEquals("", o.sound(), "written without an announcer");
    }
    Heard heard = call("2205");
    assertEquals("2201", heard.rang(), "the alternate takes it");
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
    assertTrue(heard.announced().startsWith(phrase("heard-away") + "&"), heard.announced());
    assertTrue(heard.announced().endsWith("&" + phrase("heard-onward")), heard.announced());
  }

  /**
   * {@code absence set --alternate} makes the sentence naming the alternate and its switchboard
   * variant, and stores both; when the alternate is away too at call time the caller hears the
   * variant and reaches the switchboard; the next apply keeps both files.
   */
  @Test
  void aLiveAbsenceWhoseAlternateIsAwayTooSaysTheSwitchboard() throws Exception {
    Pbx.Run set = pbx.vaxel("absence", "set", "dan.tomorrow", "--alternate", "per.present",
        "--until", LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "-f", staff.toString());
    assertEquals(0, set.code(), set.err());
    Staff s = new StaffLoader().load(staff);
    LiveOverride dan;
    try (AmiClient ami = pbx.connect()) {
      dan = LiveOverride.decode("2205", ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2205").orElseThrow())
          .orElseThrow();
      assertEquals("2201", dan.target());
      assertTrue(dan.sound().startsWith("announce-") && dan.switchboardSound()
          .startsWith("announce-") && !dan.sound().equals(dan.switchboardSound()), dan.encode());
      assertTrue(soundFiles().containsAll(List.of(dan.sound() + ".wav",
          dan.switchboardSound() + ".wav")), "both made before the override was written");

      Heard toPer = call("2205");
      assertEquals("2201", toPer.rang());
      assertEquals(s.speech().playback(dan.sound()), toPer.announced());

      // Per goes away after Dan's absence was set: the switchboard takes Dan's calls now.
      java.time.Instant now = java.time.Instant.now();
      ami.dbPut(ItStaff.OVERRIDE_FAMILY, "2201", LiveOverride.away("2201", now.minusSeconds(60),
          now.plusSeconds(3600), "-", se.vaxel.model.Reason.MOTE, null, "per.present").encode());
    }
    Heard heard = call("2205");
    assertEquals("100", heard.rang(), "Per is away too: the switchboard");
    assertEquals(s.speech().playback(dan.switchboardSound()), heard.announced(),
        "the variant, not the sentence naming Per");
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");

    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, apply.code(), apply.err());
    assertTrue(soundFiles().containsAll(List.of(dan.sound() + ".wav",
        dan.switchboardSound() + ".wav")), "apply keeps both: " + soundFiles());
  }

  /** The Playback name of one phrase of the kit, in the organisation's language. */
  private static String phrase(String key) throws Exception {
    Staff s = new StaffLoader().load(staff);
    Language language = s.organisation().language();
    String words = new PhraseKit(new Templates(Optional.empty())).phrases(language).get(key);
    return s.speech().playback(SoundStore.phraseName(AbsenceAnnouncements.engine(s.speech()),
        words, language));
  }

  @Test
  void absenceSetMakesItsSoundAndTheNextCallPlaysIt() throws Exception {
    List<String> before = soundFiles();
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until",
        LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "-f", staff.toString());
    assertEquals(0, set.code(), set.err());
    String sound;
    try (AmiClient ami = pbx.connect()) {
      sound = LiveOverride.decode("2201", ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").orElseThrow())
          .orElseThrow().sound();
    }
    assertTrue(sound.startsWith("announce-"), sound);
    assertTrue(soundFiles().contains(sound + ".wav"), "made before the override was written");
    assertTrue(!before.contains(sound + ".wav"));
    Heard heard = call("2201");
    assertEquals("100", heard.rang(), "no alternate: the switchboard");
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");

    // The next apply keeps the live absence's file, and the dialplan's.
    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir", etc());
    assertEquals(0, apply.code(), apply.err());
    assertTrue(soundFiles().contains(sound + ".wav"), soundFiles().toString());
    // (Not every file there before: another test's live absence, gone now, may have left two.)
    Staff s = new StaffLoader().load(staff);
    List<String> planned = new AbsenceAnnouncements(new Templates(Optional.empty()),
        new WorkingDays()).needed(s, java.time.LocalDateTime.now(ItStaff.ZONE)).stream()
        .map(a -> a.name() + ".wav").toList();
    assertTrue(!planned.isEmpty() && soundFiles().containsAll(planned), soundFiles().toString());
  }

  private static Staff loaded() throws Exception {
    return new se.vaxel.staff.StaffLoader().load(staff);
  }

  private static Announcers announcers() {
    return new Announcers(se.vaxel.generate.Rendering.of(Optional.empty(), "it").asterisk()
        .announcements());
  }

  /** What the override of 2201 names now, and that its file is there. */
  private static String soundOf2201() throws IOException {
    String sound;
    try (AmiClient ami = pbx.connect()) {
      sound = LiveOverride.decode("2201", ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201")
          .orElseThrow()).orElseThrow().sound();
    }
    assertTrue(sound.startsWith("announce-"), sound);
    assertTrue(soundFiles().contains(sound + ".wav"), "made before the override was written");
    return sound;
  }

  /** vaxel serve: the console's Board with serve's announcers, on a link of its own. */
  @Test
  void anAbsenceSetInTheConsoleIsSpokenToTheNextCaller() throws Exception {
    Staff s = loaded();
    try (AmiClient link = AmiConnector.connect(pbx.settings().withEvents(true))) {
      Board board = new Board(Platform.of(s), se.vaxel.generate.Rendering.of(Optional.empty(),
          "it").texts(), java.time.Clock.systemUTC());
      Announcers.Choice speech = announcers().of(s);
      assertTrue(speech.warning().isEmpty(), speech.warning().toString());
      board.withAnnouncers(staff -> announcers().of(staff).announcer());
      board.connected(link);
      Platform.Member per = board.member("per.present").orElseThrow();
      java.time.LocalDateTime now = java.time.LocalDateTime.now(ItStaff.ZONE)
          .withSecond(0).withNano(0);
      board.set(per, now, now.plusDays(1), null, Reason.UTBILDNING, "op");
    }
    String sound = soundOf2201();
    Heard heard = call("2201");
    assertEquals("100", heard.rang(), "no alternate: the switchboard");
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
    assertTrue(soundFiles().contains(sound + ".wav"));
  }

  /** vaxel calendar sync: the calendar's override names a file that exists; the call plays it. */
  @Test
  void aCalendarAbsenceIsSpokenToTheNextCallerAndASecondSyncMakesNothing() throws Exception {
    Staff s = loaded();
    java.time.Instant now = java.time.Instant.now();
    java.time.format.DateTimeFormatter utc = java.time.format.DateTimeFormatter
        .ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC);
    String meeting = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\nBEGIN:VEVENT\r\n"
        + "UID:it-speech\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:MÖT: styrelsen\r\n"
        + "DTSTART:" + utc.format(now.minusSeconds(600)) + "\r\n"
        + "DTEND:" + utc.format(now.plusSeconds(7200)) + "\r\n"
        + "END:VEVENT\r\nEND:VCALENDAR\r\n";
    se.vaxel.calendar.CalendarSource source = owners -> owners.stream().map(o ->
        new se.vaxel.calendar.Fetch(o, se.vaxel.calendar.Fetch.Status.CHANGED,
            List.of(o.personId().equals("per.present") ? meeting
                : "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//it//EN\r\nEND:VCALENDAR\r\n"),
            null)).toList();
    se.vaxel.calendar.CalendarSettings settings = se.vaxel.calendar.CalendarSettings.defaults(
        new se.vaxel.calendar.SourceSettings(se.vaxel.calendar.SourceSettings.Kind.ICAL_FEED,
            "https://cal.test/{id}.ics", null, Duration.ofSeconds(5)));
    List<String> before;
    try (AmiClient ami = pbx.connect()) {
      var sync = new se.vaxel.calendar.sync.CalendarSync(s, settings,
          new AbsenceService(s, ami).withAnnouncer(announcers().of(s).announcer()));
      var added = sync.run(source, now, false);
      assertEquals(1, added.changes().size(), added.toString());
      assertTrue(!added.partial(), added.toString());
      before = soundFiles();
      var again = sync.run(source, now.plusSeconds(60), false);
      assertTrue(again.changes().isEmpty(), "an unchanged calendar changes nothing: " + again);
    }
    String sound = soundOf2201();
    assertEquals(before, soundFiles(), "the second sync made no file");
    Heard heard = call("2201");
    assertEquals("100", heard.rang(), "no alternate: the switchboard");
    assertTrue(heard.seconds() > SPOKEN_SECONDS, "the caller heard " + heard.seconds() + " s");
    assertTrue(soundFiles().contains(sound + ".wav"));
  }
}
