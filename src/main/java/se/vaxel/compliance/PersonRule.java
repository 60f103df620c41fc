package se.vaxel.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.live.Snapshot;
import se.vaxel.model.Person;
import se.vaxel.live.EffectiveAbsence;

/**
 * A rule judged person by person for everyone in staff.yaml with an extension. The PBX knows a
 * person only by their extension: someone with a work mobile only has nothing on it to check.
 */
abstract class PersonRule implements Rule {

  @Override
  public final List<Finding> check(CheckInput input) {
    List<Finding> findings = new ArrayList<>();
    for (Person p : input.staff().people()) {
      if (p.hasExtension()) {
        judge(input, p).ifPresent(message ->
            findings.add(new Finding(id(), severity(), p.id(), p.extension(), message)));
      }
    }
    return findings;
  }

  /** What is wrong for this person, in one sentence, or empty when nothing is. */
  abstract Optional<String> judge(CheckInput input, Person person);

  /** Whether and how the person is away now, by the precedence the dialplan uses. */
  static Optional<EffectiveAbsence> awayNow(CheckInput input, Person person) {
    return EffectiveAbsence.at(
        input.staff(), input.snapshot().overrides(), person, input.now());
  }

  static Optional<VoicemailBox> mailbox(CheckInput input, Person person) {
    return Optional.ofNullable(input.snapshot().mailboxes().get(person.extension()));
  }

  /**
   * What the greeting probe found in the person's mailbox. Empty when there is no mailbox (that
   * is VM-MISSING, and a greeting nobody can reach is no second finding) or when the probe did
   * not run or did not reach the mailbox: the rule cannot judge, and the reader has already put
   * that in {@link Snapshot#incomplete()}, so the run is not reported as compliant.
   */
  static Optional<Snapshot.Greeting> probe(CheckInput input, Person person) {
    if (mailbox(input, person).isEmpty()) {
      return Optional.empty();
    }
    return input.snapshot().greetings()
        .flatMap(greetings -> Optional.ofNullable(greetings.get(person.extension())));
  }
}
