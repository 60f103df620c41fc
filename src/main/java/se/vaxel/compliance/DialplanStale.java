package se.vaxel.compliance;

import java.util.List;
import java.util.stream.Collectors;
import se.vaxel.live.DialplanComparison;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.model.DialplanContexts;

/**
 * The dialplan Asterisk has loaded is what the current staff.yaml generates, priority by
 * priority in every context vaxel owns ({@link DialplanComparison}): a stale or hand-edited
 * dialplan, an older definition of one of our contexts loaded ahead of ours, or an include that
 * reaches dialplan vaxel did not write. The fingerprint only makes the message quicker to read;
 * the comparison is the proof. One finding for the PBX, naming the first differences.
 */
final class DialplanStale implements Rule {

  @Override
  public String id() {
    return "DIALPLAN-STALE";
  }

  @Override
  public Severity severity() {
    return Severity.ERROR;
  }

  @Override
  public String description() {
    return "the loaded dialplan is not what the current staff.yaml generates (compared priority "
        + "by priority)";
  }

  @Override
  public List<Finding> check(CheckInput input) {
    GeneratedDialplan generated = input.generated();
    DialplanComparison.Result result =
        DialplanComparison.compare(DialplanContexts.of(input.staff().asterisk()), generated,
            input.snapshot().dialplan());
    if (result.same()) {
      return List.of();
    }
    String loaded = input.snapshot().fingerprint();
    String fingerprints = loaded.equals(generated.fingerprint()) ? ""
        : " (loaded " + (loaded.isEmpty() ? "no fingerprint" : loaded) + ", staff.yaml generates "
            + generated.fingerprint() + ")";
    int more = result.count() - result.differences().size();
    return List.of(new Finding(id(), severity(), null, null,
        "the loaded dialplan differs from what staff.yaml generates in " + result.count()
            + (result.count() == 1 ? " place" : " places") + fingerprints + ": "
            + result.differences().stream().map(DialplanComparison.Difference::describe)
                .collect(Collectors.joining("; "))
            + (more > 0 ? "; and " + more + " more" : "") + ". Run vaxel apply, and remove any "
            + "older copy of these contexts from the PBX's own dialplan"));
  }
}
