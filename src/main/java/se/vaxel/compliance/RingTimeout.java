package se.vaxel.compliance;

import java.util.List;
import se.vaxel.live.LoadedRouting;

/**
 * Callers wait no longer than staff.yaml's ring timeout before voicemail or re-routing. One
 * finding for the PBX, naming the longest Dial timeout in the loaded route context.
 */
final class RingTimeout implements Rule {

  @Override
  public String id() {
    return "RING-TIMEOUT";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "callers ring longer than the policy's ring timeout before voicemail or re-routing";
  }

  @Override
  public List<Finding> check(CheckInput input) {
    int policy = input.staff().asterisk().ringTimeout();
    return input.snapshot().routing().ringTimeouts().stream()
        .max(Integer::compare)
        .filter(longest -> longest > policy)
        .map(longest -> List.of(new Finding(id(), severity(), null, null,
            "the loaded dialplan rings " + duration(longest)
                + " before voicemail or re-routing; the policy's ring timeout is " + policy
                + " s")))
        .orElse(List.of());
  }

  private static String duration(int seconds) {
    return seconds == LoadedRouting.UNBOUNDED_RING_TIMEOUT
        ? "without a time limit" : "for up to " + seconds + " s";
  }
}
