package se.vaxel.report;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.vaxel.compliance.CheckInput;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Rule;
import se.vaxel.compliance.Severity;

/**
 * One night's check of a small PBX: Anna Berg and Bo Lind with findings, Åsa Öberg without, an
 * orphan mailbox, a stale dialplan, no full mailbox, and greetings that could not be probed.
 * The findings come in compliance's report order: the PBX, each person, the orphans.
 */
final class Fixtures {
  static final Instant CHECKED_AT = Instant.parse("2026-11-21T02:00:00Z");
  static final String PBX = "pbx.bjurholm.example:5038";

  static final List<Rule> RULES = List.of(
      rule("VM-MISSING", Severity.ERROR,
          "A person with an extension has a mailbox in the voicemail context."),
      rule("VM-NAME", Severity.WARNING,
          "The mailbox's full name is the person's name in staff.yaml."),
      rule("VM-ORPHAN", Severity.WARNING,
          "Every mailbox and extension in our contexts belongs to someone in staff.yaml (E4)."),
      rule("GREETING-MISSING", Severity.ERROR,
          "An unavailable greeting is recorded, so callers hear the T2 message."),
      rule("DIALPLAN-STALE", Severity.ERROR,
          "The loaded dialplan and mailboxes are what the current staff.yaml generates."),
      rule("MAILBOX-FULL", Severity.ERROR, "Every mailbox can take another message."));

  static final Finding STALE = new Finding("DIALPLAN-STALE", Severity.ERROR, null, null,
      "the loaded dialplan has fingerprint 3f2a9c, staff.yaml generates 9c41d0");
  static final Finding ORPHAN = new Finding("VM-ORPHAN", Severity.WARNING, null, "2199",
      "mailbox 2199 (Per Persson) belongs to nobody in staff.yaml");
  static final Finding BO_MISSING = new Finding("VM-MISSING", Severity.ERROR, "bo.lind", "2103",
      "no mailbox 2103 in context vaxel-vm");
  static final Finding ANNA_NAME = new Finding("VM-NAME", Severity.WARNING, "anna.berg", "2102",
      "the mailbox says \"Ana Berg\" <anna@berg>, staff.yaml says \"Anna Berg\"");
  static final Finding ANNA_GREETING = new Finding("GREETING-MISSING", Severity.ERROR,
      "anna.berg", "2102", "no unavailable greeting recorded");
  static final Finding BO_NAME_BEFORE = new Finding("VM-NAME", Severity.WARNING, "bo.lind",
      "2103", "the mailbox says \"Bo Lindh\", staff.yaml says \"Bo Lind\"");

  static final String INCOMPLETE =
      "greetings: the probe context vaxel-greeting-probe is not loaded";

  private Fixtures() {}

  static Rule rule(String id, Severity severity, String description) {
    return new TestRule(id, severity, description);
  }

  /** A rule as reports see it: its check is never called here. */
  record TestRule(String id, Severity severity, String description) implements Rule {
    @Override
    public List<Finding> check(CheckInput input) {
      return List.of();
    }
  }

  static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("anna.berg", "Anna Berg");
    names.put("bo.lind", "Bo Lind");
    names.put("asa.oberg", "Åsa Öberg");
    return names;
  }

  static CheckResult night() {
    return result(List.of(STALE, ANNA_NAME, ANNA_GREETING, BO_MISSING, ORPHAN),
        List.of(INCOMPLETE));
  }

  static CheckResult result(List<Finding> findings, List<String> incomplete) {
    return new CheckResult(CHECKED_AT, PBX, 3, RULES, findings, incomplete);
  }

  static Report report() {
    return Report.of(night(), names());
  }

  static Report report(List<Finding> findings, List<String> incomplete) {
    return Report.of(result(findings, incomplete), names());
  }

  /** The night before: Anna's greeting and the orphan were already there, Bo's name was wrong. */
  static Baseline lastNight() {
    return new Baseline(Instant.parse("2026-11-20T02:00:00Z"), PBX,
        List.of(ANNA_GREETING, BO_NAME_BEFORE, ORPHAN));
  }

  static Report withBaseline() {
    return report().withBaseline(lastNight());
  }

  /** Beta's Anna Berg: the same staff id as Alfa's, another person in another organisation. */
  static final Finding BETA_ANNA_NAME = new Finding("VM-NAME", Severity.WARNING, "anna.berg",
      "4101", "the mailbox says \"Anna Bergh\", staff.yaml says \"Anna Berg\"");

  static final String ALFA_NAME = "Alfa kommun";
  static final String BETA_NAME = "Beta & <Gamma> \"kommun\"";

  /** In staff file order: Map.of's order changes from run to run. */
  static Map<String, String> betaNames() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("anna.berg", "Anna Berg");
    names.put("zoe.obrien", "Zoë O'Brien");
    return names;
  }

  /** A platform of two: Alfa is the night above, Beta has one warning for its Anna Berg. */
  static Report platform() {
    return Report.platform(List.of(
        report().forOrganisation("alfa", ALFA_NAME),
        Report.of(new CheckResult(CHECKED_AT, PBX, 2, RULES, List.of(BETA_ANNA_NAME), List.of()),
            betaNames())
            .forOrganisation("beta", BETA_NAME)));
  }

  /** The same platform against last night's reports, one per organisation. */
  static Report platformWithBaseline() {
    Baseline betaLastNight = new Baseline(Instant.parse("2026-11-20T02:00:00Z"), PBX,
        List.of(new Finding("VM-MISSING", Severity.ERROR, "zoe.obrien", "4102", "no mailbox")));
    return Report.platform(List.of(
        withBaseline().forOrganisation("alfa", ALFA_NAME),
        Report.of(new CheckResult(CHECKED_AT, PBX, 2, RULES, List.of(BETA_ANNA_NAME), List.of()),
            betaNames())
            .withBaseline(betaLastNight).forOrganisation("beta", BETA_NAME)));
  }
}
