package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LoadedRouting;

class RingTimeoutTest {
  private final Rule rule = new RingTimeout();

  @Test
  void longerDialsAreOneFindingNamingTheLongest() {
    Fixture f = Fixture.compliant();
    f.ringTimeouts.addAll(List.of(30, 45, 25));

    assertEquals(List.of(new Finding("RING-TIMEOUT", Severity.WARNING, null, null,
        "the loaded dialplan rings for up to 45 s before voicemail or re-routing; the policy's "
            + "ring timeout is 20 s")), f.check(rule));
  }

  @Test
  void dialWithoutATimeoutRingsWithoutLimit() {
    Fixture f = Fixture.compliant();
    f.ringTimeouts.add(LoadedRouting.UNBOUNDED_RING_TIMEOUT);

    assertEquals(List.of("the loaded dialplan rings without a time limit before voicemail or "
        + "re-routing; the policy's ring timeout is 20 s"),
        f.check(rule).stream().map(Finding::message).toList());
  }

  @Test
  void dialsWithinThePolicysTimeoutAreCompliant() {
    Fixture f = Fixture.compliant();
    f.ringTimeouts.add(15);

    assertEquals(List.of(), f.check(rule));
  }

  @Test
  void noLoadedDialIsNoFinding() {
    Fixture f = Fixture.compliant();
    f.ringTimeouts.clear();

    assertEquals(List.of(), f.check(rule));
  }
}
