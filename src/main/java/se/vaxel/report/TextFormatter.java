package se.vaxel.report;

import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

/**
 * The default format, for people at a terminal or reading a mail from cron: a header, the
 * findings grouped per person, what could not be checked, and one summary line.
 */
final class TextFormatter implements ReportFormatter {
  private static final String RESET = "\u001b[0m";
  private static final String BOLD = "\u001b[1m";
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String YELLOW = "\u001b[33m";
  private static final String CYAN = "\u001b[36m";

  @Override
  public String render(Report report, Presentation presentation) {
    CheckResult r = report.result();
    Paint paint = new Paint(report.colour());
    StringBuilder out = new StringBuilder();
    out.append("vaxel check of ").append(Escape.terminal(r.pbx()));
    report.organisation().ifPresent(o ->
        out.append(" for ").append(Escape.terminal(Report.heading(o))));
    out.append(" at ").append(r.checkedAt()).append(": ")
        .append(Report.count(r.people(), "person", "people")).append(", ");
    if (report.isPlatform()) {
      out.append(Report.count(report.organisations().size(), "organisation", "organisations"))
          .append(", ");
    }
    out.append(Report.count(r.rules().size(), "rule", "rules")).append('\n');
    if (!report.isPlatform()) {
      body(out, report, paint);
      out.append('\n').append(summary(report, paint)).append('\n');
      return out.toString();
    }
    // A platform: each organisation's findings under its own heading, then the total.
    for (Report part : report.organisations()) {
      out.append('\n').append(paint.on(BOLD, "== "
          + Escape.terminal(Report.heading(part.organisation().orElseThrow())) + " ==")).append('\n');
      body(out, part, paint);
      out.append('\n').append(summary(part, paint)).append('\n');
    }
    out.append('\n').append(paint.on(BOLD, "Total: ")).append(summary(report, paint))
        .append('\n');
    return out.toString();
  }

  /** The findings per person, what was resolved, what could not be checked. */
  private static void body(StringBuilder out, Report report, Paint paint) {
    CheckResult r = report.result();
    int ruleWidth = report.ruleIds().stream().mapToInt(String::length).max().orElse(0);
    for (Report.Group g : report.groups()) {
      out.append('\n').append(paint.on(BOLD, heading(g))).append('\n');
      for (Finding f : g.findings()) {
        out.append("  ").append(severity(paint, f.severity())).append("  ")
            .append(pad(Escape.terminal(f.rule()), ruleWidth)).append("  ");
        String extension = g.extensionOf(f);
        if (extension != null) {
          out.append("ext. ").append(Escape.terminal(extension)).append(": ");
        }
        out.append(Escape.terminal(f.message()));
        if (report.isNew(f)) {
          out.append("  ").append(paint.on(CYAN, "[new]"));
        }
        out.append('\n');
      }
    }

    report.comparison().filter(c -> !c.resolved().isEmpty()).ifPresent(c -> {
      out.append('\n').append(paint.on(BOLD, "Resolved since " + c.since())).append('\n');
      for (Finding f : c.resolved()) {
        out.append("  ").append(Report.severity(f.severity())).append("  ")
            .append(pad(Escape.terminal(f.rule()), ruleWidth)).append("  ")
            .append(who(report, f)).append(": ").append(Escape.terminal(f.message()))
            .append('\n');
      }
    });

    if (!r.incomplete().isEmpty()) {
      out.append('\n');
      for (String item : r.incomplete()) {
        out.append(paint.on(RED, "Could not check: ")).append(Escape.terminal(item)).append('\n');
      }
    }
  }

  private static String summary(Report report, Paint paint) {
    CheckResult r = report.result();
    if (r.compliant()) {
      return paint.on(GREEN, "Compliant: " + Report.count(r.people(), "person", "people")
          + " checked against " + Report.count(r.rules().size(), "rule", "rules")
          + ", no findings.");
    }
    StringBuilder s = new StringBuilder();
    if (r.findings().isEmpty()) {
      s.append("Not compliant: no findings, but the check was incomplete");
    } else {
      s.append(report.counts());
      if (!r.incomplete().isEmpty()) {
        s.append("; the check was incomplete");
      }
    }
    report.comparison().ifPresent(c -> s.append("; ").append(report.newFindings())
        .append(" new, ").append(c.resolved().size()).append(" resolved since ")
        .append(c.since()));
    return paint.on(r.errors() > 0 || !r.incomplete().isEmpty() ? RED : YELLOW, s + ".");
  }

  private static String heading(Report.Group g) {
    return switch (g.kind()) {
      case PBX -> "The PBX as a whole";
      case ORPHANS -> "Nobody in staff.yaml";
      case PERSON -> {
        String details = Escape.terminal(g.staffId())
            + (g.extension() == null ? "" : ", ext. " + Escape.terminal(g.extension()));
        yield g.name() == null ? details : Escape.terminal(g.name()) + " (" + details + ")";
      }
    };
  }

  private static String who(Report report, Finding f) {
    String who = report.who(f);
    return Escape.terminal(who.isEmpty() ? "PBX" : who);
  }

  private static String severity(Paint paint, Severity s) {
    return paint.on(s == Severity.ERROR ? RED : YELLOW, pad(Report.severity(s), 7));
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }

  /** Colour, or none: padding is applied before painting, so columns line up either way. */
  private record Paint(boolean on) {
    String on(String colour, String text) {
      return on ? colour + text + RESET : text;
    }
  }
}
