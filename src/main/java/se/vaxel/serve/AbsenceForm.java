package se.vaxel.serve;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import se.vaxel.model.Reason;

/**
 * An absence as a form sends it, checked: every problem at once, in words a person can act on.
 * Dates mean what they mean to {@code vaxel absence set}: a date alone is the whole day, so
 * "until 2026-12-04" is up to and including the 4th; a date and time (the browser's
 * datetime-local, {@code 2026-12-04T12:00}) is that moment.
 */
public record AbsenceForm(LocalDateTime from, LocalDateTime until, Reason reason,
    String alternate) {

  /** The form is wrong; {@link #problems} says how. */
  public static final class Invalid extends Exception {
    private final List<String> problems;

    public Invalid(List<String> problems) {
      super(String.join("; ", problems));
      this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
      return problems;
    }
  }

  /**
   * @param from empty for now
   * @param alternate empty for the switchboard
   */
  public static AbsenceForm parse(String from, String until, String reason, String alternate,
      LocalDateTime now) throws Invalid {
    List<String> problems = new ArrayList<>();
    LocalDateTime f = now.withSecond(0).withNano(0);
    if (from != null && !from.isBlank()) {
      try {
        f = moment(from.strip(), false);
      } catch (DateTimeParseException e) {
        problems.add("from: '" + from + "' is not a date (YYYY-MM-DD) or date and time");
      }
    }
    LocalDateTime u = null;
    if (until == null || until.isBlank()) {
      problems.add("until: give the last day away (or a date and time)");
    } else {
      try {
        u = moment(until.strip(), true);
      } catch (DateTimeParseException e) {
        problems.add("until: '" + until + "' is not a date (YYYY-MM-DD) or date and time");
      }
    }
    Reason r = Reason.ANNAT;
    if (reason != null && !reason.isBlank()) {
      try {
        r = Reason.fromKey(reason.strip());
      } catch (IllegalArgumentException e) {
        problems.add("reason: unknown reason '" + reason + "'");
      }
    }
    String alt = alternate == null || alternate.isBlank() ? null : alternate.strip();
    if (!problems.isEmpty()) {
      throw new Invalid(problems);
    }
    return new AbsenceForm(f, u, r, alt);
  }

  private static LocalDateTime moment(String s, boolean end) {
    if (s.contains("T")) {
      return LocalDateTime.parse(s.length() == 16 ? s + ":00" : s);
    }
    LocalDate d = LocalDate.parse(s);
    return end ? d.plusDays(1).atStartOfDay() : d.atStartOfDay();
  }
}
