package se.vaxel.pbx;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What {@code vaxel plan --diff} must never show of an Asterisk configuration file: a diff of
 * the PBX's own voicemail.conf (to which apply adds its include) has every mailbox's PIN in its
 * context lines, and a file of an earlier vaxel or of an administrator may carry one too. Each
 * is replaced by {@link #MASK} before the texts are compared, so neither side of a diff has it;
 * the generated files carry none (passwordlocation=spooldir keeps PINs in the spool).
 */
final class Secrets {
  static final String MASK = "********";

  /** A voicemail.conf mailbox: {@code 2101 => PIN,Full Name,mail,...}; the PIN is the first field. */
  private static final Pattern MAILBOX =
      Pattern.compile("^(\\s*([0-9A-Za-z_.@-]+)\\s*(=>|=(?!>))\\s*)([^,;\\s][^,;]*?)(\\s*(?:,|;|$))");
  /** {@code secret=}, {@code password=}, {@code md5secret=}, {@code authpass=} and the like. */
  private static final Pattern KEY = Pattern.compile(
      "^(\\s*[A-Za-z0-9_-]*(?:secret|passw(?:or)?d|pass|pin|token)\\s*=>?\\s*)([^;\\s][^;]*?)(\\s*(?:;.*)?)$",
      Pattern.CASE_INSENSITIVE);

  private Secrets() {}

  /** The text with every secret masked, line by line; line ends kept. */
  static String masked(String fileName, String text) {
    boolean voicemail = fileName.endsWith("voicemail.conf");
    return text.lines().map(line -> masked(voicemail, line))
        .collect(Collectors.joining("\n", "", text.endsWith("\n") ? "\n" : ""));
  }

  private static String masked(boolean voicemail, String line) {
    Matcher key = KEY.matcher(line);
    if (key.matches()) {
      return key.group(1) + MASK + key.group(3);
    }
    if (voicemail) {
      // A mailbox is "=>" by convention; "=" with a number is one too (settings have names).
      Matcher box = MAILBOX.matcher(line);
      if (box.find() && (box.group(3).equals("=>") || box.group(2).matches("[0-9]+"))) {
        return box.group(1) + MASK + line.substring(box.end(4));
      }
    }
    return line;
  }
}
