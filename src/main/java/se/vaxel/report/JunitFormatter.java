package se.vaxel.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

/**
 * JUnit XML for CI dashboards (Jenkins, GitLab): a grid of people by rules, so a dashboard
 * shows who broke which rule and keeps each cell's history across nights.
 *
 * <p>Each person checked (classname = staff id) and {@code pbx} (findings tied to nobody in
 * staff.yaml) gets one testcase per rule (name = rule id): passing when the rule found nothing
 * there, otherwise one {@code <failure>} holding every finding of that cell. Warnings fail too,
 * with {@code type="warning"} (errors: {@code type="error"}) and the severity first in the
 * message: a warning is a deviation someone must act on, and a dashboard shows failures and
 * hides "skipped", the only other status JUnit XML has. The testcase {@code pbx} /
 * {@code check-complete} has an {@code <error>} (the test could not run) when part of the PBX
 * could not be checked, and passes otherwise, so it stays in the history either way.
 *
 * <p>Without names (see {@link Report#names()}) only the people with findings appear.
 *
 * <p>A platform's report has one testsuite per organisation, named {@code vaxel check of PBX:
 * <id>}, each the grid above for its people (and its own {@code pbx} row), every classname
 * prefixed with the organisation's id ({@code alfa/anna.berg}, {@code alfa/pbx}); the testsuites
 * element carries the totals. An organisation's own report is that one testsuite.
 */
final class JunitFormatter implements ReportFormatter {
  static final String PBX = "pbx";
  static final String COMPLETE = "check-complete";

  /** The Ant schema's timestamp: local date-time, without zone; ours is UTC. */
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ISO_LOCAL_DATE_TIME.withZone(ZoneOffset.UTC);

  private record Case(String classname, String name, Severity worst, List<Finding> findings) {}

  @Override
  public String render(Report report) {
    List<Report> suites = report.isPlatform() ? report.organisations() : List.of(report);
    int tests = 0;
    long failures = 0;
    int errors = 0;
    StringBuilder body = new StringBuilder();
    for (Report suite : suites) {
      List<Case> cases = cases(suite);
      tests += cases.size() + 1;
      failures += cases.stream().filter(c -> !c.findings().isEmpty()).count();
      errors += suite.result().incomplete().isEmpty() ? 0 : 1;
      suite(body, suite, cases);
    }
    StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.append("<testsuites name=\"vaxel check\"").append(counts(tests, failures, errors))
        .append(">\n").append(body).append("</testsuites>\n");
    return out.toString();
  }

  private static String counts(int tests, long failures, int errors) {
    return " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors + "\"";
  }

  private static void suite(StringBuilder out, Report report, List<Case> cases) {
    CheckResult r = report.result();
    long failures = cases.stream().filter(c -> !c.findings().isEmpty()).count();
    int errors = r.incomplete().isEmpty() ? 0 : 1;
    out.append("  <testsuite name=\"vaxel check of ").append(Escape.xml(r.pbx()));
    report.organisation().ifPresent(o -> out.append(": ").append(Escape.xml(o.id())));
    out.append('"').append(counts(cases.size() + 1, failures, errors))
        .append(" skipped=\"0\" timestamp=\"")
        .append(TIMESTAMP.format(r.checkedAt().truncatedTo(ChronoUnit.SECONDS))).append("\">\n");
    out.append("    <properties>\n");
    property(out, "pbx", r.pbx());
    report.organisation().ifPresent(o -> {
      property(out, "organisation", o.id());
      property(out, "organisationName", o.name());
    });
    property(out, "checkedAt", r.checkedAt().toString());
    property(out, "people", Integer.toString(r.people()));
    report.comparison().ifPresent(c -> property(out, "baseline", c.since().toString()));
    out.append("    </properties>\n");

    // Staff ids are unique within an organisation only: a dashboard keys its history on the
    // classname, so an organisation's rows carry its id.
    String prefix = report.organisation().map(o -> o.id() + "/").orElse("");
    for (Case c : cases) {
      testcase(out, prefix + c.classname(), c.name());
      if (c.findings().isEmpty()) {
        out.append("/>\n");
        continue;
      }
      Finding first = c.findings().get(0);
      String message = c.findings().size() == 1 ? line(report, first, false)
          : c.worst().key() + ": " + c.findings().size() + " findings";
      out.append(">\n      <failure type=\"").append(c.worst().key())
          .append("\" message=\"").append(Escape.xml(message)).append("\">");
      for (Finding f : c.findings()) {
        out.append(Escape.xml(line(report, f, true))).append('\n');
      }
      out.append("</failure>\n    </testcase>\n");
    }

    testcase(out, prefix + PBX, COMPLETE);
    if (r.incomplete().isEmpty()) {
      out.append("/>\n");
    } else {
      out.append(">\n      <error type=\"incomplete\" message=\"")
          .append(Escape.xml(Report.count(r.incomplete().size(), "part", "parts")
              + " of the PBX could not be checked"))
          .append("\">");
      for (String item : r.incomplete()) {
        out.append(Escape.xml("Could not check: " + item)).append('\n');
      }
      out.append("</error>\n    </testcase>\n");
    }
    out.append("  </testsuite>\n");
  }

  private static List<Case> cases(Report report) {
    Map<String, Map<String, List<Finding>>> cells = new LinkedHashMap<>();
    for (Finding f : report.findings()) {
      cells.computeIfAbsent(f.staffId() == null ? PBX : f.staffId(), k -> new LinkedHashMap<>())
          .computeIfAbsent(f.rule(), k -> new ArrayList<>()).add(f);
    }
    List<String> classnames = new ArrayList<>(report.staffIds());
    classnames.add(PBX);
    List<Case> cases = new ArrayList<>();
    for (String classname : classnames) {
      Map<String, List<Finding>> row = cells.getOrDefault(classname, Map.of());
      for (String rule : report.ruleIds()) {
        List<Finding> findings = row.getOrDefault(rule, List.of());
        Severity worst = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)
            ? Severity.ERROR : Severity.WARNING;
        cases.add(new Case(classname, rule, worst, findings));
      }
    }
    return cases;
  }

  /** E.g. "error: Anna Berg, ext. 2102: no mailbox [new]". */
  private static String line(Report report, Finding f, boolean withRule) {
    StringBuilder s = new StringBuilder(f.severity().key());
    if (withRule) {
      s.append(' ').append(f.rule());
    }
    s.append(": ");
    String who = report.who(f);
    if (!who.isEmpty()) {
      s.append(who).append(": ");
    }
    s.append(f.message());
    if (report.isNew(f)) {
      s.append(" [new]");
    }
    return s.toString();
  }

  private static void testcase(StringBuilder out, String classname, String name) {
    out.append("    <testcase classname=\"").append(Escape.xml(classname))
        .append("\" name=\"").append(Escape.xml(name)).append('"');
  }

  private static void property(StringBuilder out, String name, String value) {
    out.append("      <property name=\"").append(name).append("\" value=\"")
        .append(Escape.xml(value)).append("\"/>\n");
  }
}
