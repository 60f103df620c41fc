package se.vaxel.pbx;

import se.vaxel.live.LiveOverride;
import se.vaxel.live.EffectiveAbsence;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import se.vaxel.ami.AmiClient;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Coverage;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/**
 * The switchboard's live absences (T3 "vid frånvaro ska växeln meddelas"): written to AstDB,
 * where the generated dialplan reads them on the next call, without a reload.
 */
public final class AbsenceService {

  /** A request the switchboard cannot have: unknown person, alternate away, time past. */
  public static final class RejectedException extends RuntimeException {
    public RejectedException(String message) {
      super(message);
    }
  }

  /**
   * One person's absence state for {@code absence list}.
   *
   * @param live the live override, if any (active, upcoming or expired)
   * @param planned the current or next absence in staff.yaml, if any
   * @param now what routing does at this moment
   */
  public record Row(Person person, Optional<LiveOverride> live,
      Optional<se.vaxel.model.Absence> planned, Optional<EffectiveAbsence> now) {}

  /** What a set or clear did. */
  public record Outcome(String extension, String description) {}

  /**
   * The files a live absence's caller may hear (docs/speech.md), as {@link LiveOverride} stores
   * them: {@code sound} names where the call goes; {@code switchboard} is the same sentence
   * ending with the switchboard, for a call whose contact is away too at call time (empty when
   * the sentence names no person). Both empty: nothing is announced.
   */
  public record Sounds(String sound, String switchboard) {
    public static final Sounds NONE = new Sounds("", "");

    public Sounds {
      java.util.Objects.requireNonNull(sound, "sound");
      java.util.Objects.requireNonNull(switchboard, "switchboard");
    }
  }

  /**
   * Makes the announcements of a live absence before the override that names them is written
   * (docs/speech.md): {@link Sounds#NONE} for none (announcements off for the person).
   */
  @FunctionalInterface
  public interface Announcer {
    Sounds soundsFor(Person person, LiveOverride override, Coverage.Cover cover);
  }

  private final Staff staff;
  private final AmiClient ami;
  private final String family;
  /** No announcer: nothing is spoken, and {@link #announced} asks nothing. */
  public static final Announcer SILENT = (p, o, c) -> Sounds.NONE;

  private Announcer announcer = SILENT;

  public AbsenceService(Staff staff, AmiClient ami) {
    this.staff = staff;
    this.ami = ami;
    this.family = se.vaxel.model.DialplanContexts.of(staff.asterisk()).overrideFamily();
  }

  /** The same service, making an announcement for each absence it sets. */
  public AbsenceService withAnnouncer(Announcer announcer) {
    this.announcer = java.util.Objects.requireNonNull(announcer, "announcer");
    return this;
  }

  /**
   * Marks a person away from {@code from} to {@code until} (exclusive, local time).
   *
   * @param alternateId who takes the calls; null for the switchboard
   */
  public Outcome set(String personId, LocalDateTime from, LocalDateTime until,
      String alternateId, Reason reason, Instant now) {
    return set(personId, from, until, alternateId, reason, now, LiveOverride.Origin.CLI, "");
  }

  /**
   * {@link #set(String, LocalDateTime, LocalDateTime, String, Reason, Instant)} on behalf of
   * {@code origin}/{@code setBy} (the calendar sync, a web account), stored with the override
   * so the console and {@code absence list} show who registered it.
   */
  public Outcome set(String personId, LocalDateTime from, LocalDateTime until,
      String alternateId, Reason reason, Instant now, LiveOverride.Origin origin, String setBy) {
    // The command checks the same before it connects; checked again here, the service's own
    // contract, for any caller that did not.
    List<String> problems = problems(staff, personId, from, until, alternateId, now);
    if (!problems.isEmpty()) {
      throw new RejectedException(String.join("\n", problems));
    }
    ZoneId zone = staff.organisation().timezone();
    Person person = person(personId);
    Instant start = from.atZone(zone).toInstant();
    Instant end = until.atZone(zone).toInstant();
    Map<String, LiveOverride> overrides = LiveOverride.readAll(ami, family);
    String target = CallRouting.SWITCHBOARD;
    Instant check = start.isAfter(now) ? start : now;
    if (alternateId != null) {
      // Away too is Coverage's decision, the same the dialplan makes at call time.
      Person alt = staff.byId(alternateId).orElseThrow();
      Optional<Coverage.Away> altAway = Coverage.at(staff, overrides, alt, check);
      if (altAway.isPresent()) {
        throw new RejectedException(alt.fullName() + " (--alternate) is away too, until "
            + altAway.get().until().atZone(zone).toLocalDateTime());
      }
      target = alt.extension();
    }
    // Only the disclosed reason is stored: AstDB is readable by anyone with AMI access.
    LiveOverride o = LiveOverride.away(person.extension(), start, end, target,
        reason.disclosed(), alternateId, person.id()).by(origin, setBy);
    // The announcement's file first: the override that names it is then never without it.
    put(announced(o, overrides, now), overrides, now);
    return new Outcome(person.extension(), person.fullName() + " (" + person.extension()
        + ") is away " + from + " to " + until + "; calls go to "
        + (alternateId == null ? "the switchboard (" + staff.organisation().switchboard() + ")"
            : staff.byId(alternateId).get().fullName() + " (" + target + ")"));
  }

  /**
   * The override with the announcement's file made and named (SOUND), as {@link #set} writes
   * it; for a caller that decides the override itself (the calendar sync) and compares it with
   * what AstDB has before it {@link #put}s it. Who covers is Coverage's decision with the
   * override in place, at its start or now, whichever is later. The file is made only if it is
   * not there (a directory lookup otherwise); without an announcer the SOUND stays empty.
   *
   * @throws se.vaxel.speech.SpeechException when the announcement cannot be made
   */
  public LiveOverride announced(LiveOverride o, Map<String, LiveOverride> overrides,
      Instant now) {
    Person person = staff.byExtension(o.extension()).orElseThrow(() ->
        new RejectedException("no one with extension " + o.extension()));
    if (announcer == SILENT || !o.away()) {
      // Nothing to speak: no copy of the overrides, no Coverage (the calendar sync asks this
      // for every absence of every round).
      return o.withSounds("", "");
    }
    Map<String, LiveOverride> with = new java.util.HashMap<>(overrides);
    with.put(o.extension(), o);
    Instant check = o.from().isAfter(now) ? o.from() : now;
    // The cover the override's TARGET names, not whether that contact happens to be away at
    // this moment: the sentence plays on later calls, and the route decides per call between
    // it and its switchboard variant.
    Coverage.Cover cover = Coverage.at(staff, with, person, check)
        .map(a -> a.cover().asDialled()).orElse(Coverage.Cover.NOBODY);
    Sounds sounds = announcer.soundsFor(person, o, cover);
    return o.withSounds(sounds.sound(), sounds.switchboard());
  }

  /**
   * What is wrong with a {@link #set} request on its face, every problem at once, without the
   * PBX: an unknown person or alternate, one without an extension, an end already past or not
   * after the start. {@code vaxel absence set} asks before it connects, so bad input never
   * costs a login (exit 2, not 3); whether the alternate is away too needs the PBX and is
   * left to {@link #set}.
   */
  public static List<String> problems(Staff staff, String personId, LocalDateTime from,
      LocalDateTime until, String alternateId, Instant now) {
    List<String> problems = new ArrayList<>();
    Optional<Person> person = staff.byId(personId);
    if (person.isEmpty()) {
      problems.add("no one with id '" + personId + "' in staff.yaml");
    } else if (!person.get().hasExtension()) {
      problems.add(noExtension(person.get()));
    }
    ZoneId zone = staff.organisation().timezone();
    if (!until.atZone(zone).toInstant().isAfter(now)) {
      problems.add("--until: the absence would end " + until + ", which is already past; "
          + "give a later --until");
    } else if (!until.atZone(zone).toInstant().isAfter(from.atZone(zone).toInstant())) {
      problems.add("--until " + until + " is not after --from " + from
          + "; give an --until after --from");
    }
    if (alternateId != null) {
      Optional<Person> alt = staff.byId(alternateId);
      if (alt.isEmpty()) {
        problems.add("no one with id '" + alternateId + "' in staff.yaml (--alternate)");
      } else if (alt.get().id().equals(personId)) {
        problems.add("--alternate cannot be " + personId + " themselves");
      } else if (!alt.get().hasExtension()) {
        problems.add(alt.get().fullName() + " (--alternate) has no extension to take calls; "
            + "leave --alternate out to send calls to the switchboard");
      }
    }
    return problems;
  }

  private static String noExtension(Person p) {
    return p.fullName() + " has no extension, so there are no calls to route; their absence "
        + "belongs in staff.yaml";
  }

  /**
   * The person is back. Removes the live override; if staff.yaml still has them away now, or
   * the calendar sync's absence does, a "present" override until that absence ends lets their
   * phone ring again (a deleted calendar absence would be added back by the next sync).
   */
  public Outcome clear(String personId, Instant now) {
    return clear(personId, now, LiveOverride.Origin.CLI, "");
  }

  /** {@link #clear(String, Instant)} on behalf of {@code origin}/{@code setBy}. */
  public Outcome clear(String personId, Instant now, LiveOverride.Origin origin, String setBy) {
    Person person = person(personId);
    ZoneId zone = staff.organisation().timezone();
    Map<String, LiveOverride> overrides = LiveOverride.readAll(ami, family);
    Optional<se.vaxel.model.Absence> planned =
        person.absenceAt(LocalDateTime.ofInstant(now, zone));
    LiveOverride current = overrides.get(person.extension());
    // Set when the person is back during an absence a deletion would not end.
    Instant presentUntil = null;
    String overridden = null;
    if (planned.isEmpty() && current != null && current.away()
        && current.origin() == LiveOverride.Origin.CALENDAR && current.isActiveAt(now)) {
      // Deleting a calendar absence would not last: the next sync finds no override and adds
      // it again from the calendar. A manual "present" until it would have ended wins in the
      // sync (it never touches a manual override) and expires with it.
      presentUntil = current.until();
      overridden = "their absence from the calendar is overridden until "
          + LocalDateTime.ofInstant(current.until(), zone);
    } else if (planned.isPresent()) {
      presentUntil = planned.get().end().atZone(zone).toInstant();
      overridden = "their planned absence in staff.yaml is overridden until "
          + planned.get().end();
    }
    String description;
    if (presentUntil != null) {
      put(LiveOverride.present(person.extension(),
          now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES), presentUntil, person.id())
          .by(origin, setBy), overrides, now);
      description = person.fullName() + " (" + person.extension() + ") is back; " + overridden;
    } else {
      boolean had = overrides.containsKey(person.extension());
      remove(person.extension(), overrides, now);
      description = person.fullName() + " (" + person.extension() + ") is "
          + (had ? "back: live absence cleared" : "not marked away live; nothing to clear");
    }
    return new Outcome(person.extension(), description);
  }

  /**
   * Every live override of the organisation, by extension: one DBGetTree. For a caller that
   * changes many people at once ({@link #put}, {@link #remove}), so a run reads the family once
   * rather than once per person.
   */
  public Map<String, LiveOverride> overrides() {
    return LiveOverride.readAll(ami, family);
  }

  /**
   * Writes an override the caller has already decided on (the calendar sync), and keeps
   * {@code overrides}, read with {@link #overrides()}, in step with what it wrote.
   */
  public void put(LiveOverride override, Map<String, LiveOverride> overrides, Instant now) {
    Person person = staff.byExtension(override.extension()).orElseThrow(() ->
        new RejectedException("no one with extension " + override.extension()));
    ami.dbPut(family, override.extension(), override.encode());
    overrides.put(override.extension(), override);
    publishPresence(person, overrides, now);
  }

  /**
   * Removes an extension's override, as {@link #put} writes one; unlike {@link #clear} it does
   * not mark the person present over a planned absence in staff.yaml: the calendar's absence
   * ended, not the one staff.yaml plans.
   */
  public void remove(String extension, Map<String, LiveOverride> overrides, Instant now) {
    Person person = staff.byExtension(extension).orElseThrow(() ->
        new RejectedException("no one with extension " + extension));
    ami.dbDel(family, extension);
    overrides.remove(extension);
    publishPresence(person, overrides, now);
  }

  /** Everyone with a live override or a current or upcoming planned absence. */
  public List<Row> list(Instant now) {
    ZoneId zone = staff.organisation().timezone();
    Map<String, LiveOverride> overrides = LiveOverride.readAll(ami, family);
    List<Row> rows = new ArrayList<>();
    for (Person p : staff.people()) {
      Optional<LiveOverride> live = Optional.ofNullable(
          p.hasExtension() ? overrides.get(p.extension()) : null);
      Optional<se.vaxel.model.Absence> planned =
          p.currentOrUpcomingAbsence(LocalDateTime.ofInstant(now, zone).toLocalDate());
      if (live.isPresent() || planned.isPresent()) {
        rows.add(new Row(p, live, planned, EffectiveAbsence.at(staff, overrides, p, now)));
      }
    }
    return rows;
  }

  private void publishPresence(Person person, Map<String, LiveOverride> overrides, Instant now) {
    PresenceValue.of(staff, overrides, person, now).publish(ami, person.extension());
    // Asterisk sends no event when AstDB changes: every open console learns of this write from
    // the event, whoever made it (CLI, calendar, web).
    se.vaxel.live.AbsenceEvent.raise(ami, staff.organisation().id(), person.extension());
  }


  private Person person(String id) {
    Person p = staff.byId(id).orElseThrow(() -> new RejectedException(
        "no one with id '" + id + "' in staff.yaml"));
    if (!p.hasExtension()) {
      throw new RejectedException(noExtension(p));
    }
    return p;
  }
}
