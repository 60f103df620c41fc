package se.vaxel.compliance;

import java.util.List;

/**
 * The configuration Asterisk has loaded is what the current staff.yaml generates. `generate`
 * embeds one fingerprint in both the dialplan and the mailboxes, so comparing the dialplan's
 * tells a stale or hand-edited configuration from the current one.
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
    return "the loaded dialplan is not what the current staff.yaml generates (fingerprint)";
  }

  @Override
  public List<Finding> check(CheckInput input) {
    String loaded = input.snapshot().fingerprint();
    String expected = input.expectedFingerprint();
    if (loaded.equals(expected)) {
      return List.of();
    }
    return List.of(new Finding(id(), severity(), null, null,
        (loaded.isEmpty() ? "not loaded" : "loaded " + loaded) + ", staff.yaml generates "
            + expected + ": run vaxel apply"));
  }
}
