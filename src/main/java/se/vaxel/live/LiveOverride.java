package se.vaxel.live;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import se.vaxel.model.Absence;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Coverage;
import se.vaxel.model.MailOption;
import se.vaxel.model.Reason;

/**
 * The switchboard's live absence state for one extension, as kept in AstDB.
 *
 * <p>In the organisation's family ({@link se.vaxel.model.DialplanContexts#overrideFamily}, {@code
 * vaxel-absence} for a single organisation), key = extension, value {@code STATE|FROM|UNTIL|TARGET|REASON|
 * ALTERNATE-ID|PERSON-ID}: times in epoch seconds, STATE {@code away} or {@code present}
 * (present lets a person back in before a planned absence in staff.yaml ends), TARGET the
 * extension that takes the calls or {@code -} for the switchboard. The generated dialplan reads
 * the fields with CUT, so fields may only ever be added at the end. Four optional fields follow:
 * <ol start="8">
 *   <li>{@code ORIGIN}: what wrote it ({@link Origin}): empty for {@code vaxel absence},
 *       {@code phone} for the staff's feature codes (docs/phone-codes.md), {@code calendar} for
 *       the calendar sync, {@code web} for the console and the staff page; any other value
 *       reads as {@link Origin#OTHER}, a manual override;
 *   <li>{@code SET-BY}: who or what, within that origin: the web account, the calendar event's
 *       key; empty when the origin says enough;
 *   <li>{@code SOUND}: the announcement the caller hears first ({@code announce-<hex>}, a file
 *       name in the sounds directory without {@code .wav}), empty for none;
 *   <li>{@code SWITCHBOARD-SOUND}: the same sentence ending "... till växeln", played instead
 *       of SOUND when the call goes to the switchboard because TARGET is away too at call time
 *       (SOUND names the contact); {@code announce-<hex>}, empty for none (TARGET is the
 *       switchboard already, or no sound). Without it, such a call hears the phrase kit's
 *       sentence (docs/speech.md), never the contact's name.
 * </ol>
 * Trailing empty fields are not written, so an override of {@code vaxel absence set} without a
 * sound is the seven fields it always was, and older values read the same.
 *
 * <p>This record is the one description of the value: the generated dialplan writes it too,
 * from the same field order, and the tests hold the two to each other (codes IT, template test).
 *
 * @param alternateId staff id of the alternate, or null
 * @param reason null for a {@code present} override
 */
public record LiveOverride(
    String extension,
    boolean away,
    Instant from,
    Instant until,
    String target,
    Reason reason,
    String alternateId,
    String personId,
    Origin origin,
    String setBy,
    String sound,
    String switchboardSound) implements Coverage.Live {

  /** What wrote an override: the eighth field. The one list of its values. */
  public enum Origin {
    /** {@code vaxel absence set} / {@code clear}. */
    CLI(""),
    /** The staff's feature codes in the generated dialplan. */
    PHONE("phone"),
    /** {@code vaxel calendar sync}. */
    CALENDAR("calendar"),
    /** {@code vaxel serve}: the switchboard console or the staff page. */
    WEB("web"),
    /**
     * An eighth field vaxel does not know (a newer vaxel, a value written by hand). The dialplan
     * routes on such a value all the same, so vaxel reads it too rather than drop it, and treats
     * it as manual: the calendar sync leaves it alone until it ends. vaxel never writes it.
     */
    OTHER("other");

    private final String key;

    Origin(String key) {
      this.key = key;
    }

    /** The value in the eighth field. */
    public String key() {
      return key;
    }

    /** The origin a stored eighth field names; {@link #OTHER} for one vaxel does not know. */
    static Origin fromKey(String key) {
      for (Origin o : values()) {
        if (o.key.equals(key)) {
          return o;
        }
      }
      return OTHER;
    }
  }

  /** The ORIGIN field of an override set with a feature code from a phone. */
  public static final String BY_PHONE = "phone";

  /** Longest SET-BY that is stored; it is shown in the console and in {@code absence list}. */
  public static final int MAX_SET_BY = 100;

  private static final java.util.regex.Pattern SOUND =
      java.util.regex.Pattern.compile("(announce-[0-9a-f]{32})?");

  public LiveOverride {
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(personId, "personId");
    Objects.requireNonNull(origin, "origin");
    setBy = setBy == null ? "" : setBy;
    sound = sound == null ? "" : sound;
    switchboardSound = switchboardSound == null ? "" : switchboardSound;
    // SET-BY comes from people (a web account, a calendar event): it must not be able to add a
    // field or a line to the AstDB value, nor reach the dialplan as anything but text.
    if (setBy.length() > MAX_SET_BY || setBy.chars().anyMatch(c -> c == '|' || c < 0x20
        || c == 0x7f)) {
      throw new IllegalArgumentException("set-by must be at most " + MAX_SET_BY
          + " characters, without '|' or control characters");
    }
    // Both reach Playback in the dialplan: only a name of ours, never a path or a separator.
    if (!SOUND.matcher(sound).matches() || !SOUND.matcher(switchboardSound).matches()) {
      throw new IllegalArgumentException("sound must be announce-<32 hex digits> or empty");
    }
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("override ends before it starts");
    }
  }

  public static LiveOverride away(String extension, Instant from, Instant until, String target,
      Reason reason, String alternateId, String personId) {
    return new LiveOverride(extension, true, from, until,
        target == null ? CallRouting.SWITCHBOARD : target, reason, alternateId, personId,
        Origin.CLI, "", "", "");
  }

  public static LiveOverride present(String extension, Instant from, Instant until,
      String personId) {
    return new LiveOverride(extension, false, from, until, "", null, null, personId, Origin.CLI,
        "", "", "");
  }

  @Override
  public boolean isActiveAt(Instant now) {
    return !now.isBefore(from) && now.isBefore(until);
  }

  /**
   * This away override as an absence of the organisation's local time, for the texts and
   * sentences worded from one (the announcement of {@code absence set}, the spoken temporary
   * greeting): from and until as stored, the alternate as set, no weekly contacts.
   */
  public Absence asAbsence(ZoneId zone) {
    return new Absence(LocalDateTime.ofInstant(from, zone), LocalDateTime.ofInstant(until, zone),
        false, reason, alternateId, MailOption.FUNCTIONAL_MAILBOX, new TreeMap<>());
  }

  /** Whether the staff's feature codes wrote it ("set by phone"). */
  public boolean byPhone() {
    return origin == Origin.PHONE;
  }

  /** The same override, marked as set from a phone. */
  public LiveOverride setByPhone() {
    return by(Origin.PHONE, "");
  }

  /** The same override, written by {@code origin} on behalf of {@code setBy}. */
  public LiveOverride by(Origin origin, String setBy) {
    return new LiveOverride(extension, away, from, until, target, reason, alternateId, personId,
        origin, setBy, sound, switchboardSound);
  }

  /** The same override with the caller's announcement {@code sound} (empty for none). */
  public LiveOverride withSound(String sound) {
    return withSounds(sound, "");
  }

  /**
   * The same override with the caller's announcement {@code sound} and its switchboard variant
   * {@code switchboardSound}, played when TARGET is away too at call time (each empty for none).
   */
  public LiveOverride withSounds(String sound, String switchboardSound) {
    return new LiveOverride(extension, away, from, until, target, reason, alternateId, personId,
        origin, setBy, sound, switchboardSound);
  }

  public String encode() {
    String value = String.join("|", away ? "away" : "present",
        Long.toString(from.getEpochSecond()), Long.toString(until.getEpochSecond()),
        target, reason == null ? "" : reason.key(), alternateId == null ? "" : alternateId,
        personId, origin.key(), setBy, sound, switchboardSound);
    // Trailing empty optional fields are left off: the value vaxel absence set always wrote.
    while (value.endsWith("|") && value.chars().filter(c -> c == '|').count() > 6) {
      value = value.substring(0, value.length() - 1);
    }
    return value;
  }

  /** Every override vaxel wrote, by extension: one DBGetTree round trip. */
  public static java.util.Map<String, LiveOverride> readAll(se.vaxel.ami.AmiClient ami,
      String family) {
    java.util.Map<String, LiveOverride> out = new java.util.HashMap<>();
    ami.dbGetTree(family).forEach((ext, value) ->
        decode(ext, value).ifPresent(o -> out.put(ext, o)));
    return out;
  }

  /** Parses a stored value; empty for anything vaxel did not write (left alone, reported). */
  public static Optional<LiveOverride> decode(String extension, String value) {
    String[] f = value.split("\\|", -1);
    if (f.length < 7 || !(f[0].equals("away") || f[0].equals("present"))) {
      return Optional.empty();
    }
    try {
      Instant from = Instant.ofEpochSecond(Long.parseLong(f[1]));
      Instant until = Instant.ofEpochSecond(Long.parseLong(f[2]));
      Reason reason = f[4].isEmpty() ? null : Reason.fromKey(f[4]);
      Origin origin = Origin.fromKey(f.length > 7 ? f[7] : "");
      return Optional.of(new LiveOverride(extension, f[0].equals("away"), from, until,
          f[0].equals("away") ? f[3] : "", reason, f[5].isEmpty() ? null : f[5], f[6],
          origin, f.length > 8 ? f[8] : "", f.length > 9 ? f[9] : "",
          f.length > 10 ? f[10] : ""));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
