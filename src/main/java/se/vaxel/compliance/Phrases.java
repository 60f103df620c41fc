package se.vaxel.compliance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import se.vaxel.model.CallRouting;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;
import se.vaxel.live.EffectiveAbsence;

/** The wording the rules' messages share, so a report reads the same from rule to rule. */
final class Phrases {
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private Phrases() {}

  /** "anna.berg (Anna Berg)". */
  static String person(Person p) {
    return p.id() + " (" + p.fullName() + ")";
  }

  /** "2102 (Anna Berg)", or "the switchboard" for {@link CallRouting#SWITCHBOARD}. */
  static String target(Staff staff, String extension) {
    if (CallRouting.SWITCHBOARD.equals(extension)) {
      return "the switchboard";
    }
    return extension + staff.byExtension(extension).map(p -> " (" + p.fullName() + ")").orElse("");
  }

  /**
   * "away through 2026-08-09 (staff.yaml)" or "away until 2026-08-05 12:00 (live override)": an
   * end at midnight is shown as the last day, the way staff.yaml's inclusive {@code until} reads.
   */
  static String away(EffectiveAbsence absence, ZoneId zone) {
    return "away " + period(absence, zone);
  }

  /** "through 2026-08-09 (staff.yaml)": when the absence ends and what decided it. */
  static String period(EffectiveAbsence absence, ZoneId zone) {
    return until(absence.until(), zone) + (absence.live() ? " (live override)" : " (staff.yaml)");
  }

  private static String until(Instant end, ZoneId zone) {
    LocalDateTime local = LocalDateTime.ofInstant(end, zone);
    return local.toLocalTime().equals(LocalTime.MIDNIGHT)
        ? "through " + local.toLocalDate().minusDays(1)
        : "until " + local.format(MINUTE);
  }

  /** "e-mail 'a@b.se'", or "no e-mail" when the value is empty. */
  static String has(String what, String value) {
    return value.isEmpty() ? "no " + what : what + " " + quoted(value);
  }

  /** "'a@b.se'", or "none" when the value is empty. */
  static String quoted(String value) {
    return value.isEmpty() ? "none" : "'" + value + "'";
  }
}
