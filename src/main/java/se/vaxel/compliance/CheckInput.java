package se.vaxel.compliance;

import java.time.Instant;
import java.util.Objects;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.Snapshot;
import se.vaxel.model.Staff;

/**
 * Everything a rule may look at.
 *
 * @param generated the dialplan the current staff.yaml generates
 */
public record CheckInput(
    Staff staff, Snapshot snapshot, Instant now, WorkingDays workingDays,
    GeneratedDialplan generated) {

  public CheckInput {
    Objects.requireNonNull(staff, "staff");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(workingDays, "workingDays");
    Objects.requireNonNull(generated, "generated");
  }
}
