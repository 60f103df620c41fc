package se.vaxel.compliance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.LoadedRouting;
import se.vaxel.live.LoadedRouting.Window;
import se.vaxel.live.Snapshot;
import se.vaxel.live.Snapshot.Greeting;
import se.vaxel.model.Absence;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.Templates;
import se.vaxel.live.EffectiveAbsence;
import se.vaxel.live.LiveOverride;
import se.vaxel.staff.StaffException;
import se.vaxel.staff.StaffLoader;

/**
 * A staff.yaml and a snapshot of a PBX that keeps every rule, for the rule tests to break one
 * piece at a time. The snapshot's parts are plain mutable fields: each test changes the one it is
 * about, in plain sight, then builds.
 */
final class Fixture {
  static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
  static final String FINGERPRINT = "sha256:0123456789abcdef0123456789abcdef";
  static final WorkingDays WORKING_DAYS = new WorkingDays();

  /** Wednesday of ISO week 31, 2026: Calle is on holiday, Bo is his contact this week. */
  static final Instant NOW = at("2026-07-29T10:00");

  static final String HEAD = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: sv
        timezone: Europe/Stockholm
      asterisk:
        voicemail-context: vaxel
        dialplan-context: vaxel-staff
        device: "PJSIP/${EXTEN}"
        ring-timeout: 20
      staff:
      """;

  /** Calle away 20 July to 9 August (alternate Anna, week 31 Bo); Nils has a mobile only. */
  static final String STAFF = HEAD + """
        - id: calle.carlsson
          first-name: Calle
          last-name: Carlsson
          email: calle.carlsson@bjurholm.se
          extension: "2101"
          absences:
            - from: 2026-07-20
              until: 2026-08-09
              reason: semester
              alternate: anna.berg
              weekly-contacts:
                31: bo.lind
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          email: anna.berg@bjurholm.se
          extension: "2102"
        - id: bo.lind
          first-name: Bo
          last-name: Lind
          email: bo.lind@bjurholm.se
          extension: "2103"
        - id: nils.ohman
          first-name: Nils
          last-name: Öhman
          email: nils.ohman@bjurholm.se
          mobile: "070-123 45 67"
      """;

  final Staff staff;
  Instant now = NOW;
  Map<String, VoicemailBox> mailboxes = new HashMap<>();
  String fingerprint = FINGERPRINT;
  /** What the shipped template generates for this staff.yaml (fingerprint: FINGERPRINT). */
  final GeneratedDialplan generated;
  /** Every context of ours as ShowDialPlan lists it: at first exactly what is generated. */
  Map<String, List<DialplanEntry>> dialplan = new LinkedHashMap<>();
  Set<String> dialplanExtensions = new HashSet<>();
  boolean overridesHonoured = true;
  Map<String, List<Window>> planned = new HashMap<>();
  List<Integer> ringTimeouts = new ArrayList<>();
  Map<String, LiveOverride> overrides = new HashMap<>();
  /** Null: the probe could not run. */
  Map<String, Greeting> greetings = new HashMap<>();
  /** Null: the probe did not look for announcement files. */
  se.vaxel.live.Snapshot.Announcements announcements = null;
  /** Null: the endpoints could not be listed. */
  Map<String, Boolean> endpoints = new HashMap<>();
  List<String> incomplete = new ArrayList<>();

  private Fixture(Staff staff) {
    this.staff = staff;
    this.generated = GeneratedDialplan.parse(new AsteriskConfig(new Templates(Optional.empty()),
        "test").render(staff).extensionsConf(), FINGERPRINT);
    generated.contexts().forEach((name, entries) -> dialplan.put(name, new ArrayList<>(entries)));
  }

  /** Replaces one loaded priority, as a hand edit or an older definition of it would. */
  void loaded(String context, String extension, int priority, String application,
      String data) {
    List<DialplanEntry> entries = dialplan.get(context);
    entries.replaceAll(e -> e.extension().equals(extension) && e.priority() == priority
        ? new DialplanEntry(context, extension, priority, e.label(), application, data,
            e.registrar())
        : e);
  }

  static Fixture compliant() {
    return compliant(STAFF);
  }

  /**
   * What a PBX that applied this staff.yaml has: every mailbox as generated, the generated
   * routing (live overrides read, planned windows as CallRouting routes them, in epoch seconds),
   * every greeting recorded (a temporary one for whoever is away at {@code now}), every phone
   * reachable, nothing unheard.
   */
  static Fixture compliant(String yaml) {
    return compliant(staff(yaml));
  }

  static Fixture compliant(Staff staff) {
    return compliant(staff, NOW);
  }

  static Fixture compliant(Staff staff, Instant now) {
    Fixture f = new Fixture(staff);
    f.now = now;
    f.ringTimeouts.addAll(List.of(f.staff.asterisk().ringTimeout(),
        f.staff.asterisk().ringTimeout()));
    for (Person p : f.staff.people()) {
      if (!p.hasExtension()) {
        continue;
      }
      String ext = p.extension();
      f.mailboxes.put(ext, mailbox(ext, p.fullName(), p.email() == null ? "" : p.email()));
      f.dialplanExtensions.add(ext);
      List<Window> windows = new ArrayList<>();
      for (Absence a : p.absences()) {
        CallRouting.Route r = CallRouting.route(f.staff, a);
        long start = r.start().atZone(ZONE).toEpochSecond();
        long end = r.end().atZone(ZONE).toEpochSecond();
        r.weekly().forEach((target, weeks) ->
            windows.add(new Window(start, end, weeks, ZONE, target.extension())));
        windows.add(new Window(start, end, r.fallback().extension()));
      }
      if (!windows.isEmpty()) {
        f.planned.put(ext, windows);
      }
      boolean away = EffectiveAbsence.at(f.staff, Map.of(), p, f.now).isPresent();
      f.greetings.put(ext, new Greeting(true, away, Optional.empty()));
      f.endpoints.put(ext, true);
    }
    return f;
  }

  static Staff staff(String yaml) {
    try {
      return new StaffLoader().parse("t.yaml", yaml);
    } catch (StaffException e) {
      throw new IllegalArgumentException(e.problems().toString(), e);
    }
  }

  static VoicemailBox mailbox(String ext, String fullName, String email) {
    return new VoicemailBox("vaxel", ext, fullName, email, "", "", "", false, 0, 0, 100, 0);
  }

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ZONE).toInstant();
  }

  Snapshot snapshot() {
    return new Snapshot(now, "127.0.0.1:5038", mailboxes, fingerprint, dialplan,
        dialplanExtensions,
        new LoadedRouting(overridesHonoured, planned, ringTimeouts), overrides,
        Optional.ofNullable(greetings), Optional.ofNullable(announcements),
        Optional.ofNullable(endpoints), incomplete);
  }

  CheckInput input() {
    return new CheckInput(staff, snapshot(), now, WORKING_DAYS, generated);
  }

  List<Finding> check(Rule rule) {
    return rule.check(input());
  }

  /** A live absence set by the switchboard for {@code ext}, from an hour ago to {@code until}. */
  void liveAway(String ext, Instant until, String target, String alternateId) {
    String personId = staff.byExtension(ext).orElseThrow().id();
    overrides.put(ext, LiveOverride.away(ext, now.minusSeconds(3600), until, target,
        Reason.SJUK, alternateId, personId));
  }
}
