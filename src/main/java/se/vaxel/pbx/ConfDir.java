package se.vaxel.pbx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import se.vaxel.render.AsteriskConfig;

/**
 * The Asterisk configuration directory as vaxel uses it: our fragments in {@code vaxel/}, the
 * previous version of each in {@code vaxel/previous/}, and one {@code #include} line in each of
 * voicemail.conf and extensions.conf. Nothing else in the directory is read or written.
 */
public final class ConfDir {
  public static final String SUBDIR = "vaxel";

  private final Path dir;

  public ConfDir(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** Our fragment, e.g. vaxel/voicemail.conf. */
  public Path fragment(String name) {
    return dir.resolve(SUBDIR).resolve(name);
  }

  public Path previous(String name) {
    return dir.resolve(SUBDIR).resolve("previous").resolve(name);
  }

  /** The organisation's own file that must include our fragment, e.g. voicemail.conf. */
  public Path main(String name) {
    return dir.resolve(name);
  }

  public static String includeLine(String name) {
    return "#include \"" + SUBDIR + "/" + name + "\"";
  }

  public static boolean hasInclude(String mainText, String name) {
    return Pattern.compile("(?m)^\\s*#include\\s+\"?" + Pattern.quote(SUBDIR + "/" + name)
        + "\"?\\s*$").matcher(mainText).find();
  }

  /** The main file with our include appended, or empty when it is already there. */
  public static Optional<String> withInclude(String mainText, String name) {
    if (hasInclude(mainText, name)) {
      return Optional.empty();
    }
    String sep = mainText.isEmpty() || mainText.endsWith("\n") ? "" : "\n";
    return Optional.of(mainText + sep + "\n; Added by vaxel apply: the generated "
        + (name.equals(AsteriskConfig.VOICEMAIL_FILE) ? "mailboxes" : "dialplan") + ".\n"
        + includeLine(name) + "\n");
  }

  public static Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
