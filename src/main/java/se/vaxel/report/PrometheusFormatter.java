package se.vaxel.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Rule;
import se.vaxel.compliance.Severity;

/**
 * A file for node-exporter's textfile collector (Prometheus text exposition format 0.0.4).
 * Every rule that ran has a findings line, 0 included, so that an alert on a rule's count does
 * not see its series vanish when the count drops to nothing. A baseline changes nothing here:
 * Prometheus keeps the history itself.
 */
final class PrometheusFormatter implements ReportFormatter {
  @Override
  public String render(Report report) {
    CheckResult r = report.result();
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Rule rule : r.rules()) {
      counts.put(labels(rule.id(), rule.severity()), 0L);
    }
    for (Finding f : report.findings()) {
      counts.merge(labels(f.rule(), f.severity()), 1L, Long::sum);
    }

    StringBuilder out = new StringBuilder();
    if (report.failed()) {
      // For whoever opens the file: a comment, not a label, so no series per reason.
      out.append("# ").append(Escape.terminal(r.incomplete().get(0)))
          .append('\n');
    }
    header(out, "vaxel_check_findings", "Findings of the last vaxel check, per rule.");
    counts.forEach((labels, n) ->
        out.append("vaxel_check_findings{").append(labels).append("} ").append(n).append('\n'));
    gauge(out, "vaxel_check_people", "People of staff.yaml checked.", r.people());
    gauge(out, "vaxel_check_compliant",
        "1 if the last check found nothing and was complete, else 0.", r.compliant() ? 1 : 0);
    gauge(out, "vaxel_check_incomplete",
        "1 if part of the PBX could not be checked, else 0.", r.incomplete().isEmpty() ? 0 : 1);
    gauge(out, "vaxel_check_failed", "1 if the last check could not run at all (bad input, "
        + "PBX out of reach), else 0.", report.failed() ? 1 : 0);
    header(out, "vaxel_check_timestamp_seconds", "When the last check ran, in Unix time.");
    out.append("vaxel_check_timestamp_seconds ")
        .append(BigDecimal.valueOf(r.checkedAt().toEpochMilli(), 3).stripTrailingZeros()
            .toPlainString())
        .append('\n');
    return out.toString();
  }

  private static String labels(String rule, Severity severity) {
    return "rule=\"" + Escape.prometheusLabel(rule) + "\",severity=\"" + severity.key() + "\"";
  }

  private static void gauge(StringBuilder out, String name, String help, long value) {
    header(out, name, help);
    out.append(name).append(' ').append(value).append('\n');
  }

  private static void header(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(" gauge\n");
  }
}
