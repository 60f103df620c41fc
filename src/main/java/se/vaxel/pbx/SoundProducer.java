package se.vaxel.pbx;

import java.time.Instant;
import java.util.Collection;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Staff;

/**
 * Sounds a deployment needs: the one place where apply makes and removes sound files
 * (docs/speech.md, "Apply"). {@link Deployment} calls every producer with {@link #ensure} for
 * each organisation BEFORE it writes and reloads the dialplan that plays them (so the dialplan
 * never names a file that is not there yet), and with {@link #retain} only after a reload that
 * loaded and verified (so a file the previous dialplan still plays is never removed under it).
 * The absences' announcements are one producer ({@link AnnouncementSounds}), the phone codes'
 * phrases another ({@link PhraseSounds}); a file no dialplan plays may be made in {@link #retain}
 * instead, after the reload ({@link TemporaryGreetings}: a mailbox's temporary greeting, which
 * app_voicemail finds by itself). Each is registered in cli.PbxCommands.
 */
public interface SoundProducer {

  /**
   * Makes every file this organisation's new configuration plays at or after {@code now} that
   * is missing; never re-makes one that exists.
   *
   * @throws se.vaxel.speech.SpeechException when a file cannot be made: apply stops, exit 3,
   *     before it changes the PBX
   */
  void ensure(Staff staff, Instant now);

  /**
   * Removes this producer's files of this organisation that nothing plays any more: not the
   * new configuration, not a live override ({@code live}, as read from AstDB after the reload).
   * Never touches another organisation's files or anything it did not make.
   *
   * @return how many were removed
   */
  int retain(Staff staff, Collection<LiveOverride> live, Instant now);

  /** Whether {@link #retain} needs the live overrides read (an AMI round trip per organisation). */
  default boolean needsLive(Staff staff) {
    return true;
  }
}
