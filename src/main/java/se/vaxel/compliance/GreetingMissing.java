package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.model.Person;

/**
 * T2: the person has recorded their unavailable greeting. Judged from the greeting probe only;
 * where the probe did not run or did not reach the mailbox there is no finding, since the
 * snapshot already records the gap as incomplete.
 */
final class GreetingMissing extends PersonRule {

  @Override
  public String id() {
    return "GREETING-MISSING";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "no unavailable greeting recorded: callers hear Asterisk's default, not the T2 greeting";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    return probe(input, person)
        .filter(greeting -> !greeting.unavailable())
        .map(greeting -> "no unavailable greeting recorded in mailbox " + person.extension()
            + ": callers hear Asterisk's default instead of the T2 greeting");
  }
}
