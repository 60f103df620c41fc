package se.vaxel.compliance;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import se.vaxel.calendar.sync.CalendarEvents;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Person;

/**
 * T4: an absence in someone's calendar that the PBX does not know: the calendar sync is not
 * running, or failed for them. Judged only when {@code check --calendar} read the calendars
 * ({@link CheckInput#calendar}); a manual live absence wins over the calendar, as in the sync.
 */
final class CalendarNotSynced extends PersonRule {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  @Override
  public String id() {
    return "CALENDAR-NOT-SYNCED";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "an absence in the calendar now that the PBX does not know (calendar sync, T4)";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    if (input.calendar().isEmpty()) {
      return Optional.empty();
    }
    CalendarEvents.Absence a = input.calendar().get().get(person.id());
    if (a == null || a.start().isAfter(input.now()) || !a.end().isAfter(input.now())) {
      return Optional.empty();
    }
    LiveOverride live = input.snapshot().overrides().get(person.extension());
    if (live != null && live.isActiveAt(input.now())
        && (live.origin() != LiveOverride.Origin.CALENDAR || live.setBy().equals(a.key()))) {
      return Optional.empty();
    }
    ZoneId zone = input.staff().organisation().timezone();
    // The code and times only: never the event's subject.
    return Optional.of("the calendar has " + a.code() + " (" + a.reason().key() + ") "
        + TIME.format(a.start().atZone(zone)) + " to " + TIME.format(a.end().atZone(zone))
        + ", but the PBX " + (live != null && live.isActiveAt(input.now())
            ? "has another calendar absence" : "has no live absence")
        + "; is vaxel calendar sync running?");
  }
}
