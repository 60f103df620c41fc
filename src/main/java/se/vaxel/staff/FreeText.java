package se.vaxel.staff;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The rule for text that people type (names, title, department, workplace, the organisation's
 * name and place): it ends up in voicemail.conf ({@code 2101 => ,Calle Carlsson,calle@x.se,,}),
 * in dialplan comments and in templates, so anything that would change the meaning of Asterisk
 * configuration is rejected here, once, rather than escaped differently in every output.
 *
 * <p>Rejected everywhere: line breaks, control and invisible formatting characters (which also
 * covers right-to-left overrides that make a name read differently than it is stored), {@code ;}
 * (comment), {@code [} and {@code ]} (category), {@code ${} and {@code $[} (dialplan expansion),
 * {@code |} (voicemail.conf field separator) and {@code \} (escape). In names also {@code ,},
 * because voicemail.conf splits the mailbox's full name on commas. Letters of any script,
 * hyphens, apostrophes and spaces pass, so Åsa Öberg, Eva-Lena, René and O'Brien are fine.
 */
final class FreeText {
  static final int MAX_LENGTH = 80;
  private static final int ECHO_LENGTH = 40;

  private FreeText() {}

  /** The value in Unicode NFC with outer white space removed, so equal names compare equal. */
  static String normalise(String raw) {
    return Normalizer.normalize(raw, Normalizer.Form.NFC).strip();
  }

  /** Why {@code value} may not be used for {@code field}, if it may not. */
  static Optional<String> problem(String field, String value, boolean isName) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      int next = i + Character.charCount(c);
      String why = unsafe(c, next < value.length() ? value.charAt(next) : 0, isName);
      if (why != null) {
        return Optional.of(field + " contains " + why);
      }
      i = next;
    }
    int length = value.codePointCount(0, value.length());
    if (length > MAX_LENGTH) {
      return Optional.of(field + " is " + length + " characters long; at most " + MAX_LENGTH
          + " are allowed");
    }
    return Optional.empty();
  }

  private static String unsafe(int c, char following, boolean isName) {
    switch (c) {
      case '\n', '\r', 0x85, 0x2028, 0x2029:
        return "a line break, which would end the line in Asterisk configuration";
      case ';':
        return "';' which would start a comment in Asterisk configuration";
      case '[':
        return "'[' which would start a category in Asterisk configuration";
      case ']':
        return "']' which would end a category in Asterisk configuration";
      case '|':
        return "'|' which separates fields in voicemail.conf";
      case '\\':
        return "'\\' which escapes the next character in Asterisk configuration";
      case ',':
        return isName
            ? "',' which separates fields in voicemail.conf (the mailbox's full name)"
            : null;
      case '$':
        if (following == '{') {
          return "'${' which Asterisk would expand as a variable";
        }
        return following == '[' ? "'$[' which Asterisk would evaluate as an expression" : null;
      default:
        return isInvisible(c)
            ? String.format("the invisible character U+%04X, which is not allowed in Asterisk"
                + " configuration", c)
            : null;
    }
  }

  private static boolean isInvisible(int c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT
        || type == Character.SURROGATE || type == Character.PRIVATE_USE;
  }

  /** A value quoted for a problem message, cut to a readable length. */
  static String quoted(String value) {
    return "'" + printable(value, ECHO_LENGTH) + "'";
  }

  /**
   * Text made safe for a one-line problem message: invisible characters and line breaks are
   * shown as {@code <U+0007>}, so a hostile value cannot break the {@code FILE:LINE:COL} format
   * or send escape sequences to the terminal.
   */
  static String printable(String text, int maxLength) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
      if (shown++ == maxLength) {
        out.append('\u2026');
        break;
      }
      int c = text.codePointAt(i);
      int type = Character.getType(c);
      if (isInvisible(c) || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        out.append(String.format("<U+%04X>", c));
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString();
  }
}
