package se.vaxel.report;

/** Renders a report as one string; writing it anywhere is the caller's business. */
public interface ReportFormatter {
  String render(Report report);
}
