package se.vaxel.render;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.vaxel.model.Absence;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.CallRouting;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Person;
import se.vaxel.model.PresenceMessage;
import se.vaxel.model.ProbeFormat;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/**
 * Renders the two Asterisk fragments: the voicemail boxes and the dialplan that routes calls.
 *
 * <p>Both depend on staff.yaml only, never on the date: absences are embedded as epoch windows
 * and decided by the dialplan at call time, the week's contact too (from the ISO week of the
 * call in the organisation's time zone), so the dialplan grows with the absences and the weekly
 * contacts staff.yaml lists, not with how long the absences last. So the same staff.yaml
 * generates the same dialplan every day, and {@code vaxel check} compares what Asterisk has
 * loaded with it priority by priority (live.DialplanComparison); the fingerprint is only a label
 * in messages.
 */
public final class AsteriskConfig {


  public static final String VOICEMAIL_FILE = "voicemail.conf";
  public static final String EXTENSIONS_FILE = "extensions.conf";

  /** Stands for the fingerprint while the text is hashed, then replaced by it. */
  private static final String FINGERPRINT_TOKEN = "sha256:@@vaxel-fingerprint@@";

  /** The rendered fragments, keyed by file name, and the fingerprint embedded in both. */
  public record Rendered(String voicemailConf, String extensionsConf, String fingerprint) {}

  private final Templates templates;
  private final String version;
  private se.vaxel.speech.AbsenceAnnouncements announcements;
  private se.vaxel.speech.PhraseKit phraseKit;

  public AsteriskConfig(Templates templates, String version) {
    this.templates = templates;
    this.version = version;
  }

  /**
   * What names the announcement each absence window plays (docs/speech.md), over the same
   * templates; made on first use, since an organisation without {@code speech:} never needs it.
   */
  public synchronized se.vaxel.speech.AbsenceAnnouncements announcements() {
    if (announcements == null) {
      announcements = new se.vaxel.speech.AbsenceAnnouncements(templates,
          new se.vaxel.calendar.WorkingDays());
    }
    return announcements;
  }

  public Rendered render(Staff staff) {
    Map<String, Object> model = model(staff);
    String vm = templates.render("asterisk/voicemail.conf.ftl", model);
    String ext = templates.render("asterisk/extensions.conf.ftl", model);
    String fingerprint = fingerprint(vm, ext);
    return new Rendered(
        vm.replace(FINGERPRINT_TOKEN, fingerprint),
        ext.replace(FINGERPRINT_TOKEN, fingerprint),
        fingerprint);
  }

  /** sha256 over both texts as rendered with the token in place of the fingerprint. */
  static String fingerprint(String voicemailConf, String extensionsConf) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(voicemailConf.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(extensionsConf.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** The greeting probe's batches and per-mailbox expression (see model.ProbeFormat). */
  private static Map<String, Object> probeModel(Staff staff, List<String> sounds) {
    List<Map<String, Object>> batches = ProbeFormat.batches(staff.people().stream()
            .filter(Person::hasExtension).map(Person::extension).toList()).stream()
        .map(b -> Map.<String, Object>of("key", b.key(), "number", b.number(),
            "mailboxes", b.mailboxes()))
        .toList();
    boolean announce = staff.speech().announce();
    List<Map<String, Object>> soundBatches = !announce ? List.of()
        : ProbeFormat.soundBatches(sounds).stream()
            .map(b -> Map.<String, Object>of("key", b.key(), "names", b.mailboxes()))
            .toList();
    return Map.of("expression", announce
            ? ProbeFormat.mailboxExpression(DialplanContexts.of(staff.asterisk()).overrideFamily())
            : ProbeFormat.mailboxExpression(),
        "batches", batches, "announce", announce,
        "soundExpression", ProbeFormat.soundExpression(), "soundBatches", soundBatches,
        "tokenVariable", ProbeFormat.TOKEN_VARIABLE, "progressKey", ProbeFormat.PROGRESS_KEY);
  }

  /**
   * The parts of a per-person context (model.DialplanContexts), in order of extension: the
   * first part holds the lowest extensions, so a reader of the file finds a person's part.
   */
  private static List<Map<String, Object>> parts(String base, List<Map<String, Object>> people) {
    List<Map<String, Object>> sorted = new ArrayList<>(people);
    sorted.sort(Comparator.comparing((Map<String, Object> p) -> ((String) p.get("ext")).length())
        .thenComparing(p -> (String) p.get("ext")));
    List<Map<String, Object>> out = new ArrayList<>();
    List<List<Map<String, Object>>> parts = DialplanContexts.parts(sorted);
    for (int i = 0; i < parts.size(); i++) {
      out.add(Map.of("name", DialplanContexts.part(base, i + 1), "people", parts.get(i)));
    }
    return out;
  }

  /**
   * What the feature codes' subroutines need (docs/phone-codes.md): the reason digits, each
   * with the reason as stored (the disclosed one: sickness is never written), and the presence
   * message around the last day, from the one wording (model.PresenceMessage). A phone-set
   * absence always sends calls to the switchboard: staff.yaml names alternates per planned
   * absence only, and who covers for an unplanned one is the switchboard's call.
   */
  private Map<String, Object> codesModel(Staff staff) {
    List<Map<String, Object>> reasons = new ArrayList<>();
    for (Reason r : Reason.values()) {
      reasons.add(Map.of("digit", String.valueOf(r.phoneDigit()), "key", r.disclosed().key()));
    }
    String day = "@@DAY@@";
    String message = PresenceMessage.away(staff.organisation(), day,
        PresenceMessage.switchboard(staff.organisation()));
    String zone = staff.organisation().timezone().getId();
    Map<String, Object> say = new LinkedHashMap<>();
    say.put("awayDay", slots(se.vaxel.speech.PhraseKit.AWAY_DAY, zone));
    say.put("awayDayFor", slots(se.vaxel.speech.PhraseKit.AWAY_DAY_FOR, zone));
    say.put("awayTime", slots(se.vaxel.speech.PhraseKit.AWAY_TIME, zone));
    say.put("back", slots(se.vaxel.speech.PhraseKit.BACK, zone));
    say.put("backFor", slots(se.vaxel.speech.PhraseKit.BACK_FOR, zone));
    say.put("retryDate", slots(se.vaxel.speech.PhraseKit.RETRY_DATE, zone));
    say.put("retryTime", slots(se.vaxel.speech.PhraseKit.RETRY_TIME, zone));
    say.put("failed", slots(se.vaxel.speech.PhraseKit.FAILED, zone));
    say.put("invalid", slots(se.vaxel.speech.PhraseKit.INVALID, zone));
    say.put("heardDay", slots(se.vaxel.speech.PhraseKit.HEARD_DAY, zone));
    say.put("heardTime", slots(se.vaxel.speech.PhraseKit.HEARD_TIME, zone));
    say.put("clock", slots(se.vaxel.speech.PhraseKit.CLOCK, zone));
    say.put("clockWhole", slots(se.vaxel.speech.PhraseKit.CLOCK_WHOLE, zone));
    say.put("heardDayOnward", slots(se.vaxel.speech.PhraseKit.HEARD_DAY_ONWARD, zone));
    say.put("heardTimeOnward", slots(se.vaxel.speech.PhraseKit.HEARD_TIME_ONWARD, zone));
    // A say-LANG-KEY extension per phrase of each kit in use; the language a read-back speaks
    // is chosen at call time (the staff part's "lang" label, else the organisation's).
    List<Map<String, Object>> phrases = new ArrayList<>();
    phraseKit().playback(staff).forEach((language, files) -> files.forEach((key, file) ->
        phrases.add(Map.of("lang", language.code(), "key", key, "file", file))));
    return Map.of("reasons", reasons,
        "say", say,
        "phrases", phrases,
        "event", Map.of("name", se.vaxel.live.AbsenceEvent.NAME,
            "org", se.vaxel.live.AbsenceEvent.ORG,
            "extension", se.vaxel.live.AbsenceEvent.EXTENSION),
        "switchboard", staff.organisation().switchboard(),
        "language", staff.organisation().language().code(),
        "origin", se.vaxel.live.LiveOverride.Origin.PHONE.key(),
        "presenceBefore", message.substring(0, message.indexOf(day)),
        "presenceAfter", message.substring(message.indexOf(day) + day.length()));
  }

  /**
   * A read-back sentence of speech.PhraseKit as dialplan: each placeholder a STRFTIME of LOCAL
   * variable {@code last} (the last moment away, or the time) in the organisation's zone, with
   * "+ 0" dropping the leading zero the keys do not have; {@code {digits}} and {@code {clock}}
   * stay for the template, which spells ARG1 digit by digit and says LOCAL(last)'s time of day
   * through the codes' clock subroutine.
   */
  private static List<String> slots(List<String> sentence, String zone) {
    List<String> out = new ArrayList<>();
    for (String slot : sentence) {
      out.add(slot
          .replace("{reason}", "${reason}")
          .replace("{weekday}", "${STRFTIME(${last}," + zone + ",%u)}")
          .replace("{day}", "$[${STRFTIME(${last}," + zone + ",%d)} + 0]")
          .replace("{month}", "$[${STRFTIME(${last}," + zone + ",%m)} + 0]")
          .replace("{hour}", "$[${STRFTIME(${last}," + zone + ",%H)} + 0]")
          .replace("{minute}", "$[${STRFTIME(${last}," + zone + ",%M)} + 0]"));
    }
    return out;
  }

  /** The phone codes' phrase kit over the same templates; made on first use. */
  public synchronized se.vaxel.speech.PhraseKit phraseKit() {
    if (phraseKit == null) {
      phraseKit = new se.vaxel.speech.PhraseKit(templates);
    }
    return phraseKit;
  }

  /**
   * The Playback name of a window's sound, or of its switchboard variant (played when the
   * contact is away too at call time); "" for none.
   */
  private static String sound(Staff staff, se.vaxel.speech.AbsenceAnnouncements.Said said,
      boolean switchboard) {
    se.vaxel.speech.AbsenceAnnouncements.Sound s =
        said == null ? null : switchboard ? said.switchboard() : said.sound();
    return s == null ? "" : staff.speech().playback(s.name());
  }

  private Map<String, Object> model(Staff staff) {
    AsteriskSettings ast = staff.asterisk();
    ZoneId zone = staff.organisation().timezone();
    DialplanContexts ctx = DialplanContexts.of(ast);
    List<Map<String, Object>> people = new ArrayList<>();
    // Every file a window names, past ones too (the dialplan does not depend on the date):
    // the probe looks for each, and ANNOUNCEMENT-MISSING judges the current window's.
    java.util.Set<String> sounds = new java.util.LinkedHashSet<>();
    for (Person p : staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      List<Map<String, Object>> routes = new ArrayList<>();
      boolean weekly = false;
      List<se.vaxel.speech.AbsenceAnnouncements.Window> spoken =
          staff.speech().announces(p) ? announcements().windows(staff, p) : List.of();
      for (int i = 0; i < p.absences().size(); i++) {
        Absence a = p.absences().get(i);
        se.vaxel.speech.AbsenceAnnouncements.Window w = spoken.isEmpty() ? null : spoken.get(i);
        if (w != null) {
          w.sounds().forEach(sound -> sounds.add(sound.name()));
        }
        CallRouting.Route r = CallRouting.route(staff, a);
        List<Map<String, Object>> weeks = new ArrayList<>();
        r.weekly().forEach((target, numbers) -> weeks.add(Map.of(
            "target", target.extension(), "weeks", List.copyOf(numbers),
            "sound", sound(staff, w == null ? null : w.weekly().get(target), false),
            "switchboardSound", sound(staff, w == null ? null : w.weekly().get(target), true))));
        weekly |= !weeks.isEmpty();
        routes.add(Map.of(
            "start", r.start().atZone(zone).toEpochSecond(),
            "end", r.end().atZone(zone).toEpochSecond(),
            "target", r.fallback().extension(),
            "sound", sound(staff, w == null ? null : w.fallback(), false),
            "switchboardSound", sound(staff, w == null ? null : w.fallback(), true),
            "weekly", weeks));
      }
      Map<String, Object> person = new LinkedHashMap<>();
      person.put("id", p.id());
      person.put("ext", p.extension());
      person.put("name", p.fullName());
      person.put("email", p.email() == null ? "" : p.email());
      person.put("device", ast.deviceFor(p.extension()));
      person.put("routes", routes);
      person.put("weekly", weekly);
      // Only with speech on: the route's "quiet" label keeps a phone-set absence unspoken too.
      person.put("quiet", staff.speech().announce() && !staff.speech().announces(p));
      // The read-back's language, one line only for those whose own is not the organisation's.
      person.put("lang", se.vaxel.speech.PhraseKit.ownLanguage(staff, p)
          .map(se.vaxel.model.Language::code).orElse(""));
      people.add(person);
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("version", version);
    model.put("fingerprint", FINGERPRINT_TOKEN);
    model.put("ctx", Map.of("staff", ctx.staff(), "route", ctx.route(),
        "absence", ctx.absence(), "planned", ctx.planned(), "probe", ctx.probe(),
        "codes", ctx.codes()));
    model.put("codes", codesModel(staff));
    model.put("probeFamily", ctx.probeFamily());
    model.put("probe", probeModel(staff, List.copyOf(sounds)));
    model.put("vmContext", ast.voicemailContext());
    model.put("ringTimeout", ast.ringTimeout());
    model.put("family", ctx.overrideFamily());
    model.put("zone", zone.getId());
    model.put("switchboard", staff.organisation().switchboard());
    // Inherited by every channel the call makes, so a console knows the organisation (issue 9).
    model.put("orgId", staff.organisation().id());
    model.put("switchboardDevice", ast.switchboardDial(staff.organisation().switchboard()));
    model.put("targetDevice", ast.deviceFor("${target}"));
    model.put("extDevice", ast.deviceFor("${ext}"));
    model.put("people", people);
    model.put("hints", ast.hints());
    // Playback of the SOUND of a live override: its name in the organisation's directory.
    model.put("speech", Map.of("announce", staff.speech().announce(),
        "dir", staff.speech().playback("")));
    model.put("staffParts", parts(ctx.staff(), people));
    List<Map<String, Object>> planned =
        people.stream().filter(p -> !((List<?>) p.get("routes")).isEmpty()).toList();
    List<Map<String, Object>> plannedParts = parts(ctx.planned(), planned);
    if (plannedParts.isEmpty()) {
      // The planned context's catch-all goes into its last part, so there is always one.
      plannedParts = List.of(Map.of("name", DialplanContexts.part(ctx.planned(), 1),
          "people", List.of()));
    }
    model.put("plannedParts", plannedParts);
    return model;
  }
}
