package se.vaxel.report;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * <p>A platform's report keeps the series above, unlabelled, for the total (so an alert on
 * {@code vaxel_check_compliant == 0} still means "anything anywhere") and adds, per
 * organisation, {@code vaxel_check_organisation_findings{organisation,rule,severity}},
 * {@code vaxel_check_organisation_people}, {@code vaxel_check_organisation_compliant} and
 * {@code vaxel_check_organisation_incomplete}, each labelled {@code organisation="<id>"}: other
 * names than the total's, so {@code sum()} over one family never counts a finding twice. An
 * organisation's own report ({@code --report-dir}) has only its organisation series, plus
 * {@code vaxel_check_organisation_failed} and {@code vaxel_check_organisation_timestamp_seconds},
 * so the files of several organisations can sit in one textfile directory; the platform's file
 * then must not sit beside them (its organisation series would be the same series twice).
 */
final class PrometheusFormatter implements ReportFormatter {
  @Override
  public String render(Report report, Presentation presentation) {
    CheckResult r = report.result();
    StringBuilder out = new StringBuilder();
    if (report.failed()) {
      // For whoever opens the file: a comment, not a label, so no series per reason.
      out.append("# ").append(Escape.terminal(r.incomplete().get(0)))
          .append('\n');
    }
    if (report.organisation().isPresent()) {
      organisations(out, List.of(report), true);
      return out.toString();
    }
    header(out, "vaxel_check_findings", "Findings of the last vaxel check, per rule.");
    counts(report, "").forEach((labels, n) ->
        out.append("vaxel_check_findings{").append(labels).append("} ").append(n).append('\n'));
    gauge(out, "vaxel_check_people", "People of staff.yaml checked.", r.people());
    gauge(out, "vaxel_check_compliant",
        "1 if the last check found nothing and was complete, else 0.", r.compliant() ? 1 : 0);
    gauge(out, "vaxel_check_incomplete",
        "1 if part of the PBX could not be checked, else 0.", r.incomplete().isEmpty() ? 0 : 1);
    gauge(out, "vaxel_check_failed", "1 if the last check could not run at all (bad input, "
        + "PBX out of reach), else 0.", report.failed() ? 1 : 0);
    header(out, "vaxel_check_timestamp_seconds", "When the last check ran, in Unix time.");
    out.append("vaxel_check_timestamp_seconds ").append(seconds(r)).append('\n');
    if (report.isPlatform()) {
      organisations(out, report.organisations(), false);
    }
    return out.toString();
  }

  /** The per-organisation families, every organisation's series of a family together. */
  private static void organisations(StringBuilder out, List<Report> parts, boolean own) {
    header(out, "vaxel_check_organisation_findings",
        "Findings of the last vaxel check, per organisation and rule.");
    for (Report part : parts) {
      counts(part, organisationLabel(part) + ",").forEach((labels, n) ->
          out.append("vaxel_check_organisation_findings{").append(labels).append("} ").append(n)
              .append('\n'));
    }
    labelled(out, parts, "vaxel_check_organisation_people",
        "People of the organisation's staff file checked.", r -> r.result().people());
    labelled(out, parts, "vaxel_check_organisation_compliant",
        "1 if the organisation had no findings and was checked completely, else 0.",
        r -> r.result().compliant() ? 1 : 0);
    labelled(out, parts, "vaxel_check_organisation_incomplete",
        "1 if part of the organisation could not be checked, else 0.",
        r -> r.result().incomplete().isEmpty() ? 0 : 1);
    if (own) {
      labelled(out, parts, "vaxel_check_organisation_failed",
          "1 if the last check could not run at all, else 0.", r -> r.failed() ? 1 : 0);
      header(out, "vaxel_check_organisation_timestamp_seconds",
          "When the last check ran, in Unix time.");
      for (Report part : parts) {
        out.append("vaxel_check_organisation_timestamp_seconds{").append(organisationLabel(part))
            .append("} ").append(seconds(part.result())).append('\n');
      }
    }
  }

  private static void labelled(StringBuilder out, List<Report> parts, String name, String help,
      java.util.function.ToLongFunction<Report> value) {
    header(out, name, help);
    for (Report part : parts) {
      out.append(name).append('{').append(organisationLabel(part)).append("} ")
          .append(value.applyAsLong(part)).append('\n');
    }
  }

  private static String organisationLabel(Report part) {
    return "organisation=\"" + Escape.prometheusLabel(part.organisation().orElseThrow().id())
        + "\"";
  }

  /** Every rule that ran, 0 included, then the findings counted. */
  private static Map<String, Long> counts(Report report, String prefix) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Rule rule : report.result().rules()) {
      counts.put(prefix + labels(rule.id(), rule.severity()), 0L);
    }
    for (Finding f : report.findings()) {
      counts.merge(prefix + labels(f.rule(), f.severity()), 1L, Long::sum);
    }
    return counts;
  }

  private static String seconds(CheckResult r) {
    return BigDecimal.valueOf(r.checkedAt().toEpochMilli(), 3).stripTrailingZeros()
        .toPlainString();
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
