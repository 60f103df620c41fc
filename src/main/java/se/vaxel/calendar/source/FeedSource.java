package se.vaxel.calendar.source;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.Fetch;

/**
 * An iCalendar document per person (an {@code .ics} address), read with a conditional GET: the
 * kept ETag as If-None-Match and Last-Modified as If-Modified-Since, so an unchanged calendar
 * costs one request and a 304.
 */
final class FeedSource extends HttpCalendarSource {
  static final String KIND = "ical-feed";
  private static final Pattern VEVENT =
      Pattern.compile("^BEGIN:VEVENT\\r?$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE);

  FeedSource(Http http, Cache cache, Limits limits, String template) {
    super(http, cache, limits, template);
  }

  @Override
  Fetch read(CalendarOwner owner, String address, URI uri, Cache.Kept kept)
      throws SourceProblem, IOException {
    boolean usable = kept.isFor(KIND, address) && kept.resources().size() == 1;
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Accept", "text/calendar, */*;q=0.5");
    if (usable && kept.validator("etag") != null) {
      headers.put("If-None-Match", kept.validator("etag"));
    }
    if (usable && kept.validator("last-modified") != null) {
      headers.put("If-Modified-Since", kept.validator("last-modified"));
    }
    Http.Response r = http.send("GET", uri, headers, null, limits.maxBytes(), tooLarge());
    if (r.status() == 304 && usable) {
      return new Fetch(owner, Fetch.Status.UNCHANGED, kept.documents(), null);
    }
    if (r.status() != 200) {
      throw r.status() == 304
          ? new SourceProblem("the server answered 304 Not Modified to an unconditional GET")
          : http.refused(r);
    }
    downloaded.incrementAndGet();
    String text = r.text();
    check(text, r.header("Content-Type"));
    Map<String, String> validators = new LinkedHashMap<>();
    if (r.header("ETag") != null) {
      validators.put("etag", r.header("ETag"));
    }
    if (r.header("Last-Modified") != null) {
      validators.put("last-modified", r.header("Last-Modified"));
    }
    Cache.Kept now = new Cache.Kept(KIND, address, validators,
        List.of(new Cache.Resource(address, validators.getOrDefault("etag", ""), text)));
    cache.save(owner.personId(), now);
    // A server without validators sends the whole calendar each time: the same text is still
    // no change, so the sync does no work for it.
    boolean same = usable && kept.resources().get(0).data().equals(text);
    return new Fetch(owner, same ? Fetch.Status.UNCHANGED : Fetch.Status.CHANGED,
        List.of(text), null);
  }

  /**
   * A sanity check, not a parse (the sync's iCalendar library parses): the answer must be a
   * whole VCALENDAR, and not hold more events than a person may have. A login page or a cut-off
   * download is thus a FAILED read, never an empty calendar that would clear absences.
   */
  private void check(String text, String contentType) throws SourceProblem {
    String start = text.stripLeading();
    if (start.startsWith("\uFEFF")) {
      start = start.substring(1);
    }
    if (!start.regionMatches(true, 0, "BEGIN:VCALENDAR", 0, 15)) {
      throw new SourceProblem("the answer is not an iCalendar document (Content-Type "
          + (contentType == null ? "none" : contentType) + ", it begins with '"
          + printable(start) + "'); check the address");
    }
    if (!Pattern.compile("^END:VCALENDAR\\r?$", Pattern.MULTILINE | Pattern.CASE_INSENSITIVE)
        .matcher(text).find()) {
      throw new SourceProblem("the iCalendar document is cut off (no END:VCALENDAR)");
    }
    int events = 0;
    Matcher m = VEVENT.matcher(text);
    while (m.find()) {
      events++;
    }
    if (events > limits.maxEvents()) {
      throw tooMany(events);
    }
  }

  private static String printable(String s) {
    String head = s.length() > 20 ? s.substring(0, 20) : s;
    return head.replaceAll("[\\p{Cntrl}]", " ");
  }
}
