package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.PresenceMessage;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.staff.StaffLoader;

/** The feature codes in the generated dialplan (docs/phone-codes.md); PhoneCodesIT dials them. */
class PhoneCodesDialplanTest {
  private static final String STAFF = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: %s
        timezone: Europe/Stockholm
      asterisk:
        voicemail-context: vaxel
        dialplan-context: vaxel-staff
        device: "PJSIP/${EXTEN}"
        ring-timeout: 20
      staff:
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2102"
          email: anna.berg@bjurholm.se
      """;

  private static Staff staff(String language) throws Exception {
    return new StaffLoader().parse("t.yaml", STAFF.formatted(language));
  }

  private static String dialplan(Staff staff) {
    return new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(staff).extensionsConf();
  }

  private static List<String> context(String conf, String name) {
    String after = conf.substring(conf.indexOf("[" + name + "]\n") + name.length() + 3);
    int next = after.indexOf("\n[");
    return (next < 0 ? after : after.substring(0, next + 1)).lines()
        .filter(l -> !l.startsWith(";") && !l.isBlank()).toList();
  }

  @Test
  void theCodesAreDialledInTheStaffContextBeforeItsParts() throws Exception {
    List<String> staff = context(dialplan(staff("sv")), "vaxel-staff");
    List<String> codes = staff.stream().filter(l -> l.startsWith("exten =>"))
        .map(l -> l.substring("exten => ".length(), l.indexOf(','))).toList();
    assertEquals(List.of("_*23*X*XXXXXX#", "_*23*X*XXXX#", "#23#", "_*24*X.", "_#24*X."), codes);
    assertEquals("include => vaxel-staff-p0001", staff.get(staff.size() - 1));
  }

  @Test
  void thePersonIdIsAnsweredByTheirExtension() throws Exception {
    assertTrue(context(dialplan(staff("sv")), "vaxel-staff-p0001")
        .contains(" same => n(id),Return(anna.berg)"));
  }

  /**
   * The one DB write, with its variables given values, is what LiveOverride encodes for the
   * same absence: the dialplan and vaxel write one format.
   */
  @Test
  void theOneWriteIsTheLiveOverrideFormat() throws Exception {
    String write = context(dialplan(staff("sv")), "vaxel-staff-codes").stream()
        .filter(l -> l.contains("Set(DB(") && l.contains("=away|")).findFirst().orElseThrow();
    String value = write.substring(write.indexOf(")=") + 2, write.lastIndexOf(')'))
        .replace("${now}", "1796000000").replace("${until}", "1796100000")
        .replace("${reason}", "semester").replace("${person}", "anna.berg");
    LiveOverride expected = LiveOverride.away("2102", Instant.ofEpochSecond(1796000000L),
        Instant.ofEpochSecond(1796100000L), null, Reason.SEMESTER, null, "anna.berg")
        .setByPhone();
    assertEquals(expected.encode(), value);
    assertEquals(Optional.of(expected), LiveOverride.decode("2102", value));
    assertTrue(write.startsWith(" same => n,Set(DB(vaxel-absence/${ARG1})="), write);
  }

  @Test
  void everyReasonDigitIsAcceptedAndSicknessIsStoredAsAnnat() throws Exception {
    List<String> codes = context(dialplan(staff("sv")), "vaxel-staff-codes");
    for (Reason r : Reason.values()) {
      String line = " same => n,ExecIf($[\"${ARG2}\" = \"" + r.phoneDigit()
          + "\"]?Set(LOCAL(reason)=" + r.disclosed().key() + "))";
      assertTrue(codes.contains(line), line);
    }
    assertTrue(codes.stream().noneMatch(l -> l.contains("=sjuk")));
  }

  @Test
  void thePresenceMessageIsVaxelsOwnInEitherLanguage() throws Exception {
    for (String language : List.of("sv", "en")) {
      Staff staff = staff(language);
      String presence = context(dialplan(staff), "vaxel-staff-codes").stream()
          .filter(l -> l.contains("PRESENCE_STATE") && l.contains("=away,")).findFirst()
          .orElseThrow();
      String day = "${STRFTIME($[${until} - 1],Europe/Stockholm,%Y-%m-%d)}";
      assertTrue(presence.endsWith("=away,${reason},"
          + PresenceMessage.away(staff.organisation(), day,
              PresenceMessage.switchboard(staff.organisation())) + ")"), presence);
    }
  }

  @Test
  void onlyTheSwitchboardMaySetItForOthers() throws Exception {
    assertTrue(context(dialplan(staff("sv")), "vaxel-staff-codes").contains(
        " same => n,GotoIf($[\"${FILTER(0-9,${CALLERID(num)})}\" != \"100\"]?refused)"));
  }

  @Test
  void aPhoneSetOverrideReadsBackMarked() {
    LiveOverride o = LiveOverride.decode("2102", "away|10|20|-|annat||anna.berg|phone")
        .orElseThrow();
    assertTrue(o.byPhone());
    assertEquals("away|10|20|-|annat||anna.berg|phone", o.encode());
    LiveOverride cli = LiveOverride.decode("2102", "away|10|20|-|annat||anna.berg").orElseThrow();
    assertEquals(false, cli.byPhone());
    assertEquals("away|10|20|-|annat||anna.berg", cli.encode());
  }

  private static final String BO_EN = """
        - id: bo.lind
          first-name: Bo
          last-name: Lind
          extension: "2103"
          email: bo.lind@bjurholm.se
          language: en
      """;

  private static Staff spoken(String language, String more) throws Exception {
    return new StaffLoader().parse("t.yaml", STAFF.formatted(language).replace("staff:\n",
        "speech:\n  announcement: true\nstaff:\n") + more);
  }

  /** The say-LANG-KEY extensions of the codes context: LANG to KEY to file. */
  private static java.util.Map<String, java.util.Map<String, String>> sayExtensions(
      List<String> codes) {
    java.util.Map<String, java.util.Map<String, String>> say = new java.util.TreeMap<>();
    java.util.regex.Pattern p = java.util.regex.Pattern
        .compile("exten => say-([a-z]{2})-([a-z0-9-]+),1,Return\\((.*)\\)");
    for (String l : codes) {
      java.util.regex.Matcher m = p.matcher(l);
      if (m.matches()) {
        say.computeIfAbsent(m.group(1), k -> new java.util.HashMap<>()).put(m.group(2),
            m.group(3));
      }
    }
    return say;
  }

  /**
   * Every phrase the read-back can name, with every reason, weekday, day, month, hour, minute
   * and digit the placeholders can take, in every language in use, is a say-LANG-KEY extension
   * naming the kit file apply makes (or a silent phrase of that kit); and nothing else is named.
   */
  @Test
  void theReadBackNamesOnlyKitFilesThatApplyMakes() throws Exception {
    Staff staff = spoken("sv", BO_EN);
    AsteriskConfig config = new AsteriskConfig(new Templates(Optional.empty()), "test");
    List<String> codes = context(config.render(staff).extensionsConf(), "vaxel-staff-codes");
    java.util.Map<String, java.util.Map<String, String>> say = sayExtensions(codes);
    assertEquals(java.util.Set.of("sv", "en"), say.keySet());
    se.vaxel.speech.PhraseKit kit = config.phraseKit();
    se.vaxel.speech.SpeechEngine engine =
        se.vaxel.speech.AbsenceAnnouncements.engine(staff.speech());
    int named = 0;
    for (se.vaxel.model.Language language : se.vaxel.model.Language.values()) {
      java.util.Map<String, String> words = kit.phrases(language);
      java.util.Map<String, String> files = say.get(language.code());
      java.util.Set<String> made = new java.util.HashSet<>();
      kit.needed(staff).get(language).forEach((k, w) -> made.add(staff.speech().playback(
          se.vaxel.speech.SoundStore.phraseName(engine, w, language))));
      assertEquals(made, java.util.Set.copyOf(files.values()), language.code());
      for (String l : codes) {
        java.util.regex.Matcher m = java.util.regex.Pattern
            .compile(".*,add,1\\((.*),\\$\\{(lang|ARG2)\\}\\)\\)$").matcher(l);
        if (!m.matches()) {
          continue;
        }
        for (String key : expand(m.group(1))) {
          named++;
          assertTrue(files.containsKey(key) || "".equals(words.get(key)),
              language.code() + " " + key + " in " + l);
        }
      }
      for (String d : List.of("0", "9")) {
        assertTrue(files.containsKey("digit-" + d));
      }
    }
    assertTrue(named > 300, named + " keys named");
    assertTrue(codes.stream().noneMatch(l -> l.contains(",add,1(") && !l.endsWith(",${lang}))")
        && !l.endsWith(",${ARG2}))")), "every phrase is looked up in a language");
  }

  /**
   * A person whose language is not the organisation's has ONE more line, a "lang" label after
   * "id"; everyone else none. The kits are those of the languages in use, and without speech
   * there is no label (the stock sounds have one language).
   */
  @Test
  void onlyAPersonWithAnotherLanguageHasALangLabelAndOnlyUsedKitsAreNamed() throws Exception {
    String conf = dialplan(spoken("sv", BO_EN));
    List<String> part = context(conf, "vaxel-staff-p0001");
    assertEquals(List.of(" same => n(lang),Return(en)"),
        part.stream().filter(l -> l.contains("(lang)")).toList());
    assertEquals(part.indexOf(" same => n(id),Return(bo.lind)") + 1,
        part.indexOf(" same => n(lang),Return(en)"));
    List<String> codes = context(conf, "vaxel-staff-codes");
    assertTrue(codes.contains("exten => lang,1,GotoIf(${DIALPLAN_EXISTS(vaxel-staff,${ARG1},lang)}"
        + "?own)"), String.join("\n", codes));
    assertTrue(codes.contains(" same => n,Return(sv)"));
    // The one who dialled: for *23* the person, for *24* the switchboard's operator.
    String byCaller = " same => n,Gosub(vaxel-staff-codes,lang,1(${FILTER(0-9,${CALLERID(num)})}))";
    for (String sub : List.of("away", "back", "switchboard")) {
      int at = codes.indexOf(codes.stream().filter(l -> l.startsWith("exten => " + sub + ",1,"))
          .findFirst().orElseThrow());
      List<String> head = codes.subList(at, at + 4);
      assertTrue(head.stream().anyMatch(l -> l.endsWith(byCaller.substring(" same => n,".length()))),
          sub + ": " + head);
    }
    assertEquals(3, codes.stream().filter(l -> l.endsWith(
        "Gosub(vaxel-staff-codes,lang,1(${FILTER(0-9,${CALLERID(num)})}))")).count());
    // The caller of someone away hears the language of the one they called.
    assertTrue(codes.contains(" same => n,Gosub(vaxel-staff-codes,lang,1(${ARG2}))"));
    assertTrue(context(conf, "vaxel-staff-route").contains(
        " same => n,Gosub(vaxel-staff-codes,heard,1(${heard},${ext},${target}))"));

    // Everyone in the organisation's language: no label, one kit.
    String same = dialplan(spoken("sv", BO_EN.replace("language: en", "language: sv")));
    assertTrue(!same.contains("n(lang)"));
    assertEquals(java.util.Set.of("sv"),
        sayExtensions(context(same, "vaxel-staff-codes")).keySet());
    // An English organisation with a Swedish person: the label says sv.
    String en = dialplan(spoken("en", BO_EN.replace("language: en", "language: sv")));
    assertTrue(context(en, "vaxel-staff-p0001").contains(" same => n(lang),Return(sv)"));
    assertTrue(context(en, "vaxel-staff-codes").contains(" same => n,Return(en)"));
    // Without speech: the stock sounds under the organisation's language, no label.
    String off = dialplan(new StaffLoader().parse("t.yaml", STAFF.formatted("sv") + BO_EN));
    assertTrue(!off.contains("n(lang)"));
    java.util.Map<String, java.util.Map<String, String>> stock =
        sayExtensions(context(off, "vaxel-staff-codes"));
    assertEquals(java.util.Set.of("sv"), stock.keySet());
    assertEquals("auth-thankyou", stock.get("sv").get("registered"));
  }

  /**
   * A live absence without a SOUND of its own (set from the phone, the console, the calendar
   * sync: any origin) is spoken: with speech on, the route assembles the caller's sentence from
   * the kit (HEARD_*), never with the reason, ending with where the call really goes; a person
   * marked {@code announcement: false} gets the "quiet" label that skips it; without speech,
   * nothing.
   */
  @Test
  void aLiveAbsenceWithoutASoundIsAnnouncedFromTheKitUnlessQuiet() throws Exception {
    String yaml = STAFF.formatted("sv").replace("staff:\n",
        "speech:\n  announcement: true\nstaff:\n") + """
          - id: bo.lind
            first-name: Bo
            last-name: Lind
            extension: "2103"
            email: bo.lind@bjurholm.se
            announcement: false
        """;
    String conf = dialplan(new StaffLoader().parse("t.yaml", yaml));
    List<String> absence = context(conf, "vaxel-staff-absence");
    assertTrue(absence.contains(" same => n,Set(VAXEL_HEARD=${CUT(o,|,3)})"),
        "every away override, whatever its origin: " + String.join("\n", absence));
    assertTrue(absence.stream().noneMatch(l -> l.contains("CUT(o,|,8)")), "origin is not asked");
    assertTrue(absence.contains(" same => n,ExecIf($[\"${CUT(o,|,11)}\" != \"\"]"
        + "?Set(VAXEL_ANNOUNCE_SB=" + "/var/lib/asterisk/sounds/vaxel/bjurholms-kommun/"
        + "${CUT(o,|,11)}))"), String.join("\n", absence));
    List<String> route = context(conf, "vaxel-staff-route");
    int contact = route.indexOf(" same => n,Gosub(vaxel-staff-absence,${target},1)");
    int away = route.indexOf(" same => n,Set(LOCAL(sound)=${sb})");
    int heard = route.indexOf(" same => n,Gosub(vaxel-staff-codes,heard,1(${heard},${ext},${target}))");
    int play = route.indexOf(" same => n(spoken),ExecIf($[\"${sound}\" != \"\"]"
        + "?Playback(${sound}))");
    assertTrue(contact > 0 && away > contact && heard > away && play > heard,
        "where the call goes is decided before anything plays: " + String.join("\n", route));
    assertEquals(1, route.stream().filter(l -> l.contains("Playback(")).count(),
        "one sentence, played once");
    assertTrue(route.get(heard - 1).contains("DIALPLAN_EXISTS(vaxel-staff,${ext},quiet)"));
    List<String> part = context(conf, "vaxel-staff-p0001");
    assertEquals(1, part.stream().filter(l -> l.contains("n(quiet),Return()")).count());
    assertTrue(part.indexOf(" same => n(quiet),Return()")
        > part.indexOf(" same => n(id),Return(bo.lind)"));
    List<String> codes = context(conf, "vaxel-staff-codes");
    List<String> sub = codes.subList(codes.indexOf("exten => heard,1,Set(LOCAL(until)=${ARG1})"),
        codes.indexOf("exten => play,1,ExecIf($[\"${VAXEL_SAY}\" != \"\"]?Playback(${VAXEL_SAY}))"));
    assertEquals(4, sub.stream().filter(l -> l.endsWith("add,1(heard-away,${lang}))")).count(),
        String.join("\n", sub));
    assertEquals(2, sub.stream().filter(l -> l.endsWith("add,1(heard-switchboard,${lang}))"))
        .count());
    assertEquals(2, sub.stream().filter(l -> l.endsWith("add,1(heard-onward,${lang}))")).count());
    assertTrue(sub.stream().noneMatch(l -> l.contains("reason")), "never the reason");

    String off = dialplan(staff("sv"));
    assertTrue(!off.contains("VAXEL_HEARD") && !off.contains("heard,1") && !off.contains("quiet")
        && !off.contains("VAXEL_ANNOUNCE"));
  }

  /** A key with a placeholder, with every value it can take at call time. */
  private static List<String> expand(String key) {
    if (key.startsWith("digit-")) {
      return java.util.stream.IntStream.rangeClosed(0, 9).mapToObj(i -> "digit-" + i).toList();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(.*-)(\\$\\{reason\\}|.*%([udmHM]).*)").matcher(key);
    if (!m.matches()) {
      return List.of(key);
    }
    if (m.group(3) == null) {
      return se.vaxel.speech.PhraseKit.reasons().stream().map(r -> m.group(1) + r).toList();
    }
    int[] range = switch (m.group(3)) {
      case "u" -> new int[] {1, 7};
      case "d" -> new int[] {1, 31};
      case "m" -> new int[] {1, 12};
      case "H" -> new int[] {0, 23};
      // The clock subroutine says a minute only off the hour (PhraseKit.CLOCK).
      default -> new int[] {1, 59};
    };
    return java.util.stream.IntStream.rangeClosed(range[0], range[1])
        .mapToObj(i -> m.group(1) + i).toList();
  }
}
