package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Coverage;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/**
 * T3 "om möjligt ange alternativ person": the person named to take the calls can take them.
 * Who is named, and whether the call rings them, is {@link Coverage}'s decision; this rule
 * reports the covers where the switchboard takes the calls although someone is named (no
 * extension, away too), and a live override naming someone who is no longer in staff.yaml.
 * Nobody named is no finding, since the policy asks for one only where possible.
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

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    Staff staff = input.staff();
    return awayNow(input, person).flatMap(away -> {
      Coverage.Cover cover = away.cover();
      if (away.live() && cover.contact() == null) {
        LiveOverride o = input.snapshot().overrides().get(person.extension());
        return Optional.ofNullable(o.alternateId())
            .filter(id -> staff.byId(id).isEmpty())
            .map(id -> "alternate " + id + " is not in staff.yaml");
      }
      String named = switch (cover.source()) {
        case WEEKLY_CONTACT -> "contact for week " + cover.week() + " ";
        case LIVE, ALTERNATE -> "alternate ";
        case NONE -> "";
      };
      return switch (cover.why()) {
        case CONTACT, NONE_NAMED -> Optional.empty();
        case NO_EXTENSION -> Optional.of(named + Phrases.person(cover.contact())
            + " has no extension, so the switchboard takes the calls and refers callers to them");
        case CONTACT_AWAY -> awayNow(input, cover.contact()).map(too -> named
            + Phrases.person(cover.contact()) + " is away too, "
            + Phrases.period(too, staff.organisation().timezone()));
      };
    });
  }

}
