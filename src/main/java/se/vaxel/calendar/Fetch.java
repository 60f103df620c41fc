package se.vaxel.calendar;

import java.util.List;
import java.util.Objects;

/**
 * One person's calendar as a source read it.
 *
 * @param owner whose
 * @param status what the read found
 * @param documents the iCalendar documents (VCALENDAR text) that make up the calendar: when
 *     {@link Status#UNCHANGED}, the ones the source kept from its last read, so the caller can
 *     decide again as time passes without asking the server; empty when {@link Status#FAILED}
 * @param problem for {@link Status#FAILED}: what went wrong, naming the person and the source
 *     (never a password or a private event's subject); null otherwise
 */
public record Fetch(CalendarOwner owner, Status status, List<String> documents, String problem) {

  /** What a read found. */
  public enum Status {
    /** Read from the server, different from the last read (or the first read). */
    CHANGED,
    /** The server said nothing changed (ETag/ctag); documents are the kept ones. */
    UNCHANGED,
    /**
     * Could not be read: the caller keeps the person's current state, never clears it because
     * of an error.
     */
    FAILED
  }

  public Fetch {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(status, "status");
    documents = List.copyOf(documents);
    if ((status == Status.FAILED) != (problem != null)) {
      throw new IllegalArgumentException("a failed read, and only that, has a problem");
    }
  }
}
