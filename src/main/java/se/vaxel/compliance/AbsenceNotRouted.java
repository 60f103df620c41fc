package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.live.LoadedRouting;
import se.vaxel.live.Snapshot;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/**
 * T3: while someone is away, the dialplan the PBX has loaded (not the one staff.yaml would
 * generate) sends their calls to the alternate or the switchboard. A live absence takes effect
 * only if the loaded dialplan reads the overrides; a planned one only if the loaded planned
 * windows name the same first target that staff.yaml does now. Whether that target is away too
 * is decided at call time and is ABSENCE-ALTERNATE-UNAVAILABLE's concern.
 */
final class AbsenceNotRouted extends PersonRule {

  @Override
  public String id() {
    return "ABSENCE-NOT-ROUTED";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "calls for someone away now do not go to the alternate or the switchboard (T3)";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    return awayNow(input, person).flatMap(absence -> {
      Snapshot snapshot = input.snapshot();
      LoadedRouting routing = snapshot.routing();
      Optional<String> loaded = routing.plannedTarget(person.extension(), input.now());
      // The planned window names the contact also when they are away too: the dialplan asks
      // that at call time, after the window.
      String expected = absence.live() ? absence.target() : absence.cover().plannedTarget();
      boolean routed = absence.live()
          ? routing.overridesHonoured()
          : loaded.filter(expected::equals).isPresent();
      if (routed) {
        return Optional.empty();
      }
      Staff staff = input.staff();
      String instead;
      if (snapshot.fingerprint().isEmpty()) {
        instead = "no vaxel dialplan is loaded";
      } else {
        instead = "the loaded dialplan " + (absence.live() ? "ignores live overrides and " : "")
            + loaded.map(t -> "routes them to " + Phrases.target(staff, t))
                .orElse("rings " + person.extension() + " as if they were present");
      }
      return Optional.of(Phrases.away(absence, staff.organisation().timezone())
          + ": calls should go to " + Phrases.target(staff, expected) + ", but " + instead);
    });
  }
}
