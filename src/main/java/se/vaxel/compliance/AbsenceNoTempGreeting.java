package se.vaxel.compliance;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.Person;
import se.vaxel.live.EffectiveAbsence;
import se.vaxel.live.LiveOverride;

/**
 * Someone away for a whole working day or more has a temporary greeting, so a caller who ends up
 * in their voicemail hears that they are away. The span judged is the whole absence (a live
 * override's from..until, a planned absence's start..end), not what is left of it. The one vaxel
 * speaks ({@code speech.temporary-greeting}) counts like a recorded one: callers hear it. A shorter
 * absence (a meeting, a morning course) needs none. No finding where the probe did not run.
 */
final class AbsenceNoTempGreeting extends PersonRule {

  @Override
  public String id() {
    return "ABSENCE-NO-TEMP-GREETING";
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }

  @Override
  public String description() {
    return "someone away a whole working day or more has no temporary greeting recorded";
  }

  @Override
  Optional<String> judge(CheckInput input, Person person) {
    if (probe(input, person).filter(greeting -> !greeting.temporary()).isEmpty()) {
      return Optional.empty();
    }
    ZoneId zone = input.staff().organisation().timezone();
    return awayNow(input, person)
        .filter(away -> coversWholeWorkingDay(span(input, person, away), input.workingDays()))
        .map(away -> Phrases.away(away, zone) + (input.staff().speech()
            .speaksTemporaryGreeting(person)
            // The greeting probe cannot tell a recorded greeting from one vaxel spoke, so the
            // message says neither; with the option on, the missing one is apply's to place.
            ? " with no temporary greeting in mailbox " + person.extension() + ", although"
                + " speech.temporary-greeting is on: run vaxel apply, which speaks one"
            : " with no temporary greeting recorded in mailbox " + person.extension())
            + ": callers are not told they are away");
  }

  private record Span(LocalDateTime start, LocalDateTime end) {}

  private static Span span(CheckInput input, Person person, EffectiveAbsence away) {
    ZoneId zone = input.staff().organisation().timezone();
    if (away.live()) {
      LiveOverride o = input.snapshot().overrides().get(person.extension());
      return new Span(LocalDateTime.ofInstant(o.from(), zone),
          LocalDateTime.ofInstant(o.until(), zone));
    }
    Absence a = person.absenceAt(LocalDateTime.ofInstant(input.now(), zone)).orElseThrow();
    return new Span(a.start(), a.end());
  }

  /** Whether some working day lies wholly inside [start, end). */
  private static boolean coversWholeWorkingDay(Span span, WorkingDays workingDays) {
    LocalDate day = span.start().toLocalTime().equals(LocalTime.MIDNIGHT)
        ? span.start().toLocalDate() : span.start().toLocalDate().plusDays(1);
    // Ends at the first working day found, so a far-off end (a live override "until further
    // notice") costs a few days of looking, not years.
    for (; !day.plusDays(1).atStartOfDay().isAfter(span.end()); day = day.plusDays(1)) {
      if (workingDays.isWorkingDay(day)) {
        return true;
      }
    }
    return false;
  }
}
