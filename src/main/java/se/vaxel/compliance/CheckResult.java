package se.vaxel.compliance;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one check run.
 *
 * @param people how many people of staff.yaml were checked
 * @param incomplete what could not be checked; non-empty means the run is never "compliant"
 * @param rules the rules that ran, in report order
 */
public record CheckResult(
    Instant checkedAt,
    String pbx,
    int people,
    List<Rule> rules,
    List<Finding> findings,
    List<String> incomplete) {

  public CheckResult {
    rules = List.copyOf(rules);
    findings = List.copyOf(findings);
    incomplete = List.copyOf(incomplete);
  }

  public long errors() {
    return findings.stream().filter(f -> f.severity() == Severity.ERROR).count();
  }

  public long warnings() {
    return findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
  }

  public boolean compliant() {
    return findings.isEmpty() && incomplete.isEmpty();
  }
}
