package se.vaxel.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who takes a person's calls during their planned absences (T3).
 *
 * <p>The policy lets the contact differ week by week (E3 "v. 31 ..."), so an absence becomes
 * segments: in a week with a weekly contact that has an extension, calls go to that contact;
 * otherwise to the alternate; without either, to the switchboard. Whether the target is itself
 * absent is decided at call time by the dialplan, not here.
 */
public final class CallRouting {

  /** A target meaning "nobody named: the switchboard". */
  public static final String SWITCHBOARD = "-";

  /**
   * One stretch of an absence with one call target.
   *
   * @param target the extension that takes the calls, or {@link #SWITCHBOARD}
   * @param targetId the staff id of that person, or null for the switchboard
   */
  public record Segment(LocalDateTime start, LocalDateTime end, String target, String targetId) {}

  private CallRouting() {}

  public static List<Segment> segments(Staff staff, Absence absence) {
    List<Segment> out = new ArrayList<>();
    LocalDate day = absence.firstDay();
    LocalDate last = absence.lastDay();
    LocalDateTime segStart = absence.start();
    String currentId = targetIdOn(staff, absence, day);
    while (!day.isAfter(last)) {
      LocalDate next = day.plusDays(1);
      String nextId = next.isAfter(last) ? null : targetIdOn(staff, absence, next);
      boolean boundary = next.isAfter(last) || !java.util.Objects.equals(currentId, nextId);
      if (boundary) {
        LocalDateTime segEnd = next.isAfter(last) ? absence.end() : next.atStartOfDay();
        out.add(new Segment(segStart, segEnd, extensionOf(staff, currentId), currentId));
        segStart = segEnd;
        currentId = nextId;
      }
      day = next;
    }
    return out;
  }

  /** The planned call target for a person at a local moment, or empty when they are present. */
  public static Optional<Segment> plannedAt(Staff staff, Person person, LocalDateTime now) {
    return person.absenceAt(now).flatMap(a -> segments(staff, a).stream()
        .filter(s -> !now.isBefore(s.start()) && now.isBefore(s.end()))
        .findFirst());
  }

  private static String targetIdOn(Staff staff, Absence absence, LocalDate day) {
    String weekly = absence.weeklyContacts().get(day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    if (weekly != null && staff.byId(weekly).map(Person::hasExtension).orElse(false)) {
      return weekly;
    }
    if (absence.alternate() != null && staff.byId(absence.alternate()).map(Person::hasExtension)
        .orElse(false)) {
      return absence.alternate();
    }
    return null;
  }

  private static String extensionOf(Staff staff, String id) {
    return id == null ? SWITCHBOARD : staff.byId(id).map(Person::extension).orElse(SWITCHBOARD);
  }
}
