package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.live.AbsenceEvent;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Reason;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The staff's feature codes (docs/phone-codes.md) dialled on the real Asterisk 22: a Local
 * channel with the caller number of a staff extension dials the code in the staff context, and
 * the AstDB value, the presence and the next call's route are what vaxel itself would make.
 */
class PhoneCodesIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final String DIALLER = "vaxel-test-dialler";
  private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

  @TempDir static Path dir;
  static Pbx pbx;
  static Path staff;

  @BeforeAll
  static void applyTheTestStaff() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    // The dialler: a call from EXTEN (its caller number) that dials VAXEL_DIAL in the staff
    // context, as a phone would, and says when it has hung up.
    Files.writeString(sandbox.etc().resolve(DIALLER + ".conf"), String.join("\n",
        "[" + DIALLER + "]",
        "exten => _X.,1,Set(CALLERID(num)=${EXTEN})",
        " same => n,Set(CHANNEL(hangup_handler_push)=" + DIALLER + ",done,1)",
        " same => n,ExecIf($[\"${VAXEL_RECORD}\" != \"\"]?MixMonitor(${VAXEL_RECORD}))",
        " same => n,Goto(" + ItStaff.CONTEXT + ",${VAXEL_DIAL},1)",
        // What the read-back (or a caller's sentence) handed to Playback, and how that went.
        "exten => done,1,UserEvent(VaxelDialled,Call: ${VAXEL_CALL},Said: ${VAXEL_SAY},"
            + "Played: ${PLAYBACKSTATUS})",
        " same => n,Return()",
        // The codes' clock subroutine alone: the time of VAXEL_EPOCH in the kit of VAXEL_LANG.
        "exten => clock,1,Set(VAXEL_SAY=)",
        " same => n,Gosub(" + ItStaff.CONTEXT + "-codes,clock,1(${VAXEL_EPOCH},${VAXEL_LANG}))",
        " same => n,UserEvent(VaxelDialled,Call: ${VAXEL_CALL},Said: ${VAXEL_SAY})",
        " same => n,Hangup()",
        ""), StandardCharsets.UTF_8);
    Path ext = sandbox.etc().resolve("extensions.conf");
    String text = Files.readString(ext, StandardCharsets.UTF_8);
    Files.writeString(ext, text + "\n#include \"" + DIALLER + ".conf\"\n", StandardCharsets.UTF_8);
    pbx.installTestPhones();
    staff = ItStaff.write(dir);
    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
  }

  @AfterEach
  void clearLiveAbsences() {
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
    }
    pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        pbx.sandbox().etc().toString());
  }

  /** Dials {@code code} from {@code caller} and waits until that call has hung up. */
  static void dial(String caller, String code) {
    dial(caller, code, "Wait", "1");
  }

  /**
   * Dials {@code code} from {@code caller}; the other end of the Local channel runs {@code app}
   * ({@code SendDTMF} answers a second try's Read). Waits until the call has hung up and
   * returns the {@link AbsenceEvent}s it raised, headers lower-cased.
   */
  static List<Map<String, String>> dial(String caller, String code, String app, String data) {
    return call(caller, code, app, data).absences();
  }

  /** A dialled call: its {@link AbsenceEvent}s and its end (headers lower-cased). */
  record Dialled(List<Map<String, String>> absences, Map<String, String> ended) {
    /** The files handed to the last Playback of the read-back, in order. */
    List<String> said() {
      String said = ended.getOrDefault("said", "");
      return said.isEmpty() ? List.of() : List.of(said.split("&"));
    }
  }

  static Dialled call(String caller, String code, String app, String data) {
    return originate(caller, Map.of("__VAXEL_DIAL", code), app, data);
  }

  /** Originates {@code exten} of the dialler with {@code variables}; see {@link #call}. */
  static Dialled originate(String exten, Map<String, String> variables, String app,
      String data) {
    String id = UUID.randomUUID().toString();
    CountDownLatch done = new CountDownLatch(1);
    List<Map<String, String>> events = new CopyOnWriteArrayList<>();
    Map<String, String> ended = new java.util.concurrent.ConcurrentHashMap<>();
    try (AmiClient ami = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription absences = ami.onUserEvent(AbsenceEvent.NAME, events::add);
        AmiClient.Subscription sub = ami.onUserEvent("VaxelDialled", e -> {
          if (id.equals(e.get("call"))) {
            ended.putAll(e);
            done.countDown();
          }
        })) {
      Map<String, String> vars = new java.util.HashMap<>(variables);
      vars.put("__VAXEL_CALL", id);
      ami.originate("Local/" + exten + "@" + DIALLER, app, data, vars, Duration.ofSeconds(20));
      // A bad date waits up to 10 s for the second try's digits.
      if (!done.await(40, TimeUnit.SECONDS)) {
        fail("the call to " + exten + " with " + variables + " did not end");
      }
      // The UserEvent comes before the hangup's; give the listener thread a moment.
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    return new Dialled(List.copyOf(events), Map.copyOf(ended));
  }

  static Optional<String> stored(String extension) {
    try (AmiClient ami = pbx.connect()) {
      return ami.dbGet(ItStaff.OVERRIDE_FAMILY, extension);
    }
  }

  static PresenceEntry presence(String extension) {
    try (AmiClient ami = pbx.connect()) {
      return ami.presenceState("CustomPresence:" + extension);
    }
  }

  /** The first moment after {@code day} in the organisation's zone: the exclusive end. */
  static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ItStaff.ZONE).toInstant();
  }

  @Test
  void aDateCodeWritesWhatAbsenceSetWouldAndTheNextCallGoesToTheSwitchboard() {
    LocalDate day = LocalDate.now(ItStaff.ZONE).plusDays(3);
    Instant before = Instant.now().minusSeconds(1);
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));

    dial("2201", "*23*1*" + day.format(YYMMDD) + "#");

    String value = stored("2201").orElseThrow(() -> new AssertionError("nothing written"));
    LiveOverride o = LiveOverride.decode("2201", value).orElseThrow(
        () -> new AssertionError("not a LiveOverride: " + value));
    assertTrue(!o.from().isBefore(before) && !o.from().isAfter(Instant.now()), value);
    LiveOverride expected = LiveOverride.away("2201", o.from(), endOf(day), null,
        Reason.SEMESTER, null, "per.present").setByPhone();
    assertEquals(expected.encode(), value);
    assertEquals(expected, o);

    PresenceEntry p = presence("2201");
    assertEquals("away", p.state());
    assertEquals("semester", p.subtype());
    assertEquals("Borta t.o.m. " + day + " - samtal till växeln 100", p.message());

    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2201", RING));
    // apply finds nothing to correct for 2201: the phone wrote the presence vaxel would have.
    // Those whose alternate 2201 is (anna.away, cia.away) now reach the switchboard instead
    // (model.Coverage: the alternate is away too), and their presence says so after the next
    // apply; the dialplan already routes them right at call time.
    Pbx.Run plan = pbx.vaxel("plan", "-f", staff.toString(), "--asterisk-conf-dir",
        pbx.sandbox().etc().toString());
    assertTrue(!plan.out().contains("2201 per.present"), plan.out());
    assertTrue(plan.out().lines().filter(l -> l.startsWith("  22"))
        .allMatch(l -> l.contains("samtal till växeln 100")), plan.out());
    Pbx.Run list = pbx.vaxel("absence", "list", "-f", staff.toString());
    assertTrue(list.out().contains("(set by phone)"), list.out());

    dial("2201", "#23#");
    assertEquals(Optional.empty(), stored("2201"));
    assertEquals("available", presence("2201").state());
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }

  @Test
  void sicknessIsStoredAsAnnatAndATimeCodeEndsToday() {
    LocalDate today = LocalDate.now(ItStaff.ZONE);
    // 23:59 today is in the future unless the test runs in the last minute of the day.
    dial("2201", "*23*4*2359#");
    LiveOverride o = LiveOverride.decode("2201", stored("2201").orElseThrow()).orElseThrow();
    assertEquals(Reason.ANNAT, o.reason());
    assertEquals(today.atTime(23, 59).atZone(ItStaff.ZONE).toInstant(), o.until());
    assertEquals("annat", presence("2201").subtype());
  }

  /** The day summer time ends (or starts) has 25 (23) hours: the absence still ends at midnight. */
  @Test
  void aDayWithASummerTimeChangeEndsAtItsMidnight() {
    LocalDate change = LocalDate.now(ItStaff.ZONE).plusDays(1);
    while (ItStaff.ZONE.getRules().isDaylightSavings(change.atStartOfDay(ItStaff.ZONE)
        .toInstant()) == ItStaff.ZONE.getRules().isDaylightSavings(endOf(change))) {
      change = change.plusDays(1);
    }
    dial("2201", "*23*2*" + change.format(YYMMDD) + "#");
    LiveOverride o = LiveOverride.decode("2201", stored("2201").orElseThrow()).orElseThrow();
    assertEquals(endOf(change), o.until(), "the change day " + change);
  }

  @Test
  void badCodesAndStrangersChangeNothingAndTheCallerMayTryAgain() {
    LocalDate today = LocalDate.now(ItStaff.ZONE);
    String future = today.plusDays(2).format(YYMMDD);
    dial("2201", "*23*1*" + today.minusDays(1).format(YYMMDD) + "#"); // past
    dial("2201", "*23*1*" + today.plusYears(1).getYear() % 100 + "0231#"); // 31 February
    dial("2201", "*23*7*" + future + "#"); // no reason 7
    dial("2201", "*23*1*0060#"); // no such time
    dial("9999", "*23*1*" + future + "#"); // not one of the staff
    dial("2201", "*24*2202*1*" + future + "#"); // not the switchboard
    try (AmiClient ami = pbx.connect()) {
      assertEquals(Map.of(), ami.dbGetTree(ItStaff.OVERRIDE_FAMILY));
    }
    // The second try, right this time, takes.
    dial("2201", "*23*6*" + future + "#");
    assertTrue(stored("2201").orElseThrow().startsWith("away|"));
  }

  @Test
  void theSwitchboardSetsAndEndsAnAbsenceForAnyone() {
    LocalDate day = LocalDate.now(ItStaff.ZONE).plusDays(1);
    dial("100", "*24*2201*3*" + day.format(YYMMDD) + "#");
    LiveOverride o = LiveOverride.decode("2201", stored("2201").orElseThrow()).orElseThrow();
    assertEquals(Reason.UTBILDNING, o.reason());
    assertEquals(endOf(day), o.until());
    assertTrue(o.byPhone());
    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2201", RING));
    dial("100", "#24*2201#");
    assertEquals(Optional.empty(), stored("2201"));
  }

  @Test
  void backDuringACalendarAbsenceIsPresentUntilItEndsSoTheNextSyncDoesNotAddItBack() {
    Instant now = Instant.now();
    Instant until = now.plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    LiveOverride calendar = LiveOverride.away("2201", now.minusSeconds(3600)
        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS), until, null, Reason.SEMESTER, null,
        "per.present").by(LiveOverride.Origin.CALENDAR, "uid-1");
    try (AmiClient ami = pbx.connect()) {
      ami.dbPut(ItStaff.OVERRIDE_FAMILY, "2201", calendar.encode());
    }
    assertEquals("100", pbx.call(ItStaff.CONTEXT, "2201", RING));
    Instant before = Instant.now().minusSeconds(1);
    dial("2201", "#23#");
    LiveOverride o = LiveOverride.decode("2201", stored("2201").orElseThrow(
        () -> new AssertionError("the calendar absence was deleted"))).orElseThrow();
    assertTrue(!o.away(), o.toString());
    assertTrue(!o.from().isBefore(before), o.toString());
    assertEquals(until, o.until());
    // Manual: the calendar sync leaves it alone until it ends.
    assertEquals(LiveOverride.Origin.PHONE, o.origin());
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2201", RING));
  }

  @Test
  void everyWriteRaisesTheAbsenceEventOnAmi() {
    String day = LocalDate.now(ItStaff.ZONE).plusDays(2).format(YYMMDD);
    List<Map<String, String>> set = dial("2201", "*23*4*" + day + "#", "Wait", "1");
    assertEquals(1, set.size(), set.toString());
    assertEquals("2201", set.get(0).get(AbsenceEvent.EXTENSION.toLowerCase()));
    assertTrue(!set.get(0).getOrDefault(AbsenceEvent.ORG.toLowerCase(), "").isBlank(),
        set.toString());
    assertTrue(stored("2201").orElseThrow().contains("|annat|"));
    List<Map<String, String>> back = dial("2201", "#23#", "Wait", "1");
    assertEquals(1, back.size(), back.toString());
    // A refused code raises nothing.
    assertEquals(List.of(), dial("9999", "*23*1*" + day + "#", "Wait", "1"));
  }

  @Test
  void aBadDateGetsASecondTryThatTakesAndWritesOneValue() {
    LocalDate day = LocalDate.now(ItStaff.ZONE).plusDays(4);
    String impossible = (LocalDate.now(ItStaff.ZONE).getYear() + 1) % 100 + "0231";
    // The caller's phone answers the spoken error with the right date (w: half a second).
    List<Map<String, String>> events = dial("2201", "*23*2*" + impossible + "#", "SendDTMF",
        "ww" + day.format(YYMMDD) + "#");
    try (AmiClient ami = pbx.connect()) {
      assertEquals(1, ami.dbGetTree(ItStaff.OVERRIDE_FAMILY).size());
    }
    LiveOverride o = LiveOverride.decode("2201", stored("2201").orElseThrow()).orElseThrow();
    assertEquals(Reason.TJANSTERESA, o.reason());
    assertEquals(endOf(day), o.until());
    assertEquals(1, events.size(), events.toString());
  }

  @Test
  void aSecondBadDateChangesNothingAndEndsTheCall() {
    String past = LocalDate.now(ItStaff.ZONE).minusDays(1).format(YYMMDD);
    List<Map<String, String>> events = dial("2201", "*23*1*" + past + "#", "SendDTMF",
        "ww" + past + "#");
    try (AmiClient ami = pbx.connect()) {
      assertEquals(Map.of(), ami.dbGetTree(ItStaff.OVERRIDE_FAMILY));
    }
    assertEquals(List.of(), events);
  }

  /**
   * With speech: on, apply speaks the phrase kit and the caller hears the read-back: the
   * caller's side, recorded with MixMonitor, holds seconds of sound, not silence, and a second
   * apply makes no phrase again.
   */
  @Test
  void withSpeechTheCallerHearsTheReadBack() throws IOException {
    Path root = pbx.sandbox().root();
    String playback = "/var/lib/asterisk/sounds/vaxel";
    Path sounds = root.resolve(playback.substring(1));
    Path spoken = dir.resolve("speech-staff.yaml");
    Files.writeString(spoken, Files.readString(staff, StandardCharsets.UTF_8).replace("staff:\n",
        "speech:\n  announcement: true\n  sounds-dir: " + sounds + "\n  playback-dir: "
        + playback + "\nstaff:\n"), StandardCharsets.UTF_8);
    // Another test's kit (the English one) stays for retain's grace hour (SoundStore.GRACE):
    // start from none, so what is counted is what this apply made.
    if (Files.isDirectory(sounds)) {
      try (var old = Files.walk(sounds)) {
        for (Path f : old.filter(f -> f.getFileName().toString().startsWith("phrase-")).toList()) {
          Files.delete(f);
        }
      }
    }
    Pbx.Run apply = pbx.vaxel("apply", "-f", spoken.toString(), "--asterisk-conf-dir",
        pbx.sandbox().etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
    List<Path> phrases;
    try (var files = Files.walk(sounds)) {
      phrases = files.filter(f -> f.getFileName().toString().startsWith("phrase-")).toList();
    }
    assertTrue(phrases.size() > 150 && phrases.size() <= 200, phrases.size() + " phrases");
    // The file's identity (device, inode), not its time: apply renews a reused file's time
    // (SoundStore, retain's grace), while a file made again is a new file renamed in.
    Map<Path, Object> made = new java.util.HashMap<>();
    for (Path f : phrases) {
      made.put(f, Files.readAttributes(f,
          java.nio.file.attribute.BasicFileAttributes.class).fileKey());
    }
    Pbx.Run again = pbx.vaxel("apply", "-f", spoken.toString(), "--asterisk-conf-dir",
        pbx.sandbox().etc().toString());
    assertEquals(0, again.code(), again.out() + again.err());
    for (Path f : phrases) {
      assertEquals(made.get(f), Files.readAttributes(f,
          java.nio.file.attribute.BasicFileAttributes.class).fileKey(), "made again: " + f);
    }

    String day = LocalDate.now(ItStaff.ZONE).plusDays(5).format(YYMMDD);
    String recording = "/tmp/vaxel-readback-" + UUID.randomUUID() + ".wav";
    String id = UUID.randomUUID().toString();
    CountDownLatch done = new CountDownLatch(1);
    try (AmiClient ami = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription sub = ami.onUserEvent("VaxelDialled", e -> {
          if (id.equals(e.get("call"))) {
            done.countDown();
          }
        })) {
      ami.originate("Local/2201@" + DIALLER, "Wait", "30",
          Map.of("__VAXEL_CALL", id, "__VAXEL_DIAL", "*23*4*" + day + "#",
              "__VAXEL_RECORD", recording), Duration.ofSeconds(20));
      assertTrue(done.await(40, TimeUnit.SECONDS), "the call did not end");
      Thread.sleep(1000); // MixMonitor closes its file after the hangup
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted");
    }
    byte[] wav = Files.readAllBytes(root.resolve(recording.substring(1)));
    // 8 kHz 16-bit mono after a 44-byte header: count the samples above a silence threshold.
    int loud = 0;
    for (int i = 44; i + 1 < wav.length; i += 2) {
      int sample = (short) ((wav[i] & 0xff) | (wav[i + 1] << 8));
      if (Math.abs(sample) > 500) {
        loud++;
      }
    }
    double seconds = (wav.length - 44) / 16000.0;
    assertTrue(seconds > 2, seconds + " s recorded");
    assertTrue(loud > 8000, loud + " samples over the silence threshold in " + seconds + " s");
    assertTrue(stored("2201").orElseThrow().contains("|annat|"));
  }

  /**
   * A person with {@code language: en} in a Swedish organisation hears the read-back from the
   * English kit, and so does a caller who reaches her while she is away by a code; a person in
   * the organisation's language still hears the Swedish kit; the switchboard's operator, who
   * has no language of their own, hears the organisation's. Each list of files handed to
   * Playback is exactly what speech.PhraseKit says for that sentence in that language, and
   * Playback found every file.
   */
  @Test
  void aPersonWithTheirOwnLanguageHearsTheirOwnKit() throws Exception {
    Path root = pbx.sandbox().root();
    String playback = "/var/lib/asterisk/sounds/vaxel";
    Path sounds = root.resolve(playback.substring(1));
    String yaml = Files.readString(staff, StandardCharsets.UTF_8).replace("staff:\n",
        "speech:\n  announcement: true\n  sounds-dir: " + sounds + "\n  playback-dir: "
        + playback + "\nstaff:\n") + String.join("\n",
        "  - id: fia.english",
        "    first-name: Fia",
        "    last-name: English",
        "    extension: \"2206\"",
        "    email: fia@testby.se",
        "    language: en",
        "");
    Path spoken = dir.resolve("language-staff.yaml");
    Files.writeString(spoken, yaml, StandardCharsets.UTF_8);
    Pbx.Run apply = pbx.vaxel("apply", "-f", spoken.toString(), "--asterisk-conf-dir",
        pbx.sandbox().etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());

    // The check compares the loaded dialplan priority by priority: the lang label and the
    // two kits' say- extensions are loaded as generated.
    Pbx.Run check = pbx.vaxel("check", "-f", spoken.toString(), "--format", "json");
    assertTrue(check.out().contains("\"summary\""), check.out() + check.err());
    assertTrue(!check.out().contains("DIALPLAN-STALE"), check.out());

    se.vaxel.model.Staff model = new se.vaxel.staff.StaffLoader().parse("t.yaml", yaml);
    se.vaxel.speech.PhraseKit kit =
        new se.vaxel.speech.PhraseKit(new se.vaxel.render.Templates(Optional.empty()));
    Map<se.vaxel.model.Language, Map<String, String>> files = kit.playback(model);
    assertEquals(java.util.Set.of(se.vaxel.model.Language.SV, se.vaxel.model.Language.EN),
        files.keySet());
    LocalDate day = LocalDate.now(ItStaff.ZONE).plusDays(3);
    java.time.LocalDateTime last = day.atTime(23, 59, 59);

    Dialled english = call("2206", "*23*1*" + day.format(YYMMDD) + "#", "Wait", "1");
    List<String> en = expected(files.get(se.vaxel.model.Language.EN),
        se.vaxel.speech.PhraseKit.AWAY_DAY, "semester", last, "");
    assertEquals(en, english.said());
    assertEquals("SUCCESS", english.ended().get("played"), english.ended().toString());
    assertTrue(stored("2206").orElseThrow().startsWith("away|"));

    Dialled swedish = call("2201", "*23*1*" + day.format(YYMMDD) + "#", "Wait", "1");
    List<String> sv = expected(files.get(se.vaxel.model.Language.SV),
        se.vaxel.speech.PhraseKit.AWAY_DAY, "semester", last, "");
    assertEquals(sv, swedish.said());
    assertEquals("SUCCESS", swedish.ended().get("played"), swedish.ended().toString());
    assertTrue(java.util.Collections.disjoint(en, sv), "two kits: " + en + " " + sv);

    // A caller to Fia while she is away by the code hears her language, then the switchboard.
    Dialled caller = call("2201", "2206", "Wait", "30");
    assertEquals(expected(files.get(se.vaxel.model.Language.EN),
        se.vaxel.speech.PhraseKit.HEARD_DAY, "", last, ""), caller.said());
    assertEquals("SUCCESS", caller.ended().get("played"), caller.ended().toString());

    // A time of day, in the real dialplan's clock subroutine, is the kit's wording in both
    // languages: off the hour three phrases (Swedish's a.m./p.m. silent), on it one ("noon").
    for (se.vaxel.model.Language l : se.vaxel.model.Language.values()) {
      for (String hhmm : List.of("08:05", "12:00", "14:30", "00:05", "13:00", "23:59")) {
        java.time.LocalDateTime t = LocalDate.of(2026, 12, 1).atTime(java.time.LocalTime.parse(hhmm));
        Dialled clock = originate("clock", Map.of(
            "__VAXEL_EPOCH", String.valueOf(t.atZone(ItStaff.ZONE).toEpochSecond()),
            "__VAXEL_LANG", l.code()), "Wait", "1");
        assertEquals(expected(files.get(l), List.of("{clock}"), "", t, ""), clock.said(),
            l.code() + " " + hhmm);
      }
    }
    assertEquals(List.of(files.get(se.vaxel.model.Language.EN).get("oclock-12")),
        expected(files.get(se.vaxel.model.Language.EN), List.of("{clock}"), "",
            LocalDate.of(2026, 12, 1).atTime(12, 0), ""));

    // The switchboard's operator ends Fia's absence and hears the organisation's language.
    Dialled operator = call("100", "#24*2206#", "Wait", "1");
    assertEquals(expected(files.get(se.vaxel.model.Language.SV),
        se.vaxel.speech.PhraseKit.BACK_FOR, "", null, "2206"), operator.said());
    assertEquals(Optional.empty(), stored("2206"));
  }

  /** The files PhraseKit names for a sentence, silent phrases left out, as the dialplan plays. */
  private static List<String> expected(Map<String, String> files, List<String> sentence,
      String reason, java.time.LocalDateTime until, String ext) {
    return se.vaxel.speech.PhraseKit.keys(sentence, reason, until, ext).stream()
        .filter(files::containsKey).map(files::get).toList();
  }
}
