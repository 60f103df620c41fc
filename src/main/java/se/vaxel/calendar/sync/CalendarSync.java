package se.vaxel.calendar.sync;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.calendar.CalendarSource;
import se.vaxel.calendar.Fetch;
import se.vaxel.live.EffectiveAbsence;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.speech.SpeechException;

/**
 * One organisation's calendar sync: reads everyone's calendar, decides each person's absence
 * ({@link CalendarEvents}) and brings the live overrides in step, through
 * {@link AbsenceService}. The one owner of the sync's rules (docs/calendar.md):
 * <ul>
 *   <li>it reads the live overrides once and writes only what differs, so a sync where nothing
 *       changed makes no PBX write;
 *   <li>it adds, moves and removes only overrides it wrote itself ({@code Origin.CALENDAR});
 *       a manual one (CLI, phone, web) wins until it ends;
 *   <li>a person whose calendar could not be read or judged keeps their state; everyone else
 *       goes on.
 * </ul>
 */
public final class CalendarSync {

  /** What happens to one person's override. */
  public enum Action { ADD, CHANGE, REMOVE }

  /**
   * One change, for the report and {@code --dry-run}: code, reason and times, never a subject.
   *
   * @param before the override it replaces or removes, or null
   * @param after the override written, or null for a removal
   * @param absence the calendar's absence behind {@code after}, or null
   */
  public record Change(Action action, Person person, LiveOverride before, LiveOverride after,
      CalendarEvents.Absence absence) {}

  /** A calendar that could not be read or judged; the person's state is kept. */
  public record Failure(Person person, String message) {}

  /**
   * What a sync did (or, dry, would do).
   *
   * @param people how many calendars were asked for
   * @param manual people whose manual override was left alone
   * @param notes what was done other than the event said (an alternate that cannot take the
   *     calls), one line each
   * @param unspoken absences written without their spoken announcement because speech failed
   *     (the absence itself is on the PBX); the next sync tries again
   */
  public record Result(int people, List<Change> changes, List<Person> manual,
      List<Failure> failures, List<String> notes, List<Failure> unspoken) {
    /** Done in part (exit 1): a calendar not read, or an absence not announced. */
    public boolean partial() {
      return !failures.isEmpty() || !unspoken.isEmpty();
    }
  }

  private final Staff staff;
  private final CalendarSettings settings;
  private final AbsenceService service;
  private final CalendarEvents events;

  public CalendarSync(Staff staff, CalendarSettings settings, AbsenceService service) {
    this.staff = staff;
    this.settings = settings;
    this.service = service;
    this.events = new CalendarEvents(settings, staff.organisation().timezone());
  }

  /** Whose calendars are read: everyone with an extension whose calendar is not off. */
  public List<CalendarOwner> owners() {
    List<CalendarOwner> owners = new ArrayList<>();
    for (Person p : staff.people()) {
      CalendarSettings.PersonCalendar own = settings.of(p.id());
      if (p.hasExtension() && own.enabled()) {
        owners.add(new CalendarOwner(p.id(), p.email(), p.extension(), own.url()));
      }
    }
    return owners;
  }

  /**
   * Syncs everyone once.
   *
   * @param dryRun decide and report only: no PBX write
   */
  public Result run(CalendarSource source, Instant now, boolean dryRun) {
    List<CalendarOwner> owners = owners();
    List<Fetch> fetches = owners.isEmpty() ? List.of() : source.fetchAll(owners);
    Map<String, LiveOverride> live = service.overrides();
    List<Change> changes = new ArrayList<>();
    List<Person> manual = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<Failure> unspoken = new ArrayList<>();
    // After one speech failure the round speaks no more: an engine that hangs costs one time
    // limit a round, not one a person. Whoever is left keeps the SOUND they had, if any.
    boolean speaking = !dryRun;
    boolean speechFailed = false;
    for (Fetch fetch : fetches) {
      Person person = staff.byId(fetch.owner().personId()).orElseThrow();
      LiveOverride before = live.get(person.extension());
      if (before != null && before.origin() != LiveOverride.Origin.CALENDAR
          && before.until().isAfter(now)) {
        // A manual change wins until it ends; the calendar is not even judged.
        manual.add(person);
        continue;
      }
      if (fetch.status() == Fetch.Status.FAILED) {
        failures.add(new Failure(person, fetch.problem()));
        continue;
      }
      Optional<CalendarEvents.Absence> absence;
      LiveOverride after = null;
      try {
        absence = events.decide(fetch.documents(), now);
        if (absence.isPresent()) {
          after = override(person, absence.get(), live, now, notes);
        }
      } catch (CalendarEvents.BadCalendarException e) {
        failures.add(new Failure(person, person.id() + ": the calendar ("
            + kind() + ") cannot be used: " + e.getMessage() + "; their absence on the PBX "
            + "stays as it is"));
        continue;
      } catch (RuntimeException e) {
        // One person's calendar must not stop the sync for everyone (nor end --watch): whatever
        // the library or a date in it throws is that person's failure, their state kept.
        failures.add(new Failure(person, person.id() + ": the calendar (" + kind()
            + ") could not be read (" + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); their absence on "
            + "the PBX stays as it is; check the events in that calendar"));
        continue;
      }
      boolean ours = before != null && before.origin() == LiveOverride.Origin.CALENDAR;
      if (absence.isEmpty()) {
        if (ours) {
          changes.add(new Change(Action.REMOVE, person, before, null, null));
          if (!dryRun) {
            service.remove(person.extension(), live, now);
          }
        }
        continue;
      }
      if (speaking) {
        try {
          // The file is made only when missing (SoundStore names by content): an unchanged
          // absence costs a directory lookup and no engine; a moved one gets its new SOUND.
          after = service.announced(after, live, now);
        } catch (SpeechException e) {
          speaking = false;
          speechFailed = true;
          unspoken.add(new Failure(person, person.id() + ": the absence is written without "
              + "its spoken announcement (" + e.getMessage() + "); the next sync tries again"));
          after = keepSound(before, after);
        }
      } else {
        // A dry run makes no file; nor does a round in which speech failed. An override that is
        // otherwise the same keeps the SOUND it has, so neither reports nor writes a change.
        after = keepSound(before, after);
      }
      if (before != null && before.encode().equals(after.encode())) {
        continue;
      }
      if (speechFailed && after.sound().isEmpty() && staff.speech().announces(person)
          && unspoken.stream().noneMatch(f -> f.person().equals(person))) {
        unspoken.add(new Failure(person, person.id() + ": the absence is written without its "
            + "spoken announcement (speech failed earlier in this sync); the next sync tries "
            + "again"));
      }
      changes.add(new Change(ours ? Action.CHANGE : Action.ADD, person, before, after,
          absence.get()));
      if (!dryRun) {
        service.put(after, live, now);
      }
    }
    return new Result(owners.size(), changes, manual, failures, notes, unspoken);
  }

  /** {@code after} with {@code before}'s sounds when they differ in nothing else. */
  private static LiveOverride keepSound(LiveOverride before, LiveOverride after) {
    if (before != null && !before.sound().isEmpty()) {
      LiveOverride kept = after.withSounds(before.sound(), before.switchboardSound());
      if (before.encode().equals(kept.encode())) {
        return kept;
      }
    }
    return after;
  }

  /**
   * Everyone's calendar absence (now or next) by staff id, without the PBX: what
   * {@code check --calendar} compares with the live absences. A calendar that cannot be read or
   * used is left out and added to {@code failures}.
   */
  public Map<String, CalendarEvents.Absence> absences(CalendarSource source, Instant now,
      List<Failure> failures) {
    Map<String, CalendarEvents.Absence> out = new java.util.LinkedHashMap<>();
    List<CalendarOwner> owners = owners();
    for (Fetch fetch : owners.isEmpty() ? List.<Fetch>of() : source.fetchAll(owners)) {
      Person person = staff.byId(fetch.owner().personId()).orElseThrow();
      if (fetch.status() == Fetch.Status.FAILED) {
        failures.add(new Failure(person, fetch.problem()));
        continue;
      }
      try {
        events.decide(fetch.documents(), now).ifPresent(a -> out.put(person.id(), a));
      } catch (CalendarEvents.BadCalendarException e) {
        failures.add(new Failure(person, person.id() + ": the calendar (" + kind()
            + ") cannot be used: " + e.getMessage()));
      } catch (RuntimeException e) {
        failures.add(new Failure(person, person.id() + ": the calendar (" + kind()
            + ") could not be read (" + e.getClass().getSimpleName() + ")"));
      }
    }
    return out;
  }

  private String kind() {
    return settings.source() == null ? "calendar" : switch (settings.source().kind()) {
      case ICAL_FEED -> "iCalendar feed";
      case CALDAV -> "CalDAV";
    };
  }

  /**
   * The override for a person's absence: calls go to the alternate the event names, else the
   * person's calendar alternate, else the switchboard; an alternate who cannot take them (not
   * in staff.yaml, no extension, away too) is passed over, with a note.
   */
  private LiveOverride override(Person person, CalendarEvents.Absence a,
      Map<String, LiveOverride> live, Instant now, List<String> notes) {
    Person alternate = null;
    for (String candidate : candidates(person, a)) {
      Optional<Person> alt = staff.byId(candidate);
      String why = null;
      if (alt.isEmpty()) {
        why = "is not in staff.yaml";
      } else if (alt.get().id().equals(person.id())) {
        why = "is the person themselves";
      } else if (!alt.get().hasExtension()) {
        why = "has no extension";
      } else {
        Instant check = a.start().isAfter(now) ? a.start() : now;
        if (EffectiveAbsence.at(staff, live, alt.get(), check).isPresent()) {
          why = "is away too";
        }
      }
      if (why == null) {
        alternate = alt.get();
        break;
      }
      notes.add(person.id() + ": alternate '" + candidate + "' " + why + "; "
          + "calls during " + a.code() + " " + period(a) + " go to the next in line");
    }
    return LiveOverride.away(person.extension(), a.start(), a.end(),
            alternate == null ? CallRouting.SWITCHBOARD : alternate.extension(),
            a.reason().disclosed(), alternate == null ? null : alternate.id(), person.id())
        .by(LiveOverride.Origin.CALENDAR, a.key());
  }

  private List<String> candidates(Person person, CalendarEvents.Absence a) {
    List<String> c = new ArrayList<>();
    if (a.alternate() != null) {
      c.add(a.alternate());
    }
    String own = settings.of(person.id()).alternate();
    if (own != null && !c.contains(own)) {
      c.add(own);
    }
    return c;
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  /** An absence's times in the organisation's zone, as the report prints them. */
  public String period(CalendarEvents.Absence a) {
    ZoneId zone = staff.organisation().timezone();
    return TIME.format(a.start().atZone(zone)) + " to " + TIME.format(a.end().atZone(zone));
  }
}
