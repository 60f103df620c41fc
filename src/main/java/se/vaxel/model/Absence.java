package se.vaxel.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One period away, in the organisation's local time.
 *
 * <p>{@code start} is inclusive and {@code end} exclusive. A whole-day {@code until: 2026-08-09}
 * becomes {@code end = 2026-08-10T00:00}; that keeps every comparison (here, in the dialplan and
 * in AstDB) one half-open interval.
 *
 * @param alternate staff id to contact instead, or null
 * @param weeklyContacts ISO week number to staff id (E3 "v. 31 ...")
 * @param wholeDays whether both ends were given as dates, not date-times
 */
public record Absence(
    LocalDateTime start,
    LocalDateTime end,
    boolean wholeDays,
    Reason reason,
    String alternate,
    MailOption mail,
    SortedMap<Integer, String> weeklyContacts) {

  public Absence {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(mail, "mail");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("absence ends before it starts: " + start + " " + end);
    }
    weeklyContacts = java.util.Collections.unmodifiableSortedMap(
        new TreeMap<>(weeklyContacts == null ? Map.of() : weeklyContacts));
  }

  /** The last day the person is away (the policy's inclusive "until"). */
  public LocalDate lastDay() {
    return end.minusNanos(1).toLocalDate();
  }

  /** Whether it ends at a time of day (a meeting, a morning course) rather than at midnight. */
  public boolean endsDuringDay() {
    return !end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
  }

  /**
   * The ISO week numbers of the days it covers, in order, each once: staff.yaml's weekly
   * contacts are keyed by the number alone, so an absence of more than a year meets a number
   * twice and it counts once, at its first occurrence.
   */
  public java.util.List<Integer> isoWeeks() {
    java.util.Set<Integer> weeks = new java.util.LinkedHashSet<>();
    for (LocalDate monday = firstDay().with(java.time.DayOfWeek.MONDAY);
        !monday.isAfter(lastDay()) && weeks.size() < 53; monday = monday.plusWeeks(1)) {
      weeks.add(monday.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
    return java.util.List.copyOf(weeks);
  }

  public LocalDate firstDay() {
    return start.toLocalDate();
  }

  /** Whether the absence covers any part of {@code day}. */
  public boolean covers(LocalDate day) {
    return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
  }

  /** Whether the absence is current at this local moment. */
  public boolean isCurrentAt(LocalDateTime now) {
    return !now.isBefore(start) && now.isBefore(end);
  }

  /** Whether the absence has not yet ended on {@code day} (current or upcoming). */
  public boolean isCurrentOrUpcoming(LocalDate day) {
    return !lastDay().isBefore(day);
  }
}
