package se.vaxel.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;

/**
 * One self-contained page for the intranet: no scripts, fonts or images to fetch, readable on
 * a phone. The summary comes first (compliant or not, what could not be checked, the counts),
 * then the findings per person, then the rules with what each checks.
 *
 * <p>A platform's page has the total's summary, then a section per organisation (its own
 * summary and findings, {@code id="org-<id>"}), then the rules with the total's counts. An
 * organisation's own page ({@code --report-dir}) names it in the title and heading.
 */
final class HtmlFormatter implements ReportFormatter {
  private static final String STYLE = """
      :root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,\
      sans-serif;line-height:1.4}
      body{margin:0 auto;max-width:60rem;padding:0 .75rem 2rem}
      h1{font-size:1.4rem;margin:1rem 0 .25rem}
      h2{font-size:1.15rem;margin:1.75rem 0 .5rem}
      h3{font-size:1rem;margin:1.25rem 0 .25rem}
      .status{font-size:1.15rem;font-weight:700;padding:.5rem .75rem;border-radius:.4rem}
      .ok{background:#2e7d3233}
      .bad{background:#c6282833}
      .incomplete{background:#e8a31733;padding:.1rem .75rem;border-radius:.4rem}
      .counts{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;margin:.75rem 0}
      .counts div{min-width:7rem}
      dt{font-size:.85rem;opacity:.75}
      dd{margin:0;font-size:1.3rem;font-variant-numeric:tabular-nums}
      .findings{list-style:none;padding:0;margin:0}
      .findings li{padding:.3rem 0;border-bottom:1px solid #8885;overflow-wrap:anywhere}
      .sev{display:inline-block;min-width:4.5rem;font-weight:600}
      .error .sev{color:#d32f2f}
      .warning .sev{color:#b26a00}
      .new{font-size:.8rem;font-weight:600;padding:0 .3rem;border:1px solid;border-radius:.3rem}
      .id{font-weight:400;opacity:.75}
      table{border-collapse:collapse;width:100%}
      th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #8885}
      td:first-child{font-weight:600}
      .num{font-variant-numeric:tabular-nums}
      @media (max-width:40rem){
      thead{display:none}
      table,tbody,tr,td{display:block}
      tr{border:1px solid #8887;border-radius:.4rem;margin:.5rem 0;padding:.3rem 0}
      td{border:0;padding:.1rem .6rem}
      td[data-label]::before{content:attr(data-label) ": ";font-weight:600}
      }
      """;

  @Override
  public String render(Report report) {
    CheckResult r = report.result();
    String pbx = Escape.html(r.pbx())
        + report.organisation().map(o -> ", " + Escape.html(Report.heading(o))).orElse("");
    StringBuilder out = new StringBuilder();
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>vaxel check of ").append(pbx).append(": ")
        .append(r.compliant() ? "compliant" : "not compliant").append("</title>\n")
        .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n<header>\n")
        .append("<h1>vaxel check of ").append(pbx).append("</h1>\n")
        .append("<p>Checked <time datetime=\"").append(r.checkedAt()).append("\">")
        .append(r.checkedAt()).append("</time></p>\n</header>\n<main>\n");
    summary(out, report, "summary");
    if (report.isPlatform()) {
      for (Report part : report.organisations()) {
        Report.Label o = part.organisation().orElseThrow();
        String id = "org-" + anchorPart(o.id());
        out.append("<section id=\"").append(id).append("\">\n<h2>")
            .append(Escape.html(o.name())).append(" <span class=\"id\">")
            .append(Escape.html(o.id())).append("</span></h2>\n");
        summary(out, part, id + "-summary");
        findings(out, part, id + "-findings", "h3", "h4");
        resolved(out, part, id + "-resolved", "h3");
        out.append("</section>\n");
      }
    } else {
      findings(out, report, "findings", "h2", "h3");
      resolved(out, report, "resolved", "h2");
    }
    rules(out, report);
    out.append("</main>\n</body>\n</html>\n");
    return out.toString();
  }

  private static void summary(StringBuilder out, Report report, String id) {
    CheckResult r = report.result();
    out.append("<section id=\"").append(id).append("\">\n");
    if (r.compliant()) {
      out.append("<p class=\"status ok\">Compliant: ")
          .append(Report.count(r.people(), "person", "people")).append(", no findings</p>\n");
    } else {
      out.append("<p class=\"status bad\">Not compliant: ")
          .append(r.findings().isEmpty() ? "the check was incomplete" : report.counts())
          .append("</p>\n");
    }
    if (!r.incomplete().isEmpty()) {
      out.append("<div class=\"incomplete\" role=\"alert\">\n<p><strong>The check was ")
          .append("incomplete.</strong> These could not be checked, so this report cannot ")
          .append("say the PBX is compliant:</p>\n<ul>\n");
      r.incomplete().forEach(item ->
          out.append("<li>").append(Escape.html(item)).append("</li>\n"));
      out.append("</ul>\n</div>\n");
    }
    out.append("<dl class=\"counts\">\n");
    count(out, "Errors", r.errors());
    count(out, "Warnings", r.warnings());
    count(out, "People checked", r.people());
    count(out, "People with findings", report.peopleWithFindings());
    if (report.isPlatform()) {
      count(out, "Organisations", report.organisations().size());
      count(out, "Organisations not compliant",
          report.organisations().stream().filter(p -> !p.result().compliant()).count());
    }
    report.comparison().ifPresent(c -> {
      count(out, "New since " + c.since(), report.newFindings());
      count(out, "Resolved since then", c.resolved().size());
    });
    out.append("</dl>\n</section>\n");
  }

  private static void findings(StringBuilder out, Report report, String id, String h2,
      String h3) {
    List<Report.Group> groups = report.groups();
    if (groups.isEmpty()) {
      return;
    }
    out.append("<section id=\"").append(id).append("\">\n<").append(h2).append(">Findings</")
        .append(h2).append(">\n");
    for (Report.Group g : groups) {
      out.append("<article>\n<").append(h3).append('>');
      switch (g.kind()) {
        case PBX -> out.append("The PBX as a whole");
        case ORPHANS -> out.append("Nobody in staff.yaml");
        case PERSON -> {
          String details = Escape.html(g.staffId())
              + (g.extension() == null ? "" : " · ext. " + Escape.html(g.extension()));
          out.append(g.name() == null ? details : Escape.html(g.name())
              + " <span class=\"id\">" + details + "</span>");
        }
      }
      out.append("</").append(h3).append(">\n<ul class=\"findings\">\n");
      for (Finding f : g.findings()) {
        String extension = g.extensionOf(f);
        item(out, f, extension == null ? "" : "ext. " + extension, report.isNew(f));
      }
      out.append("</ul>\n</article>\n");
    }
    out.append("</section>\n");
  }

  private static void resolved(StringBuilder out, Report report, String id, String h2) {
    report.comparison().filter(c -> !c.resolved().isEmpty()).ifPresent(c -> {
      out.append("<section id=\"").append(id).append("\">\n<").append(h2)
          .append(">Resolved since ").append(c.since()).append("</").append(h2)
          .append(">\n<ul class=\"findings\">\n");
      c.resolved().forEach(f -> item(out, f, report.who(f), false));
      out.append("</ul>\n</section>\n");
    });
  }

  private static void rules(StringBuilder out, Report report) {
    Map<String, Long> found = report.result().findings().stream()
        .collect(Collectors.groupingBy(Finding::rule, Collectors.counting()));
    out.append("<section id=\"rules\">\n<h2>Rules</h2>\n<table>\n<thead><tr><th>Rule</th>")
        .append("<th>Severity</th><th>Findings</th><th>What it checks</th></tr></thead>\n")
        .append("<tbody>\n");
    for (String id : report.ruleIds()) {
      out.append("<tr id=\"").append(anchor(id)).append("\"><td>").append(Escape.html(id))
          .append("</td><td data-label=\"Severity\">")
          .append(report.rule(id).map(rule -> rule.severity().key()).orElse(""))
          .append("</td><td class=\"num\" data-label=\"Findings\">")
          .append(found.getOrDefault(id, 0L)).append("</td><td data-label=\"What it checks\">")
          .append(report.rule(id).map(rule -> Escape.html(rule.description())).orElse(""))
          .append("</td></tr>\n");
    }
    out.append("</tbody>\n</table>\n</section>\n");
  }

  private static void item(StringBuilder out, Finding f, String where, boolean isNew) {
    out.append("<li class=\"").append(f.severity().key()).append("\"><span class=\"sev\">")
        .append(f.severity().key()).append("</span> <a href=\"#").append(anchor(f.rule()))
        .append("\">").append(Escape.html(f.rule())).append("</a> ");
    if (!where.isEmpty()) {
      out.append(Escape.html(where)).append(": ");
    }
    out.append(Escape.html(f.message()));
    if (isNew) {
      out.append(" <span class=\"new\">new</span>");
    }
    out.append("</li>\n");
  }

  private static void count(StringBuilder out, String label, long n) {
    out.append("<div><dt>").append(label).append("</dt><dd>").append(n).append("</dd></div>\n");
  }

  /** Part of an id attribute, whatever characters the value has. */
  private static String anchorPart(String value) {
    return value.replaceAll("[^A-Za-z0-9_-]", "_");
  }

  /** An id attribute for a rule, whatever characters its id has. */
  private static String anchor(String rule) {
    return "rule-" + rule.replaceAll("[^A-Za-z0-9_-]", "_");
  }
}
