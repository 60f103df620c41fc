package se.vaxel.calendar;

import java.util.Objects;

/**
 * Whose calendar is read: what a calendar source needs of a person, and no more.
 *
 * @param personId the staff id (for messages and the cache)
 * @param email the person's e-mail address, or null
 * @param extension the person's extension, or null
 * @param url the person's own calendar address from staff.yaml, replacing the organisation's
 *     template; null to use the template
 */
public record CalendarOwner(String personId, String email, String extension, String url) {
  public CalendarOwner {
    Objects.requireNonNull(personId, "personId");
  }
}
