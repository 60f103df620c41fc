package se.vaxel.compliance;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import se.vaxel.model.Person;

/**
 * E1, which the policy sets for e-mail and is as reasonable for voicemail: a message is dealt
 * with within three working days. Days are counted in the organisation's time zone, so a
 * message left late in the evening counts from that local day; Swedish public holidays and the
 * three eves do not count. Judged whether or not the person is away: someone must still see to
 * the messages. No finding where the probe did not run.
 */
final class VoicemailUnanswered extends PersonRule {

  /** E1: "inom tre arbetsdagar". */
  static final int WORKING_DAYS = 3;

  @Override
  public String id() {
    return "VOICEMAIL-UNANSWERED";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "unheard messages are older than three working days (E1)";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    ZoneId zone = input.staff().organisation().timezone();
    LocalDate today = LocalDate.ofInstant(input.now(), zone);
    return probe(input, person)
        .flatMap(greeting -> greeting.oldestUnheard())
        .map(left -> LocalDate.ofInstant(left, zone))
        .flatMap(left -> {
          int days = input.workingDays().workingDaysBetween(left, today);
          return days > WORKING_DAYS
              ? Optional.of("the oldest unheard message in mailbox " + person.extension()
                  + " was left on " + left + ", " + days + " working days ago (E1: answer "
                  + "within " + WORKING_DAYS + ")")
              : Optional.empty();
        });
  }
}
