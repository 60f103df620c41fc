package se.vaxel.live;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Coverage;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;

/**
 * Whether someone is away at a moment and who takes their calls, as {@link Coverage#at}
 * decides it from the live overrides and staff.yaml: this record only carries it to check,
 * {@code absence list} and the console's presence.
 *
 * @param live whether the switchboard's live override decided it (else staff.yaml)
 * @param target the extension that takes the calls, or {@link CallRouting#SWITCHBOARD} (also
 *     when the named contact has no extension or is away too)
 * @param targetId the staff id behind {@code target}, or null
 * @param cover who is named, and why the call goes where it goes
 */
public record EffectiveAbsence(Person person, boolean live, Instant until, String target,
    String targetId, Reason reason, Coverage.Cover cover) {

  /** Empty when the person is present at {@code now}. */
  public static Optional<EffectiveAbsence> at(se.vaxel.model.Staff staff,
      Map<String, LiveOverride> overrides, Person person, Instant now) {
    return Coverage.at(staff, overrides, person, now).map(a -> new EffectiveAbsence(person,
        a.live(), a.until(), a.cover().target(), a.cover().targetId(), a.reason(), a.cover()));
  }
}
