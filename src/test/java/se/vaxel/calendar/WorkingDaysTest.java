package se.vaxel.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.vaxel.model.Absence;
import se.vaxel.model.MailOption;
import se.vaxel.model.Reason;

class WorkingDaysTest {
  private final WorkingDays days = new WorkingDays();

  @ParameterizedTest(name = "{1} {0} is not a working day")
  @CsvSource({
    "2026-01-01, nyårsdagen",
    "2026-01-06, trettondedag jul",
    "2026-05-01, första maj",
    "2026-05-14, Kristi himmelsfärds dag",
    "2026-06-19, midsommarafton",
    "2026-12-24, julafton",
    "2026-12-25, juldagen",
    "2026-12-31, nyårsafton",
    "2027-03-26, långfredagen",
    "2027-03-29, annandag påsk",
    "2027-06-25, midsommarafton 2027",
    "2027-12-24, julafton 2027",
    // Nationaldagen falls on a Monday in 2028, so this is the holiday and not the weekend.
    "2028-06-06, nationaldagen",
  })
  void swedishHolidaysAreNotWorkingDays(LocalDate day, String name) {
    assertFalse(days.isWorkingDay(day), name);
  }

  @Test
  void ordinaryWeekdaysAreWorkingDays() {
    assertTrue(days.isWorkingDay(LocalDate.of(2026, 6, 18)), "Thursday before midsommarafton");
    assertTrue(days.isWorkingDay(LocalDate.of(2026, 12, 23)), "Wednesday before julafton");
    assertTrue(days.isWorkingDay(LocalDate.of(2027, 3, 25)), "Thursday before långfredagen");
    assertTrue(days.isWorkingDay(LocalDate.of(2026, 1, 5)), "trettondagsafton is no holiday");
  }

  @Test
  void weekendsAreNotWorkingDays() {
    assertFalse(days.isWorkingDay(LocalDate.of(2026, 8, 8)), "Saturday");
    assertFalse(days.isWorkingDay(LocalDate.of(2026, 8, 9)), "Sunday");
    assertTrue(days.isWorkingDay(LocalDate.of(2026, 8, 10)), "Monday");
  }

  @ParameterizedTest(name = "after {0} comes {1}")
  @CsvSource({
    "2026-08-07, 2026-08-10", // Friday -> Monday
    "2026-08-09, 2026-08-10", // Sunday -> Monday
    "2026-08-10, 2026-08-11", // Monday -> Tuesday
    "2026-06-18, 2026-06-22", // midsommarafton, midsommardagen, Sunday
    "2026-12-23, 2026-12-28", // julafton, juldagen, annandag jul (a Saturday), Sunday
    "2026-12-30, 2027-01-04", // nyårsafton, nyårsdagen, weekend: across the year boundary
    "2027-01-05, 2027-01-07", // trettondedag jul
    "2027-03-25, 2027-03-30", // långfredagen to annandag påsk
  })
  void nextWorkingDaySkipsWeekendsAndHolidays(LocalDate day, LocalDate expected) {
    assertEquals(expected, days.nextWorkingDayAfter(day));
  }

  @Test
  void addingWorkingDaysCountsOnlyWorkingDays() {
    LocalDate wednesday = LocalDate.of(2026, 12, 23);
    assertEquals(wednesday, days.addWorkingDays(wednesday, 0));
    // E1: a message from the day before julafton is due on the third working day after it.
    assertEquals(LocalDate.of(2026, 12, 30), days.addWorkingDays(wednesday, 3));
    assertEquals(LocalDate.of(2027, 1, 4), days.addWorkingDays(wednesday, 4));
    assertThrows(IllegalArgumentException.class, () -> days.addWorkingDays(wednesday, -1));
  }

  @Test
  void workingDaysBetweenIsTheInverseOfAdding() {
    LocalDate friday = LocalDate.of(2026, 6, 12);
    for (int n = 0; n <= 30; n++) {
      assertEquals(n, days.workingDaysBetween(friday, days.addWorkingDays(friday, n)), "n=" + n);
    }
  }

  @Test
  void workingDaysBetweenCountsAcrossTheYearBoundary() {
    // 28, 29, 30 December; 31 December to 3 January are eve, holiday and weekend; 4 and 5
    // January; 6 January is trettondedag jul.
    assertEquals(5, days.workingDaysBetween(LocalDate.of(2026, 12, 25), LocalDate.of(2027, 1, 6)));
    assertEquals(-5, days.workingDaysBetween(LocalDate.of(2027, 1, 6), LocalDate.of(2026, 12, 25)));
    assertEquals(0, days.workingDaysBetween(LocalDate.of(2026, 8, 8), LocalDate.of(2026, 8, 9)));
  }

  @Test
  void wholeDayAbsenceReturnsOnTheNextWorkingDay() {
    Absence untilSunday = absence(LocalDateTime.of(2026, 7, 20, 0, 0),
        LocalDateTime.of(2026, 8, 10, 0, 0), true);
    assertEquals(LocalDate.of(2026, 8, 10), days.returnDay(untilSunday));
    Absence untilMidsummerEveEve = absence(LocalDateTime.of(2026, 6, 15, 0, 0),
        LocalDateTime.of(2026, 6, 19, 0, 0), true);
    assertEquals(LocalDate.of(2026, 6, 22), days.returnDay(untilMidsummerEveEve));
  }

  @Test
  void absenceEndingDuringAWorkingDayReturnsThatDay() {
    Absence morningCourse = absence(LocalDateTime.of(2026, 8, 12, 8, 0),
        LocalDateTime.of(2026, 8, 12, 12, 0), false);
    assertEquals(LocalDate.of(2026, 8, 12), days.returnDay(morningCourse));
  }

  @Test
  void absenceEndingDuringAHolidayReturnsOnTheNextWorkingDay() {
    Absence untilJulaftonNoon = absence(LocalDateTime.of(2026, 12, 22, 8, 0),
        LocalDateTime.of(2026, 12, 24, 12, 0), false);
    assertEquals(LocalDate.of(2026, 12, 28), days.returnDay(untilJulaftonNoon));
  }

  @Test
  void isSafeOnParallelThreadsForManyYears() throws Exception {
    WorkingDays fresh = new WorkingDays();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int year = 2020 + i % 20;
        results.add(pool.submit(() -> fresh.isWorkingDay(LocalDate.of(year, 12, 24))));
      }
      for (Future<Boolean> r : results) {
        assertFalse(r.get(), "julafton is never a working day");
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Absence absence(LocalDateTime start, LocalDateTime end, boolean wholeDays) {
    return new Absence(start, end, wholeDays, Reason.UTBILDNING, null,
        MailOption.FUNCTIONAL_MAILBOX, null);
  }
}
