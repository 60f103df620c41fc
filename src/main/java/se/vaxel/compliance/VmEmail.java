package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.model.Person;

/** The mailbox's e-mail is where app_voicemail sends its message notifications. */
final class VmEmail extends PersonRule {

  @Override
  public String id() {
    return "VM-EMAIL";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "a mailbox's e-mail address differs from staff.yaml";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    String expected = person.email() == null ? "" : person.email();
    return mailbox(input, person)
        .filter(box -> !box.email().equals(expected))
        .map(box -> "mailbox " + box.mailbox() + " has " + Phrases.has("e-mail", box.email())
            + ", staff.yaml has " + Phrases.quoted(expected));
  }
}
