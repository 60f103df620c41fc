package se.vaxel.report;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.render.Templates;

/**
 * One self-contained page for the intranet, rendered by {@code <language>/report.html.ftl}
 * (the organisation's own under {@code --templates} wins): no scripts, fonts or images to
 * fetch, readable on a phone, every value HTML-escaped by Freemarker (the name ends in
 * .html.ftl). The summary comes first, then the findings per person, then the rules.
 *
 * <p>A platform's page has the total's summary, then a part per organisation (its own summary
 * and findings, {@code id="org-<id>"}), then the rules with the total's counts. An
 * organisation's own page ({@code --report-dir}) names it in the title and heading.
 *
 * <p>The model, all plain strings, numbers, booleans, lists and maps: {@code locale},
 * {@code pbx}, {@code organisation} (id, name; absent for a lone staff file's total),
 * {@code checkedAt} (a time: {@code iso} with the zone's offset, {@code date} as
 * {@code render.SpokenDate} gives it, {@code clock} with hour and minute, {@code zone}),
 * {@code summary}, {@code groups}, {@code resolved} (of the page's own report),
 * {@code organisations} (a platform's parts, each with {@code id}, {@code anchor}, {@code name},
 * {@code summary}, {@code groups} and {@code resolved}) and {@code rules} (id, anchor,
 * severity, count, description).
 *
 * <p>A summary: compliant, errors, warnings, people, peopleWithFindings, pbxFindings (the
 * PBX as a whole has findings), findings (how many), incomplete (list), platform, and for a
 * platform organisations and organisationsNotCompliant; with a baseline {@code since} (a
 * time), newFindings and resolvedCount. A group: kind (pbx, person, orphans), staffId, name,
 * extension and findings. A finding: severity, rule, anchor (of its rule's row), where
 * (an extension, or who), message, isNew.
 */
final class HtmlFormatter implements ReportFormatter {
  @Override
  public String render(Report report, Presentation p) {
    CheckResult r = report.result();
    Map<String, Object> model = new HashMap<>();
    model.put(Templates.LOCALE, p.language().locale());
    model.put("pbx", r.pbx());
    report.organisation().ifPresent(o -> model.put("organisation", label(o)));
    model.put("checkedAt", time(r.checkedAt(), p));
    model.put("summary", summary(report, p));
    model.put("groups", groups(report));
    model.put("resolved", resolved(report));
    List<Map<String, Object>> parts = new ArrayList<>();
    for (Report part : report.organisations()) {
      Report.Label o = part.organisation().orElseThrow();
      Map<String, Object> m = label(o);
      m.put("anchor", "org-" + anchorPart(o.id()));
      m.put("summary", summary(part, p));
      m.put("groups", groups(part));
      m.put("resolved", resolved(part));
      parts.add(m);
    }
    model.put("organisations", parts);
    model.put("rules", rules(report));
    return p.templates().render(p.language().code() + "/report.html.ftl", model);
  }

  private static Map<String, Object> label(Report.Label o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.id());
    m.put("name", o.name());
    return m;
  }

  /** A moment in the organisation's zone: never an instant in UTC with nanoseconds. */
  static Map<String, Object> time(Instant at, Presentation p) {
    ZonedDateTime local = at.atZone(p.zone()).truncatedTo(ChronoUnit.MINUTES);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("iso", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(local));
    m.put("date", se.vaxel.render.SpokenDate.of(local.toLocalDate(), p.language().locale(), true));
    m.put("clock", se.vaxel.render.SpokenDate.clock(local.toLocalTime()));
    m.put("zone", p.zone().getId());
    return m;
  }

  private static Map<String, Object> summary(Report report, Presentation p) {
    CheckResult r = report.result();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("compliant", r.compliant());
    m.put("errors", r.errors());
    m.put("warnings", r.warnings());
    m.put("findings", r.findings().size());
    m.put("people", r.people());
    m.put("peopleWithFindings", report.peopleWithFindings());
    m.put("pbxFindings", r.findings().stream().anyMatch(f -> f.staffId() == null));
    m.put("incomplete", r.incomplete());
    m.put("platform", report.isPlatform());
    if (report.isPlatform()) {
      m.put("organisations", report.organisations().size());
      m.put("organisationsNotCompliant",
          report.organisations().stream().filter(o -> !o.result().compliant()).count());
    }
    report.comparison().ifPresent(c -> {
      m.put("since", time(c.since(), p));
      m.put("newFindings", report.newFindings());
      m.put("resolvedCount", c.resolved().size());
    });
    return m;
  }

  private static List<Map<String, Object>> groups(Report report) {
    List<Map<String, Object>> groups = new ArrayList<>();
    for (Report.Group g : report.groups()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("kind", g.kind().name().toLowerCase(java.util.Locale.ROOT));
      m.put("staffId", g.staffId());
      m.put("name", g.name());
      m.put("extension", g.extension());
      m.put("findings", g.findings().stream()
          .map(f -> finding(f, g.extensionOf(f), report.isNew(f))).toList());
      groups.add(m);
    }
    return groups;
  }

  private static List<Map<String, Object>> resolved(Report report) {
    return report.comparison().map(c -> c.resolved().stream()
        .map(f -> finding(f, report.who(f), false)).toList()).orElse(List.of());
  }

  private static Map<String, Object> finding(Finding f, String where, boolean isNew) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("severity", f.severity().key());
    m.put("rule", f.rule());
    m.put("anchor", anchor(f.rule()));
    m.put("where", where == null || where.isEmpty() ? null : where);
    m.put("message", f.message());
    m.put("isNew", isNew);
    return m;
  }

  private static List<Map<String, Object>> rules(Report report) {
    Map<String, Long> found = report.result().findings().stream()
        .collect(Collectors.groupingBy(Finding::rule, Collectors.counting()));
    List<Map<String, Object>> rules = new ArrayList<>();
    for (String id : report.ruleIds()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("anchor", anchor(id));
      m.put("severity", report.rule(id).map(rule -> rule.severity().key()).orElse(""));
      m.put("count", found.getOrDefault(id, 0L));
      m.put("description", report.rule(id).map(rule -> rule.description()).orElse(""));
      rules.add(m);
    }
    return rules;
  }

  /** Part of an id attribute, whatever characters the value has. */
  private static String anchorPart(String value) {
    return value.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** An id attribute for a rule, whatever characters its id has. */
  private static String anchor(String rule) {
    return "rule-" + anchorPart(rule);
  }
}
