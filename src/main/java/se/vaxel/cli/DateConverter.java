package se.vaxel.cli;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Every LocalDate option (registered once in {@link Main}): says in words what is wrong with
 * the date, where picocli's own converter shows a DateTimeParseException. Main's parameter
 * handler puts the option and the value in front: "--date 2026-13-01: not a date (month 13);
 * write YYYY-MM-DD".
 */
final class DateConverter implements ITypeConverter<LocalDate> {
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  static final String WRITE = "write YYYY-MM-DD";

  @Override
  public LocalDate convert(String value) {
    return parse(value);
  }

  static LocalDate parse(String value) {
    Matcher m = ISO.matcher(value);
    if (!m.matches()) {
      throw new TypeConversionException("not a date; " + WRITE);
    }
    int year = Integer.parseInt(m.group(1));
    int month = Integer.parseInt(m.group(2));
    int day = Integer.parseInt(m.group(3));
    if (month < 1 || month > 12) {
      throw new TypeConversionException("not a date (month " + month + "); " + WRITE);
    }
    int days = Month.of(month).length(java.time.Year.isLeap(year));
    if (day < 1 || day > days) {
      String name = Month.of(month).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      throw new TypeConversionException("not a date (day " + day + ": " + name
          + (month == 2 ? " " + year : "") + " has " + days + " days); " + WRITE);
    }
    try {
      return LocalDate.of(year, month, day);
    } catch (DateTimeException e) {
      // Only a year outside LocalDate's range is left, and four digits cannot be.
      throw new TypeConversionException("not a date; " + WRITE);
    }
  }
}
