package se.vaxel.calendar;

import java.util.List;

/**
 * Reads people's calendars. Implementations: an iCalendar feed per person, a CalDAV collection
 * per person ({@link SourceSettings.Kind}).
 */
public interface CalendarSource extends AutoCloseable {

  /**
   * Reads every owner's calendar: one {@link Fetch} per owner, in the owners' order. One
   * person's failure is that person's {@link Fetch.Status#FAILED}, never an exception, so the
   * sync of everyone else goes on.
   */
  List<Fetch> fetchAll(List<CalendarOwner> owners);

  @Override
  default void close() {}
}
