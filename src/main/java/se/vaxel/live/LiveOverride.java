package se.vaxel.live;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Coverage;
import se.vaxel.model.Reason;

/**
 * The switchboard's live absence state for one extension, as kept in AstDB.
 *
 * <p>In the organisation's family ({@link se.vaxel.model.DialplanContexts#overrideFamily}, {@code
 * vaxel-absence} for a single organisation), key = extension, value {@code STATE|FROM|UNTIL|TARGET|REASON|
 * ALTERNATE-ID|PERSON-ID}: times in epoch seconds, STATE {@code away} or {@code present}
 * (present lets a person back in before a planned absence in staff.yaml ends), TARGET the
 * extension that takes the calls or {@code -} for the switchboard. The generated dialplan reads
 * the first four fields with CUT, so fields may only ever be added at the end. An eighth field
 * {@code SOURCE}, {@value #BY_PHONE}, marks an override that the staff's feature codes wrote
 * (the generated dialplan's codes context, docs/phone-codes.md); vaxel itself writes seven
 * fields, so values written before the codes existed read the same.
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
    boolean byPhone) implements Coverage.Live {

  /** The SOURCE field of an override set with a feature code from a phone. */
  public static final String BY_PHONE = "phone";

  public LiveOverride {
    Objects.requireNonNull(extension, "extension");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(personId, "personId");
    if (!until.isAfter(from)) {
      throw new IllegalArgumentException("override ends before it starts");
    }
  }

  public static LiveOverride away(String extension, Instant from, Instant until, String target,
      Reason reason, String alternateId, String personId) {
    return new LiveOverride(extension, true, from, until,
        target == null ? CallRouting.SWITCHBOARD : target, reason, alternateId, personId, false);
  }

  public static LiveOverride present(String extension, Instant from, Instant until,
      String personId) {
    return new LiveOverride(extension, false, from, until, "", null, null, personId, false);
  }

  @Override
  public boolean isActiveAt(Instant now) {
    return !now.isBefore(from) && now.isBefore(until);
  }

  /** The same override, marked as set from a phone. */
  public LiveOverride setByPhone() {
    return new LiveOverride(extension, away, from, until, target, reason, alternateId, personId,
        true);
  }

  public String encode() {
    return String.join("|", away ? "away" : "present",
        Long.toString(from.getEpochSecond()), Long.toString(until.getEpochSecond()),
        target, reason == null ? "" : reason.key(), alternateId == null ? "" : alternateId,
        personId) + (byPhone ? "|" + BY_PHONE : "");
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
      return Optional.of(new LiveOverride(extension, f[0].equals("away"), from, until,
          f[0].equals("away") ? f[3] : "", reason, f[5].isEmpty() ? null : f[5], f[6],
          f.length > 7 && f[7].equals(BY_PHONE)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
