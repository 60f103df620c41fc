package se.vaxel.calendar.sync;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateListProperty;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.util.CompatibilityHints;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.model.Reason;

/**
 * Which event of one person's calendar is their absence: the one going on now, else the next
 * one to start within the horizon (one live override per extension, so one at a time). The only
 * class that knows ical4j: recurrences (RRULE, EXDATE, RECURRENCE-ID), time zones (TZID with
 * the calendar's VTIMEZONE or the tz database, UTC, floating times in the organisation's zone),
 * all-day dates.
 *
 * <p>What an absence carries out of here is its code, reason, times and a key: never the
 * subject or the description, so nothing downstream can show a private event's subject
 * (docs/calendar.md, "Private events").
 */
public final class CalendarEvents {

  /**
   * An event that means absence, one occurrence of it.
   *
   * @param key the event's stable key (SET-BY of the override): a hash of UID and
   *     RECURRENCE-ID, never the subject
   * @param code the code as written in the subject (SEM), or {@code busy} / {@code oof} for an
   *     event that counts by its busy state
   * @param alternate the staff id the event names ({@code kontakta anna.berg}), unchecked, or
   *     null
   */
  public record Absence(String key, Instant start, Instant end, Reason reason, String code,
      boolean allDay, boolean isPrivate, String alternate) {}

  /** A calendar the sync cannot judge: the person keeps their current state. */
  public static final class BadCalendarException extends Exception {
    public BadCalendarException(String message) {
      super(message);
    }
  }

  /**
   * The most events (VEVENT components, an exception to a recurrence counting as one) one
   * person's calendar may hold: parsing them is what costs, and a calendar past this is a
   * mistake or an export of years. Staff who hit it narrow their published calendar.
   */
  public static final int MAX_EVENTS = 4_000;
  /** The longest event that can be an absence: as staff.yaml's absences (three years). */
  public static final Duration MAX_LENGTH = Duration.ofDays(3 * 366);
  /** The most occurrences of one recurring event looked at within the window. */
  static final int MAX_OCCURRENCES = 1_000;

  /** A code first in the subject: letters, then ':' (routes) or ';' (information only). */
  private static final Pattern CODE = Pattern.compile("^\\s*([\\p{L}]{2,6})\\s*([:;])");
  /**
   * The alternate named in the subject or description: {@code kontakta anna.berg},
   * {@code kontakta: anna.berg}, {@code contact anna.berg}, {@code ersättare anna.berg}.
   */
  private static final Pattern ALTERNATE = Pattern.compile(
      "(?iu)(?<![\\p{L}])(?:kontakta|kontakt|contact|ersättare|ersattare)\\s*:?\\s*"
          + "([a-z0-9][a-z0-9._-]{0,63})");

  static {
    // Exchange, Google and Outlook feeds bend RFC 5545 (folding, unknown parameters); a
    // strict parser would turn each of those into a failed calendar.
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
    CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
  }

  private final CalendarSettings settings;
  private final ZoneId zone;

  /** @param zone the organisation's: floating times and all-day dates are read in it */
  public CalendarEvents(CalendarSettings settings, ZoneId zone) {
    this.settings = settings;
    this.zone = zone;
  }

  /** The absence that applies at {@code now}, else the next one within the horizon. */
  public Optional<Absence> decide(List<String> documents, Instant now)
      throws BadCalendarException {
    List<Absence> all = absences(documents, now);
    Instant horizon = now.plus(settings.horizon());
    Optional<Absence> current = all.stream()
        .filter(a -> !a.start().isAfter(now) && a.end().isAfter(now))
        .max(Comparator.comparing(Absence::end).thenComparing(Absence::key));
    if (current.isPresent()) {
      return current;
    }
    return all.stream()
        .filter(a -> a.start().isAfter(now) && a.start().isBefore(horizon))
        .min(Comparator.comparing(Absence::start).thenComparing(Absence::key));
  }

  /** Every occurrence of an absence that has not ended by {@code now} and starts in the window. */
  List<Absence> absences(List<String> documents, Instant now) throws BadCalendarException {
    List<VEvent> events = new ArrayList<>();
    for (String document : documents) {
      events.addAll(parse(document));
      if (events.size() > MAX_EVENTS) {
        throw new BadCalendarException("more than " + MAX_EVENTS + " events in the calendar; "
            + "publish only the calendar of work events, or fewer years of it");
      }
    }
    // An occurrence moved or changed has its own VEVENT with RECURRENCE-ID: the master's own
    // occurrence at that time gives way to it, whatever the exception says.
    Map<String, Set<Instant>> moved = new HashMap<>();
    for (VEvent e : events) {
      Optional<Property> rid = e.getProperty(Property.RECURRENCE_ID);
      if (rid.isPresent()) {
        try {
          moved.computeIfAbsent(uid(e), u -> new HashSet<>())
              .add(instant(((DateProperty<?>) rid.get()).getDate()));
        } catch (DateTimeException | IllegalArgumentException | ClassCastException
            | UnsupportedOperationException e2) {
          throw new BadCalendarException("an event (UID " + printable(uid(e)) + ") has a "
              + "RECURRENCE-ID that cannot be read (" + e2.getClass().getSimpleName() + ")");
        }
      }
    }
    Instant windowEnd = now.plus(settings.horizon());
    List<Absence> out = new ArrayList<>();
    for (VEvent e : events) {
      try {
        occurrences(e, now, windowEnd, moved, out);
      } catch (DateTimeException | IllegalArgumentException | ClassCastException
          | UnsupportedOperationException e2) {
        throw new BadCalendarException("an event (UID " + printable(uid(e)) + ") has dates "
            + "that cannot be read (" + e2.getClass().getSimpleName() + ")");
      }
    }
    return out;
  }

  private List<VEvent> parse(String document) throws BadCalendarException {
    Calendar calendar;
    try {
      calendar = new CalendarBuilder().build(new StringReader(document));
    } catch (ParserException e) {
      throw new BadCalendarException("malformed iCalendar at line " + e.getLineNo()
          + " of the calendar (" + (e.getCause() == null
              ? "not a VCALENDAR" : e.getCause().getClass().getSimpleName())
          + "); the calendar server or feed sends something that is not RFC 5545");
    } catch (IOException | RuntimeException e) {
      throw new BadCalendarException("malformed iCalendar (" + e.getClass().getSimpleName()
          + "); the calendar server or feed sends something that is not RFC 5545");
    }
    return calendar.getComponents(Component.VEVENT);
  }

  private void occurrences(VEvent e, Instant now, Instant windowEnd,
      Map<String, Set<Instant>> moved, List<Absence> out) throws BadCalendarException {
    if (text(e, Property.STATUS).equalsIgnoreCase("CANCELLED")) {
      return;
    }
    Kind kind = kind(e);
    if (kind == null) {
      return;
    }
    Optional<Property> dtStart = e.getProperty(Property.DTSTART);
    if (dtStart.isEmpty()) {
      return;
    }
    Temporal start = ((DateProperty<?>) dtStart.get()).getDate();
    boolean allDay = start instanceof LocalDate;
    if (allDay && settings.allDay() == CalendarSettings.Treatment.IGNORE) {
      return;
    }
    Temporal end = end(e, start);
    Instant first = instant(start);
    Instant firstEnd = instant(end);
    if (!firstEnd.isAfter(first)) {
      return;
    }
    if (Duration.between(first, firstEnd).compareTo(MAX_LENGTH) > 0) {
      throw new BadCalendarException("an event (" + kind.code + ", from "
          + first.atZone(zone).toLocalDate() + ") is "
          + Duration.between(first, firstEnd).toDays() + " days long, more than the "
          + MAX_LENGTH.toDays() + " an absence may be; shorten it or split it");
    }
    String uid = uid(e);
    Optional<Property> rid = e.getProperty(Property.RECURRENCE_ID);
    Optional<Property> rrule = e.getProperty(Property.RRULE);
    if (rid.isPresent() || rrule.isEmpty()) {
      String occurrence = rid.map(r -> Long.toString(
          instant(((DateProperty<?>) r).getDate()).getEpochSecond())).orElse("");
      add(out, kind, uid, occurrence, first, firstEnd, allDay, now, windowEnd);
      return;
    }
    // A recurring event: its occurrences that could still be going on now or start within the
    // horizon. The seed keeps DTSTART's own type and zone, so a weekly 09:00 in Stockholm stays
    // 09:00 across a summer-time change.
    Set<Instant> excluded = new HashSet<>(moved.getOrDefault(uid, Set.of()));
    for (Property p : e.getProperties(Property.EXDATE)) {
      for (Object d : ((DateListProperty<?>) p).getDates()) {
        excluded.add(instant((Temporal) d));
      }
    }
    Duration longest = Duration.between(first, firstEnd).plusDays(1);
    Temporal seed = allDay ? start : zoned(start);
    Temporal from = allDay ? LocalDate.ofInstant(now.minus(longest), zone)
        : now.minus(longest).atZone(((ZonedDateTime) seed).getZone());
    Temporal to = allDay ? LocalDate.ofInstant(windowEnd, zone).plusDays(1)
        : windowEnd.atZone(((ZonedDateTime) seed).getZone());
    @SuppressWarnings("unchecked")
    Recur<Temporal> recur = (Recur<Temporal>) ((RRule<?>) rrule.get()).getRecur();
    List<Temporal> dates = recur.getDates(seed, from, to, MAX_OCCURRENCES);
    for (Temporal d : dates) {
      Instant s = instant(d);
      if (excluded.contains(s)) {
        continue;
      }
      Instant en = instant(plusLength(d, start, end));
      add(out, kind, uid, Long.toString(s.getEpochSecond()), s, en, allDay, now, windowEnd);
    }
  }

  private void add(List<Absence> out, Kind kind, String uid, String occurrence, Instant start,
      Instant end, boolean allDay, Instant now, Instant windowEnd) {
    if (!end.isAfter(now) || !start.isBefore(windowEnd)) {
      return;
    }
    out.add(new Absence(key(uid, occurrence), start, end, kind.reason, kind.code, allDay,
        kind.isPrivate, kind.alternate));
  }

  /** What an event is, if an absence: decided from its subject's code or its busy state. */
  private record Kind(Reason reason, String code, boolean isPrivate, String alternate) {}

  private Kind kind(VEvent e) {
    String clazz = text(e, Property.CLASS).toUpperCase(Locale.ROOT);
    boolean isPrivate = clazz.equals("PRIVATE") || clazz.equals("CONFIDENTIAL");
    if (isPrivate && settings.privateEvents() == CalendarSettings.Treatment.IGNORE) {
      return null;
    }
    String summary = text(e, Property.SUMMARY);
    Matcher m = CODE.matcher(summary);
    String alternate = alternate(summary + "\n" + text(e, Property.DESCRIPTION));
    if (m.find()) {
      String code = m.group(1).toUpperCase(Locale.ROOT);
      Reason reason = settings.codes().get(code);
      if (reason != null) {
        // ';' is information only: calls still ring through.
        return m.group(2).equals(":") ? new Kind(reason, code, isPrivate, alternate) : null;
      }
    }
    String busy = text(e, "X-MICROSOFT-CDO-BUSYSTATUS").toUpperCase(Locale.ROOT);
    boolean oof = busy.equals("OOF");
    switch (settings.busy()) {
      case OUT_OF_OFFICE:
        return oof ? new Kind(Reason.ANNAT, "oof", isPrivate, alternate) : null;
      case BUSY:
        boolean free = text(e, Property.TRANSP).equalsIgnoreCase("TRANSPARENT")
            || busy.equals("FREE") || busy.equals("TENTATIVE")
            || text(e, Property.STATUS).equalsIgnoreCase("TENTATIVE");
        if (oof) {
          return new Kind(Reason.ANNAT, "oof", isPrivate, alternate);
        }
        return free ? null : new Kind(Reason.ANNAT, "busy", isPrivate, alternate);
      default:
        return null;
    }
  }

  private static String alternate(String text) {
    Matcher m = ALTERNATE.matcher(text);
    if (!m.find()) {
      return null;
    }
    String id = m.group(1).toLowerCase(Locale.ROOT);
    // "kontakta anna.berg." ends a sentence; ids do not end in '.'.
    return id.replaceAll("[._-]+$", "");
  }

  private Temporal end(VEvent e, Temporal start) {
    Optional<Property> dtEnd = e.getProperty(Property.DTEND);
    if (dtEnd.isPresent()) {
      return ((DateProperty<?>) dtEnd.get()).getDate();
    }
    Optional<Property> duration = e.getProperty(Property.DURATION);
    if (duration.isPresent()) {
      TemporalAmount amount =
          ((net.fortuna.ical4j.model.property.Duration) duration.get()).getDuration();
      return start.plus(amount);
    }
    // RFC 5545: without either, a DATE lasts the day, a DATE-TIME takes no time.
    return start instanceof LocalDate d ? d.plusDays(1) : start;
  }

  /**
   * An occurrence's end: its start plus the first's length, counted in days for all-day events
   * and in local time for events whose start and end share a zone (an event from 09:00 to
   * 17:00 lasts to 17:00 also on the day summer time begins), else exactly.
   */
  private Temporal plusLength(Temporal occurrence, Temporal start, Temporal end) {
    if (occurrence instanceof LocalDate d) {
      return d.plusDays(ChronoUnit.DAYS.between((LocalDate) start, toDate(end)));
    }
    ZonedDateTime s = zoned(start);
    ZonedDateTime en = zoned(end);
    ZonedDateTime occ = (ZonedDateTime) occurrence;
    if (s.getZone().equals(en.getZone())) {
      return occ.toLocalDateTime()
          .plus(Duration.between(s.toLocalDateTime(), en.toLocalDateTime()))
          .atZone(occ.getZone());
    }
    return occ.plus(Duration.between(s, en));
  }

  private static LocalDate toDate(Temporal t) {
    return t instanceof LocalDate d ? d : LocalDate.from(t);
  }

  private ZonedDateTime zoned(Temporal t) {
    if (t == null) {
      // A property without a value (DTSTART; RECURRENCE-ID;) parses to no date at all.
      throw new DateTimeException("no date");
    }
    if (t instanceof ZonedDateTime z) {
      return z;
    }
    if (t instanceof OffsetDateTime o) {
      return o.toZonedDateTime();
    }
    if (t instanceof Instant i) {
      return i.atZone(ZoneOffset.UTC);
    }
    if (t instanceof LocalDateTime l) {
      // A floating time is the reader's local time: the organisation's.
      return l.atZone(zone);
    }
    if (t instanceof LocalDate d) {
      return d.atStartOfDay(zone);
    }
    throw new DateTimeException("unsupported date " + t.getClass().getSimpleName());
  }

  private Instant instant(Temporal t) {
    return zoned(t).toInstant();
  }

  private static String uid(VEvent e) {
    return text(e, Property.UID);
  }

  private static String text(Component c, String name) {
    return c.getProperty(name).map(p -> ((Property) p).getValue()).orElse("");
  }

  /**
   * The event's key: its UID and which occurrence, hashed, so the stored value is short, has
   * no '|', and says nothing of the event to anyone reading AstDB.
   */
  static String key(String uid, String occurrence) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(
          (uid + "\n" + occurrence).getBytes(StandardCharsets.UTF_8));
      return "cal-" + HexFormat.of().formatHex(hash, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  private static String printable(String s) {
    String cut = s.length() > 60 ? s.substring(0, 60) + "..." : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
