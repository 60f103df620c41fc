package se.vaxel.model;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One member of staff as staff.yaml describes them. Optional fields are null when absent; the
 * loader has already rejected anything that could inject Asterisk configuration.
 *
 * @param language the person's own language, or null for the organisation's
 */
public record Person(
    String id,
    String firstName,
    String lastName,
    String title,
    String department,
    String workplace,
    String extension,
    String phone,
    String mobile,
    String email,
    Language language,
    List<AnswerExtra> answerWith,
    List<Absence> absences) {

  public Person {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(firstName, "firstName");
    Objects.requireNonNull(lastName, "lastName");
    answerWith = List.copyOf(answerWith == null ? List.of() : answerWith);
    absences = absences == null ? List.of()
        : absences.stream().sorted(java.util.Comparator.comparing(Absence::start)).toList();
  }

  public String fullName() {
    return firstName + " " + lastName;
  }

  public boolean hasExtension() {
    return extension != null;
  }

  /** T2: everyone with an extension and/or a work mobile records the greeting. */
  public boolean needsGreeting() {
    return extension != null || mobile != null;
  }

  public Language languageOr(Language fallback) {
    return language != null ? language : fallback;
  }

  /** The absence covering this day, or the first one starting later, if any. */
  public Optional<Absence> currentOrUpcomingAbsence(LocalDate day) {
    return absences.stream().filter(a -> a.isCurrentOrUpcoming(day)).findFirst();
  }

  /** The absence covering any part of this day, if any. */
  public Optional<Absence> absenceOn(LocalDate day) {
    return absences.stream().filter(a -> a.covers(day)).findFirst();
  }

  public Optional<Absence> absenceAt(LocalDateTime now) {
    return absences.stream().filter(a -> a.isCurrentAt(now)).findFirst();
  }
}
