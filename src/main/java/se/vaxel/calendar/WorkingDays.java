package se.vaxel.calendar;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayCalendar;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.ManagerParameters;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import se.vaxel.model.Absence;

/**
 * Swedish working days: not Saturday or Sunday, not a public holiday, and not midsommarafton,
 * julafton or nyårsafton (jollyday's Swedish calendar lists the three eves as holidays, which is
 * how Swedish employers and the policy's "arbetsdagar" treat them).
 *
 * <p>The only class that knows jollyday. Thread-safe: generation asks for 50,000 people on
 * parallel threads, so each year's holidays are computed once and shared.
 */
public final class WorkingDays {
  private final HolidayManager holidays =
      HolidayManager.getInstance(ManagerParameters.create(HolidayCalendar.SWEDEN));
  private final Map<Integer, Set<LocalDate>> holidaysByYear = new ConcurrentHashMap<>();

  public boolean isWorkingDay(LocalDate day) {
    DayOfWeek dow = day.getDayOfWeek();
    return dow != DayOfWeek.SATURDAY
        && dow != DayOfWeek.SUNDAY
        && !holidaysOf(day.getYear()).contains(day);
  }

  public LocalDate nextWorkingDayAfter(LocalDate day) {
    LocalDate next = day.plusDays(1);
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  /**
   * The {@code n}th working day after {@code day} (E1: a message received on {@code day} must be
   * answered by {@code addWorkingDays(day, 3)}); {@code n = 0} gives {@code day} itself.
   */
  public LocalDate addWorkingDays(LocalDate day, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("working days to add must not be negative: " + n);
    }
    LocalDate result = day;
    for (int i = 0; i < n; i++) {
      result = nextWorkingDayAfter(result);
    }
    return result;
  }

  /**
   * Working days after {@code from} up to and including {@code to}, so that
   * {@code workingDaysBetween(d, addWorkingDays(d, n)) == n}. Negative when {@code to} is before
   * {@code from}, so a clock that is slightly off yields a small number rather than an error.
   */
  public int workingDaysBetween(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return -workingDaysBetween(to, from);
    }
    int count = 0;
    for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
      if (isWorkingDay(d)) {
        count++;
      }
    }
    return count;
  }

  /**
   * The day the person is expected back (E3 "väntas åter"): the first working day after the
   * absence's last day. An absence that ends at a time of day on a working day (a morning course,
   * a meeting) returns that same day, since the person is back in the office before it is over.
   */
  public LocalDate returnDay(Absence absence) {
    LocalDate endDay = absence.end().toLocalDate();
    if (absence.endsDuringDay() && isWorkingDay(endDay)) {
      return endDay;
    }
    return nextWorkingDayAfter(absence.lastDay());
  }

  private Set<LocalDate> holidaysOf(int year) {
    return holidaysByYear.computeIfAbsent(year, this::loadHolidays);
  }

  private Set<LocalDate> loadHolidays(int year) {
    // jollyday documents no thread-safety for its managers; loading happens once per year,
    // so serialising it costs nothing.
    synchronized (holidays) {
      return holidays.getHolidays(Year.of(year)).stream()
          .map(Holiday::getDate)
          .collect(Collectors.toUnmodifiableSet());
    }
  }
}
