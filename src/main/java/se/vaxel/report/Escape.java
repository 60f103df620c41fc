package se.vaxel.report;

/**
 * Escaping for each output language. Messages carry text read from the PBX (mailbox names,
 * e-mail addresses), which no one has checked: it must not break a report or a terminal.
 */
final class Escape {
  private Escape() {}

  /** XML 1.0 character data, and attribute values in double or single quotes. */
  static String xml(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        // Kept as references so that attribute values keep them (XML normalises raw ones).
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            out.append(c).append(s.charAt(++i));
          } else if (allowedInXml(c)) {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
        }
      }
    }
    return out.toString();
  }

  /** HTML text and attribute values; the same characters as XML, in the form HTML knows. */
  static String html(String s) {
    return xml(s).replace("&apos;", "&#39;");
  }

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

  private static boolean allowedInXml(char c) {
    return c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD;
  }
}
