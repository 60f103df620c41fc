package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.model.Person;

/** The mailbox's full name is what the voicemail menu and e-mail notifications show. */
final class VmName extends PersonRule {

  @Override
  public String id() {
    return "VM-NAME";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "a mailbox's full name differs from staff.yaml";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    return mailbox(input, person)
        .filter(box -> !box.fullName().equals(person.fullName()))
        .map(box -> "mailbox " + box.mailbox() + " has "
            + Phrases.has("full name", box.fullName())
            + ", staff.yaml has " + Phrases.quoted(person.fullName()));
  }
}
