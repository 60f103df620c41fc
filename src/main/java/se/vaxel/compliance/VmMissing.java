package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.model.Person;

/** T2: everyone with an extension has a voicemail box. */
final class VmMissing extends PersonRule {

  @Override
  public String id() {
    return "VM-MISSING";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "a person with an extension has no mailbox in the voicemail context";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    if (mailbox(input, person).isPresent()) {
      return Optional.empty();
    }
    return Optional.of("no mailbox " + person.extension() + "@"
        + input.staff().asterisk().voicemailContext() + ": callers cannot leave a message");
  }
}
