package se.vaxel.calendar.source;

import java.nio.file.Path;
import se.vaxel.calendar.CalendarSource;
import se.vaxel.calendar.SourceSettings;

/**
 * Makes the calendar source that {@link SourceSettings} describe. Placeholder of the sync's
 * branch: the feed and CalDAV clients replace this class when they are merged (same signature).
 */
public final class CalendarSources {
  private CalendarSources() {}

  /**
   * The source for {@code settings}, keeping its reads in {@code stateDir} (null: none).
   *
   * @throws SourceSetupException what is wrong, for everyone, and what to do
   */
  public static CalendarSource open(SourceSettings settings, Path stateDir)
      throws SourceSetupException {
    throw new SourceSetupException("this build of vaxel has no " + settings.kind()
        + " calendar client yet");
  }
}
