package se.vaxel.calendar;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where an organisation's calendars are read from: staff.yaml's {@code calendar.source}.
 *
 * @param kind an iCalendar feed per person, or a CalDAV calendar collection per person
 * @param urlTemplate the address of one person's calendar, with {@code {email}}, {@code {id}} and
 *     {@code {extension}} replaced (URL-encoded) per person; a person's own {@code url} replaces it
 * @param credentials a file holding {@code user:password} for HTTP Basic, or null for none; the
 *     secret stays in its file, never in staff.yaml, argv or messages
 * @param timeout the longest one request may take
 */
public record SourceSettings(Kind kind, String urlTemplate, Path credentials, Duration timeout) {

  /** How calendars are reached. */
  public enum Kind {
    /** An iCalendar document at an address (http or https), read with a conditional GET. */
    ICAL_FEED,
    /** A CalDAV calendar collection, read with its ctag and the events' ETags. */
    CALDAV
  }

  public SourceSettings {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(urlTemplate, "urlTemplate");
    Objects.requireNonNull(timeout, "timeout");
  }
}
