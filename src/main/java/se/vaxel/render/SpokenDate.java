package se.vaxel.render;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;

/**
 * Dates and times as the words a template arranges: the weekday and month names come from the
 * language's locale, the order and the little words ("den", "klockan") from the template.
 */
public final class SpokenDate {
  private SpokenDate() {}

  /**
   * {@code weekday}, {@code day}, {@code month}, {@code iso} and, when {@code withYear},
   * {@code year}: "söndag", "9", "augusti", "2026-08-09", "2026".
   */
  public static Map<String, Object> of(LocalDate day, Locale locale, boolean withYear) {
    return new TextModel()
        .put("weekday", day.getDayOfWeek().getDisplayName(TextStyle.FULL, locale))
        .put("day", Integer.toString(day.getDayOfMonth()))
        .put("month", day.getMonth().getDisplayName(TextStyle.FULL, locale))
        .put("year", withYear ? Integer.toString(day.getYear()) : null)
        .put("iso", day.toString())
        .map();
  }

  /** {@code hour} without and {@code minute} with a leading zero: "9" and "05". */
  public static Map<String, Object> clock(LocalTime time) {
    return new TextModel()
        .put("hour", Integer.toString(time.getHour()))
        .put("minute", String.format("%02d", time.getMinute()))
        .map();
  }
}
