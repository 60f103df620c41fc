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
 * @param announcements what names each absence window's announcement file, over the templates
 *     the dialplan was generated with (ANNOUNCEMENT-MISSING looks the current one up)
 */
public record CheckInput(
    Staff staff, Snapshot snapshot, Instant now, WorkingDays workingDays,
    GeneratedDialplan generated,
    Optional<Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>> calendar,
    se.vaxel.speech.AbsenceAnnouncements announcements) {

  /** Without calendars: the check as it runs unless {@code --calendar} is given. */
  public CheckInput(Staff staff, Snapshot snapshot, Instant now, WorkingDays workingDays,
      GeneratedDialplan generated) {
    this(staff, snapshot, now, workingDays, generated, Optional.empty());
  }

  /** With the shipped templates' announcements. */
  public CheckInput(Staff staff, Snapshot snapshot, Instant now, WorkingDays workingDays,
      GeneratedDialplan generated,
      Optional<Map<String, se.vaxel.calendar.sync.CalendarEvents.Absence>> calendar) {
    this(staff, snapshot, now, workingDays, generated, calendar,
        new se.vaxel.speech.AbsenceAnnouncements(
            new se.vaxel.render.Templates(Optional.empty()), workingDays));
  }

  public CheckInput {
    Objects.requireNonNull(staff, "staff");
    Objects.requireNonNull(snapshot, "snapshot");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(workingDays, "workingDays");
    Objects.requireNonNull(generated, "generated");
    Objects.requireNonNull(announcements, "announcements");
    calendar = calendar == null ? Optional.empty() : calendar.map(Map::copyOf);
  }
}
