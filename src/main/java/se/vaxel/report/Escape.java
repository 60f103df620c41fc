package se.vaxel.report;

/**
 * Escaping for the output languages no library writes for us: a terminal, Nagios plugin output
 * and Prometheus labels (the HTML page is escaped by Freemarker, the JUnit XML by the JDK's
 * XMLStreamWriter). Messages carry text read from the PBX (mailbox names, e-mail addresses),
 * which no one has checked: it must not break a report or a terminal.
 */
final class Escape {
  private Escape() {}

  /** A label value of the Prometheus text exposition format. */
  static String prometheusLabel(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** One line for a terminal: control characters (ESC above all) shown, not obeyed. */
  static String terminal(String s) {
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints().forEach(c -> {
      if (Character.isISOControl(c)) {
        out.append(String.format("\\x%02x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }

  /**
   * Plugin output for Nagios: '|' starts performance data there, and a line break a new line
   * of long output.
   */
  static String nagios(String s) {
    return terminal(s.replace('|', '/'));
  }
}
