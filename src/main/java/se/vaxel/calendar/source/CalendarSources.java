package se.vaxel.calendar.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import se.vaxel.calendar.SourceSettings;

/** Makes the calendar source that {@link SourceSettings} describe. */
public final class CalendarSources {
  private CalendarSources() {}

  /** {@link #open(SourceSettings, Path, Limits)} with {@link Limits#DEFAULT}. */
  public static HttpCalendarSource open(SourceSettings settings, Path stateDir)
      throws SourceSetupException {
    return open(settings, stateDir, Limits.DEFAULT);
  }

  /**
   * Checks the settings (the address template, the credentials file, the state directory) and
   * makes the source.
   *
   * @param stateDir where the source keeps validators and documents between syncs, one
   *     directory per organisation (for example /var/lib/vaxel/calendar/ORG); created owner-only
   *     if missing. null keeps nothing: every read is then a full one, nothing is UNCHANGED
   * @throws SourceSetupException what is wrong, for everyone, and what to do
   */
  public static HttpCalendarSource open(SourceSettings settings, Path stateDir, Limits limits)
      throws SourceSetupException {
    Address.checkTemplate(settings.urlTemplate());
    if (settings.timeout().isZero() || settings.timeout().isNegative()) {
      throw new SourceSetupException("calendar source timeout must be positive, not "
          + settings.timeout());
    }
    String authorization = settings.credentials() == null ? null
        : basic(settings.credentials());
    Cache cache = new Cache(stateDir);
    try {
      cache.prepare();
    } catch (IOException e) {
      throw new SourceSetupException(stateDir + ": cannot keep calendars there (" + e.getMessage()
          + "); create it writable for the user running vaxel, or choose another directory");
    }
    Http http = new Http(settings.timeout(), authorization, settings.credentials());
    return switch (settings.kind()) {
      case ICAL_FEED -> new FeedSource(http, cache, limits, settings.urlTemplate());
      case CALDAV -> new CalDavSource(http, cache, limits, settings.urlTemplate());
    };
  }

  /**
   * The Basic Authorization header from a file whose first line is {@code user:password}. The
   * secret never appears in a message: only the file's name and what is wrong with its shape.
   */
  static String basic(Path file) throws SourceSetupException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SourceSetupException(file + ": no such credentials file; create it with one "
          + "line user:password, readable only by the user running vaxel");
    } catch (AccessDeniedException e) {
      throw new SourceSetupException(file + ": permission denied; make the credentials file "
          + "readable by the user running vaxel (for example group vaxel, mode 0640)");
    } catch (IOException e) {
      throw new SourceSetupException(file + ": cannot read the credentials file ("
          + e.getClass().getSimpleName() + ")");
    }
    String line = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst()
        .orElse("");
    int colon = line.indexOf(':');
    if (colon <= 0) {
      throw new SourceSetupException(file + ":1: expected one line user:password");
    }
    return "Basic " + Base64.getEncoder().encodeToString(line.getBytes(StandardCharsets.UTF_8));
  }
}
