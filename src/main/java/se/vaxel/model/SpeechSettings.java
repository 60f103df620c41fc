package se.vaxel.model;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An organisation's spoken announcements (staff.yaml {@code speech:}, docs/speech.md): whether
 * callers hear one before a call to an absent person goes on, where the sound files are, and
 * which engine speaks them. The one owner of "is this person's absence announced".
 *
 * <p>Without a {@code speech:} block nothing is spoken ({@link #OFF}): an apply then needs no
 * speech engine on the PBX host and writes no sound, as before speech existed.
 *
 * @param announce whether absences are announced at all
 * @param soundsDir where vaxel writes the files (the organisation's own subdirectory below it,
 *     {@link #writeDir()})
 * @param playbackDir the same directory as Asterisk sees it (a chrooted Asterisk sees another
 *     path); what the dialplan plays
 * @param command the organisation's own speech program and arguments, or empty for espeak-ng
 * @param timeout how long the engine may take for one sentence
 * @param temporaryGreeting whether apply speaks a temporary greeting for people who recorded none
 * @param voicemailSpool Asterisk's voicemail spool ({@code [directories] astspooldir} plus
 *     {@code /voicemail}) as vaxel reaches it: where the temporary greetings are placed
 * @param silent staff ids of people whose absences are never announced ({@code announcement:
 *     false})
 */
public record SpeechSettings(
    String organisationId,
    boolean announce,
    String soundsDir,
    String playbackDir,
    List<String> command,
    Duration timeout,
    boolean temporaryGreeting,
    String voicemailSpool,
    Set<String> silent) {

  /** Under astvarlibdir, where runtime data belongs; the package's own sounds are elsewhere. */
  public static final String DEFAULT_DIR = "/var/lib/asterisk/sounds/vaxel";
  /** Debian's astspooldir plus app_voicemail's own subdirectory. */
  public static final String DEFAULT_SPOOL = "/var/spool/asterisk/voicemail";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /**
   * What a directory may be: absolute, and nothing Asterisk's application arguments or the
   * configuration parser treat specially (comma, parentheses, semicolon, quotes, white space).
   */
  public static final Pattern DIR = Pattern.compile("/[A-Za-z0-9/_.-]{0,200}");

  public SpeechSettings {
    Objects.requireNonNull(organisationId, "organisationId");
    Objects.requireNonNull(soundsDir, "soundsDir");
    Objects.requireNonNull(playbackDir, "playbackDir");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(voicemailSpool, "voicemailSpool");
    command = List.copyOf(command == null ? List.of() : command);
    silent = Set.copyOf(silent == null ? Set.of() : silent);
    for (String dir : List.of(soundsDir, playbackDir, voicemailSpool)) {
      if (!DIR.matcher(dir).matches() || dir.contains("..")) {
        throw new IllegalArgumentException("not a usable sounds directory: " + dir);
      }
    }
    soundsDir = strip(soundsDir);
    playbackDir = strip(playbackDir);
    voicemailSpool = strip(voicemailSpool);
  }

  /** Nothing is spoken: a staff.yaml without {@code speech:}. */
  public static SpeechSettings off(String organisationId) {
    return new SpeechSettings(organisationId, false, DEFAULT_DIR, DEFAULT_DIR, List.of(),
        DEFAULT_TIMEOUT, false, DEFAULT_SPOOL, Set.of());
  }

  /** Whether the caller hears an announcement before a call to this person goes on. */
  public boolean announces(Person person) {
    return announce && !silent.contains(person.id());
  }

  /**
   * Whether apply speaks a temporary greeting into this person's mailbox while they are away
   * and have recorded none (docs/speech.md, "The temporary greeting"): the organisation's
   * option, for someone whose absences are announced and who has a mailbox (an extension).
   */
  public boolean speaksTemporaryGreeting(Person person) {
    return temporaryGreeting && announces(person) && person.hasExtension();
  }

  /**
   * Where this organisation's files are written: its own subdirectory, so that removing the
   * files it no longer uses can never touch another organisation's on a shared platform.
   */
  public String writeDir() {
    return soundsDir + "/" + organisationId;
  }

  /** What the dialplan plays for a sound {@code name} (no extension): Asterisk's path. */
  public String playback(String name) {
    return playbackDir + "/" + organisationId + "/" + name;
  }

  private static String strip(String dir) {
    String d = dir;
    while (d.length() > 1 && d.endsWith("/")) {
      d = d.substring(0, d.length() - 1);
    }
    return d;
  }
}
