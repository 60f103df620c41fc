package se.vaxel.pbx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import se.vaxel.model.SpeechSettings;
import se.vaxel.model.Staff;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.SpeechException;

/**
 * "The announcer of this organisation": the one factory that {@code vaxel absence set}, {@code
 * vaxel serve} and {@code vaxel calendar sync} take their {@link AbsenceService.Announcer} from,
 * so the three cannot drift. The core stays {@link AnnouncementSounds#announcer(Staff)}; this
 * decides only whether it is used on this host (docs/speech.md, "Where absences are set").
 */
public final class Announcers {
  /** The announcer of no sound: speech is off, or the files cannot be written here. */
  public static final AbsenceService.Announcer NONE = AbsenceService.SILENT;

  /**
   * What an organisation gets.
   *
   * @param announcer makes the sound of each absence set; {@link #NONE} when there is none
   * @param warning why there is none although the organisation has announcements (the sounds
   *     directory is not on this host or not writable), and what to do; empty otherwise
   */
  public record Choice(AbsenceService.Announcer announcer, Optional<String> warning) {}

  private final AnnouncementSounds sounds;

  /** Over the organisation's templates ({@code --templates}), as apply's announcements. */
  public Announcers(AbsenceAnnouncements announcements) {
    this.sounds = new AnnouncementSounds(announcements);
  }

  /**
   * The organisation's announcer: none without announcements ({@code speech:} absent or
   * {@code announcement: false}); none, with a warning, when the organisation's sounds
   * directory cannot be written on this host (the overrides are then written without SOUND,
   * and the route speaks the phrase kit's sentence for them, {@code heard} and PhraseKit's
   * HEARD_*); else the one that makes the files.
   */
  public Choice of(Staff staff) {
    SpeechSettings speech = staff.speech();
    if (!speech.announce()) {
      return new Choice(NONE, Optional.empty());
    }
    Optional<String> unwritable = unwritable(speech);
    if (unwritable.isPresent()) {
      return new Choice(NONE, Optional.of("organisation " + staff.organisation().id() + ": "
          + unwritable.get() + ", so absences set here are written without a spoken "
          + "announcement of their own. Run on the PBX host as a user "
          + "of the sounds directory's group (the Debian package: group vaxel, "
          + "docs/install.md), or leave it so on purpose."));
    }
    return new Choice(sounds.announcer(staff), Optional.empty());
  }

  /**
   * Why the organisation's directory ({@code <sounds-dir>/<organisation>}) cannot be written
   * here, or empty when it can: it exists and is writable, or it is missing and the sounds
   * directory exists and is writable (it is made with that directory's mode). A missing sounds
   * directory is another host's: vaxel does not make {@code /var/lib/asterisk/...} where no
   * Asterisk reads it.
   */
  /**
   * Whether the sounds directory is on this host, writable or not: a warning then is a
   * permission to fix, not another host's directory.
   */
  public static boolean onThisHost(SpeechSettings speech) {
    Path sounds = Path.of(speech.writeDir()).getParent();
    return sounds != null && Files.isDirectory(sounds);
  }

  static Optional<String> unwritable(SpeechSettings speech) {
    Path dir = Path.of(speech.writeDir());
    Path sounds = dir.getParent();
    if (Files.isDirectory(dir)) {
      return Files.isWritable(dir) ? Optional.empty()
          : Optional.of("the sounds directory " + dir + " is not writable by this user");
    }
    if (sounds == null || !Files.isDirectory(sounds)) {
      return Optional.of("the sounds directory " + sounds + " (speech.sounds-dir) is not on "
          + "this host");
    }
    return Files.isWritable(sounds) ? Optional.empty()
        : Optional.of("the sounds directory " + sounds + " is not writable by this user");
  }

  /**
   * The same announcer, except that a failure to speak gives no sound rather than an
   * exception: the absence is still written (without SOUND) and {@code failed} is told why.
   * For the console and the calendar sync, where losing the absence is worse than losing its
   * announcement; {@code vaxel absence set} stops instead (exit 3) and its operator sees why.
   */
  public static AbsenceService.Announcer orSilent(AbsenceService.Announcer announcer,
      Consumer<SpeechException> failed) {
    return (person, override, cover) -> {
      try {
        return announcer.soundsFor(person, override, cover);
      } catch (SpeechException e) {
        failed.accept(e);
        return AbsenceService.Sounds.NONE;
      }
    };
  }
}
