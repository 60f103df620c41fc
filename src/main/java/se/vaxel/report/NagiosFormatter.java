package se.vaxel.report;

import java.util.ArrayList;
import java.util.List;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;

/**
 * Output of a Nagios plugin (also Icinga, Naemon, Checkmk): a short first line with status and
 * performance data, then one line per finding as long output.
 *
 * <pre>
 * VAXEL OK - 9 people compliant | errors=0;;0;0 warnings=0;0;;0 people=9;;;0 incomplete=0;;;0
 * </pre>
 *
 * <p>and with findings, after the first line, e.g.
 * {@code error VM-MISSING Anna Berg, ext. 2102: no mailbox 2102 in context vaxel}.
 *
 * <p>A platform's report keeps that one first line, for the total, and names each organisation
 * with findings or gaps in it; its performance data adds each organisation's figures, labelled
 * with its id ({@code alfa_errors=2;;0;0 alfa_warnings=0;0;;0 alfa_people=12;;;0
 * alfa_incomplete=0;;;0}); each long-output line starts with {@code [alfa]}. An organisation's
 * own report ({@code --report-dir}) names it after the status: {@code VAXEL OK - alfa: 12 people
 * compliant | ...}.
 *
 * <p>The thresholds are Nagios ranges: {@code 0} means "alert above 0", so any error is
 * critical and any warning a warning ({@code 1} would let one of each through).
 */
public final class NagiosFormatter implements ReportFormatter {
  /** Nagios keeps a few kB of output; the full list belongs in another format. */
  static final int LONG_OUTPUT_LINES = 50;

  /**
   * The plugin's status and exit code. The worst state wins, in Nagios' order of severity:
   * CRITICAL over UNKNOWN over WARNING over OK. So a known error stays critical even when part
   * of the check could not run, and an incomplete check is never OK or merely WARNING.
   */
  public enum Status {
    OK(0),
    WARNING(1),
    CRITICAL(2),
    UNKNOWN(3);

    private final int exitCode;

    Status(int exitCode) {
      this.exitCode = exitCode;
    }

    public int exitCode() {
      return exitCode;
    }
  }

  public static Status status(CheckResult r) {
    if (r.errors() > 0) {
      return Status.CRITICAL;
    }
    if (!r.incomplete().isEmpty()) {
      return Status.UNKNOWN;
    }
    return r.warnings() > 0 ? Status.WARNING : Status.OK;
  }

  @Override
  public String render(Report report, Presentation presentation) {
    CheckResult r = report.result();
    StringBuilder out = new StringBuilder("VAXEL ").append(status(r)).append(" - ");
    report.organisation().ifPresent(o -> out.append(o.id()).append(": "));
    if (report.failed()) {
      out.append(Escape.nagios(r.incomplete().get(0)));
    } else if (r.findings().isEmpty()) {
      out.append(r.incomplete().isEmpty()
          ? Report.count(r.people(), "person", "people") + " compliant"
          : "check incomplete, nothing found in what could be checked");
    } else {
      out.append(report.counts());
      if (!r.incomplete().isEmpty()) {
        out.append("; check incomplete");
      }
    }
    if (report.isPlatform() && !report.failed()) {
      List<String> parts = new ArrayList<>();
      for (Report part : report.organisations()) {
        CheckResult p = part.result();
        if (!p.compliant()) {
          parts.add(part.organisation().orElseThrow().id() + " "
              + (p.findings().isEmpty() ? "incomplete" : status(p).name().toLowerCase(
                  java.util.Locale.ROOT)));
        }
      }
      out.append(parts.isEmpty() ? " in " + Report.count(report.organisations().size(),
          "organisation", "organisations") : " (" + String.join(", ", parts) + ")");
    }
    out.append(" |");
    perfdata(out, "", r);
    for (Report part : report.organisations()) {
      perfdata(out, part.organisation().orElseThrow().id() + "_", part.result());
    }
    out.append('\n');

    List<String> lines = new ArrayList<>();
    List<Report> parts = report.isPlatform() ? report.organisations() : List.of(report);
    for (Report part : parts) {
      String prefix = report.isPlatform()
          ? "[" + part.organisation().orElseThrow().id() + "] " : "";
      if (!part.failed()) {
        part.result().incomplete().forEach(item -> lines.add(prefix + "Could not check: " + item));
      }
      for (Finding f : part.findings()) {
        String who = part.who(f);
        lines.add(prefix + f.severity().key() + " " + f.rule() + " "
            + (who.isEmpty() ? "" : who + ": ") + f.message() + (part.isNew(f) ? " [new]" : ""));
      }
    }
    lines.stream().limit(LONG_OUTPUT_LINES)
        .forEach(line -> out.append(Escape.nagios(line)).append('\n'));
    if (lines.size() > LONG_OUTPUT_LINES) {
      out.append("... and ").append(lines.size() - LONG_OUTPUT_LINES)
          .append(" more; see the full report\n");
    }
    return out.toString();
  }

  private static void perfdata(StringBuilder out, String prefix, CheckResult r) {
    out.append(' ').append(prefix).append("errors=").append(r.errors()).append(";;0;0")
        .append(' ').append(prefix).append("warnings=").append(r.warnings()).append(";0;;0")
        .append(' ').append(prefix).append("people=").append(r.people()).append(";;;0")
        .append(' ').append(prefix).append("incomplete=").append(r.incomplete().size())
        .append(";;;0");
  }
}
