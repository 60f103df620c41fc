package se.vaxel.report;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
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
 * <p>{@code time} (seconds) on testsuites and each testsuite is how long the check itself took
 * (an organisation's share on a platform), when it ran; {@code timestamp} is when it started.
 * Written with the JDK's XMLStreamWriter, which does the escaping.
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
  public String render(Report report, Presentation presentation) {
    List<Report> suites = report.isPlatform() ? report.organisations() : List.of(report);
    int tests = 0;
    long failures = 0;
    int errors = 0;
    Map<Report, List<Case>> casesOf = new LinkedHashMap<>();
    for (Report suite : suites) {
      List<Case> cases = cases(suite);
      casesOf.put(suite, cases);
      tests += cases.size() + 1;
      failures += cases.stream().filter(c -> !c.findings().isEmpty()).count();
      errors += suite.result().incomplete().isEmpty() ? 0 : 1;
    }
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter out = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
      out.writeStartDocument("UTF-8", "1.0");
      out.writeCharacters("\n");
      out.writeStartElement("testsuites");
      out.writeAttribute("name", "vaxel check");
      counts(out, tests, failures, errors);
      time(out, presentation.took());
      for (Map.Entry<Report, List<Case>> suite : casesOf.entrySet()) {
        suite(out, suite.getKey(), suite.getValue(), presentation.took(suite.getKey()));
      }
      out.writeCharacters("\n");
      out.writeEndElement();
      out.writeCharacters("\n");
      out.writeEndDocument();
      out.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("JUnit XML could not be written: " + e.getMessage(), e);
    }
    return text.toString();
  }

  private static void counts(XMLStreamWriter out, int tests, long failures, int errors)
      throws XMLStreamException {
    out.writeAttribute("tests", Integer.toString(tests));
    out.writeAttribute("failures", Long.toString(failures));
    out.writeAttribute("errors", Integer.toString(errors));
  }

  /** Seconds, as JUnit's time attribute has them: how long the check itself took. */
  private static void time(XMLStreamWriter out, Optional<Duration> took) throws XMLStreamException {
    if (took.isPresent()) {
      out.writeAttribute("time",
          BigDecimal.valueOf(took.get().toMillis(), 3).toPlainString());
    }
  }

  private static void suite(XMLStreamWriter out, Report report, List<Case> cases,
      Optional<Duration> took) throws XMLStreamException {
    CheckResult r = report.result();
    long failures = cases.stream().filter(c -> !c.findings().isEmpty()).count();
    int errors = r.incomplete().isEmpty() ? 0 : 1;
    indent(out, 1);
    out.writeStartElement("testsuite");
    out.writeAttribute("name", attribute("vaxel check of " + r.pbx()
        + report.organisation().map(o -> ": " + o.id()).orElse("")));
    counts(out, cases.size() + 1, failures, errors);
    out.writeAttribute("skipped", "0");
    out.writeAttribute("timestamp",
        TIMESTAMP.format(r.checkedAt().truncatedTo(ChronoUnit.SECONDS)));
    time(out, took);
    indent(out, 2);
    out.writeStartElement("properties");
    property(out, "pbx", r.pbx());
    if (report.organisation().isPresent()) {
      property(out, "organisation", report.organisation().get().id());
      property(out, "organisationName", report.organisation().get().name());
    }
    property(out, "checkedAt", r.checkedAt().truncatedTo(ChronoUnit.SECONDS).toString());
    property(out, "people", Integer.toString(r.people()));
    if (report.comparison().isPresent()) {
      property(out, "baseline", report.comparison().get().since().toString());
    }
    indent(out, 2);
    out.writeEndElement();

    // Staff ids are unique within an organisation only: a dashboard keys its history on the
    // classname, so an organisation's rows carry its id.
    String prefix = report.organisation().map(o -> o.id() + "/").orElse("");
    for (Case c : cases) {
      if (c.findings().isEmpty()) {
        testcase(out, prefix + c.classname(), c.name(), true);
        continue;
      }
      testcase(out, prefix + c.classname(), c.name(), false);
      Finding first = c.findings().get(0);
      String message = c.findings().size() == 1 ? line(report, first, false)
          : c.worst().key() + ": " + c.findings().size() + " findings";
      indent(out, 3);
      out.writeStartElement("failure");
      out.writeAttribute("type", c.worst().key());
      out.writeAttribute("message", attribute(message));
      for (Finding f : c.findings()) {
        out.writeCharacters(text(line(report, f, true)) + "\n");
      }
      out.writeEndElement();
      indent(out, 2);
      out.writeEndElement();
    }

    if (r.incomplete().isEmpty()) {
      testcase(out, prefix + PBX, COMPLETE, true);
    } else {
      testcase(out, prefix + PBX, COMPLETE, false);
      indent(out, 3);
      out.writeStartElement("error");
      out.writeAttribute("type", "incomplete");
      out.writeAttribute("message", Report.count(r.incomplete().size(), "part", "parts")
          + " of the PBX could not be checked");
      for (String item : r.incomplete()) {
        out.writeCharacters(text("Could not check: " + item) + "\n");
      }
      out.writeEndElement();
      indent(out, 2);
      out.writeEndElement();
    }
    indent(out, 1);
    out.writeEndElement();
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

  private static void testcase(XMLStreamWriter out, String classname, String name,
      boolean empty) throws XMLStreamException {
    indent(out, 2);
    if (empty) {
      out.writeEmptyElement("testcase");
    } else {
      out.writeStartElement("testcase");
    }
    out.writeAttribute("classname", attribute(classname));
    out.writeAttribute("name", attribute(name));
  }

  private static void property(XMLStreamWriter out, String name, String value)
      throws XMLStreamException {
    indent(out, 3);
    out.writeEmptyElement("property");
    out.writeAttribute("name", name);
    out.writeAttribute("value", attribute(value));
  }

  private static void indent(XMLStreamWriter out, int level) throws XMLStreamException {
    out.writeCharacters("\n" + "  ".repeat(level));
  }

  /**
   * Text read from the PBX, which no one has checked, as XML 1.0 allows it: the writer escapes
   * markup but passes on what XML cannot hold at all (control characters, a lone surrogate),
   * which would make the file unreadable; those become U+FFFD.
   */
  private static String text(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        out.append(c).append(s.charAt(++i));
      } else if (c == '\n' || c == '\t' || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD) {
        out.append(c);
      } else {
        out.append('\uFFFD');
      }
    }
    return out.toString();
  }

  /** An attribute is one line: a parser turns its line breaks into spaces anyway. */
  private static String attribute(String s) {
    return text(s).replace('\n', ' ').replace('\t', ' ');
  }
}
