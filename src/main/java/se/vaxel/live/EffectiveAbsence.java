package se.vaxel.live;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/**
 * Whether someone is away at a moment and who takes their calls, by the same precedence the
 * generated dialplan uses: an active live override first, else staff.yaml.
 *
 * @param live whether the switchboard's live override decided it (else staff.yaml)
 * @param target the extension that takes the calls, or {@link CallRouting#SWITCHBOARD}
 * @param targetId the staff id behind {@code target}, or null
 */
public record EffectiveAbsence(
    Person person, boolean live, Instant until, String target, String targetId, Reason reason) {

  /** Empty when the person is present at {@code now}. */
  public static Optional<EffectiveAbsence> at(
      Staff staff, Map<String, LiveOverride> overrides, Person person, Instant now) {
    LiveOverride o = person.hasExtension() ? overrides.get(person.extension()) : null;
    if (o != null && o.isActiveAt(now)) {
      return o.away()
          ? Optional.of(new EffectiveAbsence(person, true, o.until(), o.target(),
              staff.byExtension(o.target()).map(Person::id).orElse(null), o.reason()))
          : Optional.empty();
    }
    ZoneId zone = staff.organisation().timezone();
    LocalDateTime local = LocalDateTime.ofInstant(now, zone);
    return person.absenceAt(local).flatMap(a -> CallRouting.plannedAt(staff, person, local)
        .map(t -> new EffectiveAbsence(person, false, a.end().atZone(zone).toInstant(),
            t.extension(), t.id(), a.reason())));
  }
}
