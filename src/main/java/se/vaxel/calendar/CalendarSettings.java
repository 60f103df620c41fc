package se.vaxel.calendar;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import se.vaxel.model.Reason;

/**
 * Which events of an organisation's calendars are absences, and where the calendars are:
 * staff.yaml's {@code calendar:} block and the people's own {@code calendar:} (docs/calendar.md).
 * The one owner of the rules' defaults.
 *
 * @param source where calendars are read; null when staff.yaml names none (the sync then has
 *     nothing to read for this organisation)
 * @param codes code word (upper case, without its {@code :} or {@code ;}) to the reason it means
 * @param busy whether an event without a code counts by its busy state alone
 * @param allDay what an all-day event with a code does
 * @param privateEvents what a private or confidential event with a code does; its subject is
 *     never shown, whatever this says
 * @param horizon how far ahead an upcoming event is put on the PBX before it starts
 * @param people per person id, their own settings; absent means the organisation's
 */
public record CalendarSettings(
    SourceSettings source,
    Map<String, Reason> codes,
    Busy busy,
    Treatment allDay,
    Treatment privateEvents,
    Duration horizon,
    Map<String, PersonCalendar> people) {

  /** What counts of an event's busy state (TRANSP, X-MICROSOFT-CDO-BUSYSTATUS) alone. */
  public enum Busy {
    /** Only a code in the subject makes an absence. */
    NONE("none"),
    /** Also an event marked out of office (Outlook/Exchange's OOF), as {@code annat}. */
    OUT_OF_OFFICE("out-of-office"),
    /** Also every event that shows its time as busy (Tibro's rule), as {@code annat}. */
    BUSY("busy");

    private final String key;

    Busy(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /** Whether a kind of event routes calls. */
  public enum Treatment {
    ROUTE("route"),
    IGNORE("ignore");

    private final String key;

    Treatment(String key) {
      this.key = key;
    }

    public String key() {
      return key;
    }
  }

  /**
   * One person's own calendar settings.
   *
   * @param enabled false ({@code calendar: false}) skips the person
   * @param url their own calendar address, or null for the organisation's template
   * @param alternate staff id who takes their calls when an event names no one, or null for the
   *     switchboard
   */
  public record PersonCalendar(boolean enabled, String url, String alternate) {
    public static final PersonCalendar DEFAULT = new PersonCalendar(true, null, null);
  }

  /**
   * The Trio-style codes (Trio Enterprise, Tellus, Soluno), which staff of Swedish
   * organisations already know. Sickness is stored as {@code annat} (Reason.disclosed).
   */
  public static final Map<String, Reason> DEFAULT_CODES = defaultCodes();

  public static final Duration DEFAULT_HORIZON = Duration.ofDays(7);

  public CalendarSettings {
    codes = Map.copyOf(Objects.requireNonNull(codes, "codes"));
    Objects.requireNonNull(busy, "busy");
    Objects.requireNonNull(allDay, "allDay");
    Objects.requireNonNull(privateEvents, "privateEvents");
    Objects.requireNonNull(horizon, "horizon");
    people = Map.copyOf(Objects.requireNonNull(people, "people"));
  }

  /** The shipped defaults, reading from {@code source}. */
  public static CalendarSettings defaults(SourceSettings source) {
    return new CalendarSettings(source, DEFAULT_CODES, Busy.NONE, Treatment.ROUTE,
        Treatment.ROUTE, DEFAULT_HORIZON, Map.of());
  }

  public PersonCalendar of(String personId) {
    return people.getOrDefault(personId, PersonCalendar.DEFAULT);
  }

  private static Map<String, Reason> defaultCodes() {
    Map<String, Reason> m = new LinkedHashMap<>();
    m.put("SEM", Reason.SEMESTER);
    m.put("TJR", Reason.TJANSTERESA);
    m.put("UTB", Reason.UTBILDNING);
    m.put("KURS", Reason.UTBILDNING);
    m.put("MÖT", Reason.MOTE);
    m.put("MOT", Reason.MOTE);
    m.put("FLE", Reason.FORALDRALEDIG);
    m.put("SJK", Reason.ANNAT);
    m.put("LED", Reason.ANNAT);
    m.put("ÖVR", Reason.ANNAT);
    m.put("OVR", Reason.ANNAT);
    return Map.copyOf(m);
  }
}
