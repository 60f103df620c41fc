package se.vaxel.compliance;

import java.util.Optional;
import se.vaxel.model.Person;

/** A full INBOX refuses new messages: the caller hears that the mailbox is full. */
final class MailboxFull extends PersonRule {

  @Override
  public String id() {
    return "MAILBOX-FULL";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "a mailbox is full and cannot take another message";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    return mailbox(input, person)
        .filter(box -> box.maxMessages() > 0 && box.newMessages() >= box.maxMessages())
        .map(box -> "mailbox " + box.mailbox() + " is full (" + box.newMessages() + " of "
            + box.maxMessages() + " messages): callers cannot leave a message");
  }
}
