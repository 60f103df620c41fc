package se.vaxel.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who takes a person's calls during their planned absences (T3), for the dialplan and for
 * reading it back. render.Texts and compliance.AbsenceAlternateUnavailable still name the
 * weekly contact themselves, without asking whether it has an extension: making this class
 * their owner too is issue 10's first item.
 *
 * <p>The policy lets the contact differ week by week (E3 "v. 31 ..."): in an ISO week with a
 * weekly contact that has an extension, calls go to that contact; otherwise to the alternate if
 * they have an extension; otherwise to the switchboard. The dialplan decides the week at call
 * time, so an absence is one {@link Route}, however long it is and however often the contact
 * changes. Whether the target is itself absent is decided at call time too, not here.
 */
public final class CallRouting {

  /** A target meaning "nobody named: the switchboard". */
  public static final String SWITCHBOARD = "-";

  /**
   * Who takes the calls.
   *
   * @param extension the extension that rings, or {@link #SWITCHBOARD}
   * @param id the staff id of that person, or null for the switchboard
   */
  public record Target(String extension, String id) {
    public static final Target THE_SWITCHBOARD = new Target(SWITCHBOARD, null);

    public Target {
      Objects.requireNonNull(extension, "extension");
    }
  }

  /**
   * One planned absence as calls are routed during it: in [start, end), the target of the ISO
   * week of the call (in the organisation's time zone) if {@code weekly} names one, else
   * {@code fallback}.
   *
   * @param weekly per target, the ISO weeks it takes the calls: only weekly contacts with an
   *     extension, only weeks the absence touches, none whose target is the fallback anyway; in
   *     the order of each target's first week
   */
  public record Route(LocalDateTime start, LocalDateTime end, Target fallback,
      Map<Target, SortedSet<Integer>> weekly) {

    public Route {
      Map<Target, SortedSet<Integer>> copy = new LinkedHashMap<>();
      weekly.forEach((t, weeks) -> copy.put(t, Collections.unmodifiableSortedSet(
          new TreeSet<>(weeks))));
      weekly = Collections.unmodifiableMap(copy);
    }

    public boolean contains(LocalDateTime t) {
      return !t.isBefore(start) && t.isBefore(end);
    }

    /** The target in ISO week {@code week}. */
    public Target targetInWeek(int week) {
      return weekly.entrySet().stream()
          .filter(e -> e.getValue().contains(week))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(fallback);
    }
  }

  private CallRouting() {}

  public static Route route(Staff staff, Absence absence) {
    Target fallback = withExtension(staff, absence.alternate()).orElse(Target.THE_SWITCHBOARD);
    Map<Target, SortedSet<Integer>> weekly = new LinkedHashMap<>();
    if (!absence.weeklyContacts().isEmpty()) {
      for (int week : weeksTouched(absence)) {
        withExtension(staff, absence.weeklyContacts().get(week))
            .filter(t -> !t.equals(fallback))
            .ifPresent(t -> weekly.computeIfAbsent(t, k -> new TreeSet<>()).add(week));
      }
    }
    return new Route(absence.start(), absence.end(), fallback, weekly);
  }

  /** The planned call target for a person at a local moment, or empty when they are present. */
  public static Optional<Target> plannedAt(Staff staff, Person person, LocalDateTime now) {
    return person.absenceAt(now)
        .map(a -> route(staff, a))
        .filter(r -> r.contains(now))
        .map(r -> r.targetInWeek(now.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
  }

  /** The ISO week numbers of the days the absence covers (at most all 53). */
  private static SortedSet<Integer> weeksTouched(Absence absence) {
    SortedSet<Integer> weeks = new TreeSet<>();
    LocalDate last = absence.lastDay();
    for (LocalDate day = absence.firstDay(); !day.isAfter(last) && weeks.size() < 53;
        day = day.with(TemporalAdjusters.next(DayOfWeek.MONDAY))) {
      weeks.add(day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    return weeks;
  }

  private static Optional<Target> withExtension(Staff staff, String id) {
    return id == null ? Optional.empty() : staff.byId(id)
        .filter(Person::hasExtension)
        .map(p -> new Target(p.extension(), p.id()));
  }
}
