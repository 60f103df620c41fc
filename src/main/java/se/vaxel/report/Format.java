package se.vaxel.report;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code vaxel check --format}, each with its formatter. */
public enum Format {
  TEXT(new TextFormatter(), "txt"),
  JSON(new JsonFormatter(), "json"),
  JUNIT(new JunitFormatter(), "xml"),
  HTML(new HtmlFormatter(), "html"),
  NAGIOS(new NagiosFormatter(), "nagios"),
  PROMETHEUS(new PrometheusFormatter(), "prom");

  private final ReportFormatter formatter;
  private final String extension;

  Format(ReportFormatter formatter, String extension) {
    this.formatter = formatter;
    this.extension = extension;
  }

  /**
   * The file name extension of an organisation's report in {@code --report-dir}:
   * {@code DIR/<id>.<extension>} (prom: what node-exporter's textfile collector reads).
   */
  public String extension() {
    return extension;
  }

  /** The name on the command line, e.g. {@code junit}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** In English, in this machine's time zone, with the shipped templates. */
  public String render(Report report) {
    return render(report, Presentation.standard());
  }

  public String render(Report report, Presentation presentation) {
    return formatter.render(report, presentation);
  }

  /** The format a command-line value names, in any case. */
  public static Format of(String key) {
    for (Format f : values()) {
      if (f.key().equalsIgnoreCase(key)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + key + "', expected one of: "
        + Arrays.stream(values()).map(Format::key).collect(Collectors.joining(", ")));
  }

  @Override
  public String toString() {
    return key();
  }
}
