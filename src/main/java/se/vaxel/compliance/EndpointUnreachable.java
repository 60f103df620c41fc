package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.model.Person;

/**
 * A present person's phone can ring. Someone away is not judged: their calls go elsewhere, and
 * a phone switched off for the holidays is no fault. No finding where the endpoints could not be
 * listed (not PJSIP, or not permitted). An extension whose endpoint does not exist at all is
 * reported: its phone cannot ring either.
 */
final class EndpointUnreachable extends PersonRule {

  @Override
  public String id() {
    return "ENDPOINT-UNREACHABLE";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "a present person's device has no reachable contact";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    boolean unreachable = input.snapshot().endpoints()
        .map(endpoints -> Boolean.FALSE.equals(endpoints.get(person.extension())))
        .orElse(false);
    if (!unreachable || awayNow(input, person).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("device " + input.staff().asterisk().deviceFor(person.extension())
        + " has no reachable contact: calls go straight to voicemail");
  }
}
