package se.vaxel.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Compliance;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Rule;
import se.vaxel.compliance.Severity;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/**
 * What every format renders: one check run, optionally compared with a baseline, with the names
 * of the people checked.
 *
 * <p>The order of {@link CheckResult#findings()} is the report order (compliance owns it); the
 * formats only group it: findings about the PBX as a whole, then each person in the order they
 * first appear, then orphans, each group keeping the given order.
 *
 * @param comparison with a previous JSON report ({@code --baseline}), if any
 * @param names each checked person's full name by staff id, in staff.yaml order (JUnit's rows);
 *     anyone missing is reported by id
 * @param colour ANSI colour in the text format; only the CLI knows whether it writes to a
 *     terminal and whether NO_COLOR is set
 * @param failed the check failed before it could judge anything (bad input, a PBX out of
 *     reach): {@link CheckResult#incomplete()} holds the one reason. Reports outlive the run
 *     that wrote them, so a failed run still replaces yesterday's, and says so.
 * @param organisation which organisation of a platform file this report is about: set on each
 *     organisation's part and on its own report ({@code --report-dir}); empty for a lone staff
 *     file, whose reports stay as they were before platforms
 * @param organisations a platform's parts, one report per organisation in the platform file's
 *     order, each with its {@code organisation}; then this report is their total (see
 *     {@link #platform}). Empty for a report of one organisation.
 */
public record Report(
    CheckResult result,
    Optional<Baseline.Comparison> comparison,
    Map<String, String> names,
    boolean colour,
    boolean failed,
    Optional<Label> organisation,
    List<Report> organisations) {

  /** An organisation as reports name it: its id (files, labels) and its name (headings). */
  public record Label(String id, String name) {
    public Label {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  public Report {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(comparison, "comparison");
    Objects.requireNonNull(organisation, "organisation");
    names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
    organisations = List.copyOf(organisations);
  }

  public Report(CheckResult result, Optional<Baseline.Comparison> comparison,
      Map<String, String> names, boolean colour, boolean failed) {
    this(result, comparison, names, colour, failed, Optional.empty(), List.of());
  }

  public static Report of(CheckResult result, Map<String, String> names) {
    return new Report(result, Optional.empty(), names, false, false);
  }

  /** This report as the part of one organisation of a platform. */
  public Report forOrganisation(String id, String name) {
    return new Report(result, comparison, names, colour, failed,
        Optional.of(new Label(id, name)), organisations);
  }

  /** Whether this is a platform's total, with a part per organisation. */
  public boolean isPlatform() {
    return !organisations.isEmpty();
  }

  /**
   * The total of a platform's parts: the people summed, every finding with its staff id
   * qualified by the organisation ({@code alfa/anna.berg}, since ids are unique only within an
   * organisation), every incomplete item prefixed with it. Incomplete or failed anywhere makes
   * the total so: a platform is never compliant on a part that was not read.
   *
   * @param parts each with its {@link #organisation}, in the platform file's order
   */
  public static Report platform(List<Report> parts) {
    if (parts.isEmpty() || parts.stream().anyMatch(r -> r.organisation().isEmpty())) {
      throw new IllegalArgumentException("a platform report needs labelled parts");
    }
    CheckResult first = parts.get(0).result();
    int people = 0;
    List<Finding> findings = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> known = new LinkedHashSet<>();
    List<Finding> resolved = new ArrayList<>();
    Instant since = null;
    for (Report part : parts) {
      String id = part.organisation().get().id();
      people += part.result().people();
      for (Finding f : part.result().findings()) {
        Finding q = qualified(id, f);
        findings.add(q);
        if (part.comparison().isPresent() && !part.isNew(f)) {
          known.add(q.key());
        }
      }
      part.result().incomplete().forEach(item -> incomplete.add(id + ": " + item));
      part.names().forEach((staffId, name) -> names.put(id + "/" + staffId, name));
      if (part.comparison().isPresent()) {
        Baseline.Comparison c = part.comparison().get();
        c.resolved().forEach(f -> resolved.add(qualified(id, f)));
        since = since == null || c.since().isBefore(since) ? c.since() : since;
      }
    }
    CheckResult total = new CheckResult(first.checkedAt(), first.pbx(), people, first.rules(),
        findings, incomplete);
    Optional<Baseline.Comparison> comparison = since == null ? Optional.empty()
        : Optional.of(new Baseline.Comparison(since, known, resolved));
    boolean failed = parts.stream().allMatch(Report::failed);
    return new Report(total, comparison, names, false, failed, Optional.empty(), parts);
  }

  private static Finding qualified(String organisation, Finding f) {
    return f.staffId() == null ? f
        : new Finding(f.rule(), f.severity(), organisation + "/" + f.staffId(), f.extension(),
            f.message());
  }

  /**
   * The report of a check that could not be done: no findings, never compliant, the reason as
   * its only incomplete item.
   *
   * @param people how many people staff.yaml has, 0 when it could not be read
   */
  public static Report couldNotCheck(Instant at, String pbx, int people, String reason) {
    return new Report(new CheckResult(at, pbx, people, Compliance.rules(), List.of(),
        List.of("could not check: " + reason)), Optional.empty(), Map.of(), false, true);
  }

  /** Full name by staff id, in staff.yaml order. */
  public static Map<String, String> namesOf(Staff staff) {
    Map<String, String> names = new LinkedHashMap<>();
    for (Person p : staff.people()) {
      names.put(p.id(), p.fullName());
    }
    return names;
  }

  public Report withBaseline(Baseline baseline) {
    return new Report(result, Optional.of(baseline.compare(result.findings())), names, colour,
        failed, organisation, organisations);
  }

  public Report withColour(boolean colour) {
    return new Report(result, comparison, names, colour, failed, organisation,
        organisations.stream().map(r -> r.withColour(colour)).toList());
  }

  /** "Alfa kommun (alfa)", for headings. */
  static String heading(Label label) {
    return label.name() + " (" + label.id() + ")";
  }

  /**
   * The findings of one person, of the PBX as a whole, or of extensions that are nobody's.
   *
   * @param extension the person's, as the findings give it; null for the other kinds
   */
  record Group(Kind kind, String staffId, String name, String extension, List<Finding> findings) {
    enum Kind { PBX, PERSON, ORPHANS }

    Group {
      findings = List.copyOf(findings);
    }

    /** The extension to mention beside a finding: only where the heading does not say it. */
    String extensionOf(Finding f) {
      return f.extension() == null || f.extension().equals(extension) ? null : f.extension();
    }
  }

  /** All findings, in report order: group by group. */
  List<Finding> findings() {
    return groups().stream().flatMap(g -> g.findings().stream()).toList();
  }

  /**
   * The groups that have findings: the PBX as a whole first (a stale dialplan often explains
   * the rest), then each person, then the orphans.
   */
  List<Group> groups() {
    List<Finding> pbx = new ArrayList<>();
    Map<String, List<Finding>> people = new LinkedHashMap<>();
    List<Finding> orphans = new ArrayList<>();
    for (Finding f : result.findings()) {
      if (f.staffId() != null) {
        people.computeIfAbsent(f.staffId(), k -> new ArrayList<>()).add(f);
      } else if (f.extension() == null) {
        pbx.add(f);
      } else {
        orphans.add(f);
      }
    }
    List<Group> groups = new ArrayList<>();
    if (!pbx.isEmpty()) {
      groups.add(new Group(Group.Kind.PBX, null, null, null, pbx));
    }
    people.forEach((id, list) -> groups.add(new Group(Group.Kind.PERSON, id, names.get(id),
        list.stream().map(Finding::extension).filter(Objects::nonNull).findFirst().orElse(null),
        list)));
    if (!orphans.isEmpty()) {
      groups.add(new Group(Group.Kind.ORPHANS, null, null, null, orphans));
    }
    return groups;
  }

  /** Everyone in names, then anyone else with a finding. */
  List<String> staffIds() {
    Set<String> ids = new LinkedHashSet<>(names.keySet());
    result.findings().stream().map(Finding::staffId).filter(Objects::nonNull).forEach(ids::add);
    return List.copyOf(ids);
  }

  /** The rules that ran, then any rule id a finding names that is not among them. */
  List<String> ruleIds() {
    Set<String> ids = new LinkedHashSet<>();
    result.rules().forEach(r -> ids.add(r.id()));
    result.findings().stream().map(Finding::rule).forEach(ids::add);
    return List.copyOf(ids);
  }

  Optional<Rule> rule(String id) {
    return result.rules().stream().filter(r -> r.id().equals(id)).findFirst();
  }

  boolean isNew(Finding f) {
    return comparison.map(c -> c.isNew(f)).orElse(false);
  }

  long newFindings() {
    return result.findings().stream().filter(this::isNew).count();
  }

  /** How many people have at least one finding. */
  long peopleWithFindings() {
    return result.findings().stream().map(Finding::staffId).filter(Objects::nonNull)
        .distinct().count();
  }

  /** E.g. "3 errors, 1 warning in 2 people and the PBX". */
  String counts() {
    long people = peopleWithFindings();
    boolean pbx = result.findings().stream().anyMatch(f -> f.staffId() == null);
    List<String> where = new ArrayList<>();
    if (people > 0) {
      where.add(count(people, "person", "people"));
    }
    if (pbx) {
      where.add("the PBX");
    }
    String counts = count(result.errors(), "error", "errors") + ", "
        + count(result.warnings(), "warning", "warnings");
    return where.isEmpty() ? counts : counts + " in " + String.join(" and ", where);
  }

  /** Who or what a finding concerns, e.g. "Anna Berg, ext. 2102"; "" when PBX-wide. */
  String who(Finding f) {
    List<String> who = new ArrayList<>();
    if (f.staffId() != null) {
      who.add(names.getOrDefault(f.staffId(), f.staffId()));
    }
    if (f.extension() != null) {
      who.add("ext. " + f.extension());
    }
    return String.join(", ", who);
  }

  static String count(long n, String singular, String plural) {
    return n + " " + (n == 1 ? singular : plural);
  }

  static String severity(Severity s) {
    return s.key();
  }
}
