package se.vaxel.report;

/** Renders a report as one string; writing it anywhere is the caller's business. */
public interface ReportFormatter {
  /** @param presentation the language, time zone, templates and duration, where a format shows them */
  String render(Report report, Presentation presentation);
}
