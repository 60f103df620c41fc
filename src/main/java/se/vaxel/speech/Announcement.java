package se.vaxel.speech;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Objects;
import se.vaxel.model.Absence;
import se.vaxel.model.Language;
import se.vaxel.model.Reason;

/**
 * What a caller hears before a call to an absent person goes on: everything the sentence says,
 * decided elsewhere (who covers, which day they are back), so that this package only words and
 * voices it.
 *
 * <p>{@code start} is inclusive and {@code end} exclusive, as in {@link Absence}: a whole-day
 * absence until 6 December ends at 7 December 00:00.
 *
 * @param personName the absent person's full name, as the caller knows them
 * @param language the person's language: the sentence's language and voice
 * @param reason why they are away; the sentence only ever gets {@link Reason#disclosed()}
 * @param backDay the day they are expected back (a working day, see
 *     {@code WorkingDays#returnDay}), or null not to say it
 * @param target where the call goes after the sentence
 */
public record Announcement(
    String personName,
    Language language,
    Reason reason,
    LocalDateTime start,
    LocalDateTime end,
    LocalDate backDay,
    Target target) {

  public Announcement {
    Objects.requireNonNull(personName, "personName");
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(target, "target");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("announcement ends before it starts: " + start + " " + end);
    }
  }

  /** The announcement of a staff.yaml or live absence. */
  public static Announcement of(String personName, Language language, Absence absence,
      LocalDate backDay, Target target) {
    return new Announcement(personName, language, absence.reason(), absence.start(),
        absence.end(), backDay, target);
  }

  /** The last day away (the policy's inclusive "till och med"). */
  public LocalDate lastDay() {
    return end.minusNanos(1).toLocalDate();
  }

  /** The time of day it ends, or null for an absence that ends at midnight. */
  public LocalTime endTime() {
    return end.toLocalTime().equals(LocalTime.MIDNIGHT) ? null : end.toLocalTime();
  }

  /** Where the call goes once the sentence has been said. */
  public record Target(Kind kind, String name) {
    public Target {
      Objects.requireNonNull(kind, "kind");
      if (kind == Kind.PERSON && (name == null || name.isBlank())) {
        throw new IllegalArgumentException("a person target needs a name");
      }
      if (kind != Kind.PERSON) {
        name = null;
      }
    }

    public static Target person(String name) {
      return new Target(Kind.PERSON, name);
    }

    public static Target switchboard() {
      return new Target(Kind.SWITCHBOARD, null);
    }

    public static Target voicemail() {
      return new Target(Kind.VOICEMAIL, null);
    }

    /**
     * What the caller is told of a cover decided by {@link se.vaxel.model.Coverage}, its one
     * owner: the contact when their phone rings, else the switchboard (which then refers callers
     * to a contact without an extension, as every text says).
     */
    public static Target of(se.vaxel.model.Coverage.Cover cover) {
      return cover.ringsContact() ? person(cover.contact().fullName()) : switchboard();
    }
  }

  /** The kinds a template tells apart; the template sees the lower-case name. */
  public enum Kind {
    /** Another person's phone: "Du kopplas nu till Anna Berg." */
    PERSON,
    /** The switchboard: "Du kopplas nu till växeln." */
    SWITCHBOARD,
    /** Nobody can take it: the absent person's voicemail. */
    VOICEMAIL
  }
}
