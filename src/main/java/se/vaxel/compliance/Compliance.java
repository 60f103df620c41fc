package se.vaxel.compliance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import se.vaxel.model.Person;

/**
 * Runs every rule over one snapshot. Findings come in report order, which reads per person:
 * first those about the PBX as a whole (they often explain the rest: a stale dialplan routes
 * nobody's absence), then each person in staff.yaml's order, then orphans by extension; within
 * each, by rule in {@link #rules()} order.
 */
public final class Compliance {

  private static final List<Rule> RULES = List.of(
      new VmMissing(),
      new VmName(),
      new VmEmail(),
      new VmOrphan(),
      new GreetingMissing(),
      new AbsenceNotRouted(),
      new AbsenceAlternateUnavailable(),
      new AbsenceNoTempGreeting(),
      new AnnouncementMissing(),
      new DialplanStale(),
      new EndpointUnreachable(),
      new RingTimeout(),
      new MailboxFull(),
      new VoicemailUnanswered(),
      new CalendarNotSynced());

  /** Every rule, in the README's order; rules keep no state, so the instances are shared. */
  public static List<Rule> rules() {
    return RULES;
  }

  public CheckResult run(CheckInput input) {
    List<Finding> findings = new ArrayList<>();
    for (Rule rule : RULES) {
      findings.addAll(rule.check(input));
    }
    findings.sort(reportOrder(input.staff().people()));
    return new CheckResult(input.now(), input.snapshot().pbx(), input.staff().people().size(),
        RULES, findings, input.snapshot().incomplete());
  }

  private static Comparator<Finding> reportOrder(List<Person> people) {
    Map<String, Integer> personIndex = new HashMap<>();
    for (int i = 0; i < people.size(); i++) {
      personIndex.put(people.get(i).id(), i);
    }
    Map<String, Integer> ruleIndex = new HashMap<>();
    for (int i = 0; i < RULES.size(); i++) {
      ruleIndex.put(RULES.get(i).id(), i);
    }
    return Comparator.<Finding>comparingInt(f -> group(f))
        .thenComparingInt(f -> f.staffId() == null ? 0 : personIndex.getOrDefault(f.staffId(), 0))
        .thenComparing(f -> f.extension() == null ? "" : f.extension())
        .thenComparingInt(f -> ruleIndex.getOrDefault(f.rule(), RULES.size()))
        .thenComparing(Finding::message);
  }

  /** 0 the PBX as a whole, 1 a person in staff.yaml, 2 an orphan (an extension, nobody's). */
  private static int group(Finding f) {
    if (f.staffId() != null) {
      return 1;
    }
    return f.extension() == null ? 0 : 2;
  }
}
