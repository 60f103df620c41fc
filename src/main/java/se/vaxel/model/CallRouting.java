package se.vaxel.model;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The dialplan's encoding of {@link Coverage} for staff.yaml's absences (T3): what the
 * generated planned-absence context returns, and what {@code check} reads back from it.
 *
 * <p>{@link Coverage#planned} decides the target of every ISO week of an absence; the dialplan
 * decides the week at call time, so an absence is one {@link Route}, however long it is and
 * however often the contact changes: a fallback (the target of weeks without a weekly contact)
 * and, per other target, the weeks it takes the calls. A weekly contact without an extension
 * makes its weeks go to the switchboard ({@link #SWITCHBOARD}), as every text says. Whether the
 * target is itself absent is decided at call time, not here.
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
    // Week 0, which no ISO week is: the target of a week without a weekly contact.
    Target fallback = target(Coverage.planned(staff, absence, 0));
    Map<Target, SortedSet<Integer>> weekly = new LinkedHashMap<>();
    if (!absence.weeklyContacts().isEmpty()) {
      // In order of week number, so that the generated text does not depend on the start.
      for (int week : new TreeSet<>(absence.isoWeeks())) {
        Target t = target(Coverage.planned(staff, absence, week));
        if (!t.equals(fallback)) {
          weekly.computeIfAbsent(t, k -> new TreeSet<>()).add(week);
        }
      }
    }
    return new Route(absence.start(), absence.end(), fallback, weekly);
  }

  private static Target target(Coverage.Cover cover) {
    String extension = cover.plannedTarget();
    return SWITCHBOARD.equals(extension) ? Target.THE_SWITCHBOARD
        : new Target(extension, cover.contact().id());
  }
}
