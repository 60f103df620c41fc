package se.vaxel.compliance;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Optional;
import se.vaxel.model.Absence;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.live.EffectiveAbsence;
import se.vaxel.live.LiveOverride;

/**
 * T3 "om möjligt ange alternativ person": the person named to take the calls can take them. The
 * named contact is the live override's alternate, else this week's weekly contact, else the
 * absence's alternate; nobody named is no finding, since the policy asks for one only where
 * possible. A weekly contact without an extension is reported although the dialplan then falls
 * back to the alternate: the switchboard and the auto-reply still name that contact.
 */
final class AbsenceAlternateUnavailable extends PersonRule {

  @Override
  public String id() {
    return "ABSENCE-ALTERNATE-UNAVAILABLE";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "the alternate of someone away now is away too or has no extension";
  }

  /** Who is named to take the calls, and how a message calls them. */
  private record Named(String role, String id) {}

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    Staff staff = input.staff();
    return awayNow(input, person)
        .flatMap(absence -> named(input, person, absence))
        .flatMap(named -> {
          Optional<Person> contact = staff.byId(named.id());
          if (contact.isEmpty()) {
            return Optional.of(named.role() + " " + named.id() + " is not in staff.yaml");
          }
          Person c = contact.get();
          if (!c.hasExtension()) {
            return Optional.of(named.role() + " " + Phrases.person(c) + " has no extension");
          }
          ZoneId zone = staff.organisation().timezone();
          return awayNow(input, c).map(away -> named.role() + " " + Phrases.person(c)
              + " is away too, " + Phrases.period(away, zone));
        });
  }

  private static Optional<Named> named(CheckInput input, Person person, EffectiveAbsence away) {
    if (away.live()) {
      LiveOverride o = input.snapshot().overrides().get(person.extension());
      return Optional.ofNullable(o.alternateId()).map(id -> new Named("alternate", id));
    }
    LocalDateTime local =
        LocalDateTime.ofInstant(input.now(), input.staff().organisation().timezone());
    Absence absence = person.absenceAt(local).orElseThrow();
    int week = local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
    String weekly = absence.weeklyContacts().get(week);
    if (weekly != null) {
      return Optional.of(new Named("contact for week " + week, weekly));
    }
    return Optional.ofNullable(absence.alternate()).map(id -> new Named("alternate", id));
  }
}
