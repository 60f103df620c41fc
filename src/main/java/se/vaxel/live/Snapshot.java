package se.vaxel.live;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.live.LiveOverride;

/**
 * What the live PBX has, read over AMI in a fixed number of round trips, for the compliance
 * rules to judge. Nothing here knows staff.yaml.
 *
 * @param pbx the AMI address, for reports
 * @param mailboxes the mailboxes of our voicemail context, by mailbox number
 * @param fingerprint what the loaded dialplan's fingerprint extension returns; "" when our
 *     dialplan is not loaded
 * @param dialplan every context vaxel owns as ShowDialPlan listed it (an empty list: not
 *     loaded; the parts of the staff and planned contexts as loaded), for {@link
 *     DialplanComparison}
 * @param dialplanExtensions the (non-pattern) extensions a call into our staff context reaches,
 *     through its parts
 * @param routing the absence routing as the loaded dialplan would decide it
 * @param overrides the switchboard's live absences in AstDB
 * @param greetings what the greeting probe found per mailbox; empty when it could not run
 * @param announcements which announcement files the probe found; empty when it could not run
 *     or did not look (an organisation without announcements, or a probe from before them)
 * @param endpoints whether each extension's device has a reachable contact; empty when the
 *     devices are not PJSIP or the AMI user may not list them
 * @param incomplete what could not be read, in words; a check with anything here is never
 *     reported as compliant
 */
public record Snapshot(
    Instant takenAt,
    String pbx,
    Map<String, VoicemailBox> mailboxes,
    String fingerprint,
    Map<String, List<DialplanEntry>> dialplan,
    Set<String> dialplanExtensions,
    LoadedRouting routing,
    Map<String, LiveOverride> overrides,
    Optional<Map<String, Greeting>> greetings,
    Optional<Announcements> announcements,
    Optional<Map<String, Boolean>> endpoints,
    List<String> incomplete) {

  public Snapshot {
    Objects.requireNonNull(takenAt, "takenAt");
    Objects.requireNonNull(pbx, "pbx");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(routing, "routing");
    mailboxes = Map.copyOf(mailboxes);
    dialplan = Map.copyOf(dialplan);
    dialplanExtensions = Set.copyOf(dialplanExtensions);
    overrides = Map.copyOf(overrides);
    Objects.requireNonNull(announcements, "announcements");
    incomplete = List.copyOf(incomplete);
  }

  /**
   * One mailbox's recordings, as the probe that runs inside Asterisk saw its spool directory.
   *
   * @param unavailable an unavailable greeting is recorded (T2), in any format
   * @param temporary a temporary (absence) greeting is there: recorded, or spoken by vaxel
   *     apply ({@code speech.temporary-greeting}); the probe cannot tell them apart
   * @param oldestUnheard when the oldest message in INBOX was left, if there is one
   */
  public record Greeting(boolean unavailable, boolean temporary, Optional<Instant> oldestUnheard) {}

  /**
   * The announcement files as the probe, inside Asterisk, found them (model.ProbeFormat).
   *
   * @param files each file staff.yaml's windows name (its name, no extension): whether it exists
   * @param overrides by extension, whether the file the live override names exists, for each
   *     override that named one when the probe ran
   * @param variants the same for the override's switchboard variant (SWITCHBOARD-SOUND)
   */
  public record Announcements(Map<String, Boolean> files, Map<String, Boolean> overrides,
      Map<String, Boolean> variants) {
    public Announcements {
      files = Map.copyOf(files);
      overrides = Map.copyOf(overrides);
      variants = Map.copyOf(variants);
    }

    public Announcements(Map<String, Boolean> files, Map<String, Boolean> overrides) {
      this(files, overrides, Map.of());
    }
  }
}
