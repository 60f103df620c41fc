package se.vaxel.compliance;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.Snapshot;
import se.vaxel.model.Staff;

/**
 * Everything a rule may look at.
 *
 * @param generated the dialplan the current staff.yaml generates
 * @param calendar each person's calendar absence (now or next) by staff id, when
 *     {@code check --calendar} read the calendars; empty otherwise
 */
public record CheckInput(
    Staff staff, Snapshot snapshot, Instant now, WorkingDays workingDays,
    GeneratedDialplan generated,
    Optional<Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>> calendar) {

  /** Without calendars: the check as it runs unless {@code --calendar} is given. */
  public CheckInput(Staff staff, Snapshot snapshot, Instant now, WorkingDays workingDays,
      GeneratedDialplan generated) {
    this(staff, snapshot, now, workingDays, generated, Optional.empty());
  }

  public CheckInput {
    Objects.requireNonNull(staff, "staff");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(workingDays, "workingDays");
    Objects.requireNonNull(generated, "generated");
    calendar = calendar == null ? Optional.empty() : calendar.map(Map::copyOf);
  }
}
