package se.vaxel.staff;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import se.vaxel.calendar.CalendarSettings;
import se.vaxel.calendar.CalendarSettings.Busy;
import se.vaxel.calendar.CalendarSettings.PersonCalendar;
import se.vaxel.calendar.CalendarSettings.Treatment;
import se.vaxel.calendar.SourceSettings;
import se.vaxel.model.Reason;

/**
 * Reads staff.yaml's {@code calendar:} block and the people's own {@code calendar:} values into
 * {@link CalendarSettings}, reporting every problem at its line and column. Its own class so the
 * calendar's keys are in one place (docs/calendar.md lists them).
 */
final class CalendarReader {
  static final List<String> CALENDAR =
      List.of("source", "codes", "busy", "all-day", "private", "horizon-days");
  static final List<String> SOURCE = List.of("kind", "url", "credentials", "timeout");
  static final List<String> PERSON = List.of("url", "alternate");
  /** A code is a short word: Trio's are three letters; room for KURS, LEDIG. */
  static final Pattern CODE = Pattern.compile("[A-ZÅÄÖ]{2,6}");
  static final int DEFAULT_TIMEOUT_SECONDS = 10;
  static final int MAX_TIMEOUT_SECONDS = 300;
  static final int MAX_HORIZON_DAYS = 90;

  private final Problems problems;

  CalendarReader(Problems problems) {
    this.problems = problems;
  }

  /**
   * The settings, or null when the organisation has no calendar block (a person's own
   * {@code calendar:} then has nothing to refine and is reported).
   *
   * @param node the top-level {@code calendar:} value, or null
   * @param people each person's {@code calendar:} value by staff id
   * @param ids every staff id in the file (an alternate must be one)
   */
  CalendarSettings read(Node node, Map<String, Node> people, Set<String> ids) {
    if (node == null) {
      people.values().forEach(n -> problems.add(n, "a person's calendar needs the "
          + "organisation's calendar block (top-level 'calendar:' with a source); add one, or "
          + "remove this"));
      return null;
    }
    if (!(node instanceof MappingNode mapping)) {
      problems.add(node, "'calendar' must be a mapping with source, codes, busy, all-day, "
          + "private and horizon-days, found " + Fields.describe(node));
      return null;
    }
    Fields f = new Fields(mapping, "calendar", CALENDAR, problems);
    MappingNode sourceNode = f.mapping("source", false);
    SourceSettings source = sourceNode == null ? null : source(sourceNode);
    Map<String, Reason> codes = f.has("codes") ? codes(f.mapping("codes", false))
        : CalendarSettings.DEFAULT_CODES;
    Busy busy = choice(f.scalar("busy", false), "busy", Busy.values(), Busy::key, Busy.NONE);
    Treatment allDay = choice(f.scalar("all-day", false), "all-day", Treatment.values(),
        Treatment::key, Treatment.ROUTE);
    Treatment privateEvents = choice(f.scalar("private", false), "private",
        Treatment.values(), Treatment::key, Treatment.ROUTE);
    Integer horizon = number(f.scalar("horizon-days", false), "horizon-days", 0,
        MAX_HORIZON_DAYS);
    Map<String, PersonCalendar> own = new LinkedHashMap<>();
    people.forEach((id, n) -> {
      PersonCalendar p = person(n, id, ids);
      if (p != null) {
        own.put(id, p);
      }
    });
    return new CalendarSettings(source, codes == null ? Map.of() : codes, busy, allDay,
        privateEvents, horizon == null ? CalendarSettings.DEFAULT_HORIZON
            : Duration.ofDays(horizon), own);
  }

  private SourceSettings source(MappingNode node) {
    Fields f = new Fields(node, "calendar.source", SOURCE, problems);
    ScalarNode kindNode = f.scalar("kind", true);
    SourceSettings.Kind kind = null;
    if (kindNode != null) {
      switch (kindNode.getValue().strip()) {
        case "ical" -> kind = SourceSettings.Kind.ICAL_FEED;
        case "caldav" -> kind = SourceSettings.Kind.CALDAV;
        default -> problems.add(kindNode, "calendar.source.kind "
            + FreeText.quoted(kindNode.getValue()) + " must be ical (an iCalendar feed per "
            + "person) or caldav (a CalDAV calendar collection per person)");
      }
    }
    ScalarNode urlNode = f.scalar("url", true);
    String url = urlNode == null ? null : url(urlNode, "calendar.source.url");
    ScalarNode credentialsNode = f.scalar("credentials", false);
    Path credentials = null;
    if (credentialsNode != null) {
      String text = credentialsNode.getValue().strip();
      if (text.isEmpty() || text.chars().anyMatch(c -> c < 0x20)) {
        problems.add(credentialsNode, "calendar.source.credentials must be the path of a file "
            + "holding user:password (the secret itself never goes in staff.yaml)");
      } else {
        credentials = Path.of(text);
      }
    }
    Integer timeout = number(f.scalar("timeout", false), "calendar.source.timeout", 1,
        MAX_TIMEOUT_SECONDS);
    if (kind == null || url == null) {
      return null;
    }
    return new SourceSettings(kind, url, credentials,
        Duration.ofSeconds(timeout == null ? DEFAULT_TIMEOUT_SECONDS : timeout));
  }

  private String url(ScalarNode node, String what) {
    String text = node.getValue().strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (!(lower.startsWith("https://") || lower.startsWith("http://"))
        || text.chars().anyMatch(c -> c <= 0x20 || c == 0x7f)) {
      problems.add(node, what + " " + FreeText.quoted(FreeText.printable(text, 100))
          + " must be an http or https address without spaces, for example "
          + "https://cal.example.se/{email}/calendar/");
      return null;
    }
    return text;
  }

  private Map<String, Reason> codes(MappingNode node) {
    if (node == null) {
      return null;
    }
    Map<String, Reason> codes = new LinkedHashMap<>();
    for (NodeTuple t : node.getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode key)) {
        problems.add(t.getKeyNode(), "a code in calendar.codes must be text");
        continue;
      }
      String code = key.getValue().strip().toUpperCase(Locale.ROOT);
      if (!CODE.matcher(code).matches()) {
        problems.add(key, "calendar code " + FreeText.quoted(key.getValue()) + " must be 2 to 6 "
            + "letters (A-Z, Å, Ä, Ö), written without its ':' or ';', for example SEM");
        continue;
      }
      if (codes.containsKey(code)) {
        problems.add(key, "calendar code " + code + " is given twice");
        continue;
      }
      Reason reason = t.getValueNode() instanceof ScalarNode v
          ? choice(v, "calendar code " + code, Reason.values(), Reason::key, null) : null;
      if (!(t.getValueNode() instanceof ScalarNode)) {
        problems.add(t.getValueNode(), "calendar code " + code + " must name a reason: "
            + reasons());
      }
      if (reason != null) {
        codes.put(code, reason.disclosed());
      }
    }
    if (codes.isEmpty() && node.getValue().isEmpty()) {
      problems.add(node, "calendar.codes is empty: no event would ever route; leave it out for "
          + "the shipped codes (SEM, TJR, UTB, MÖT, FLE, SJK, ÖVR ...)");
    }
    return codes;
  }

  private PersonCalendar person(Node node, String id, Set<String> ids) {
    if (node instanceof ScalarNode s && !(Fields.isNull(s))) {
      if (s.getValue().strip().equals("false")) {
        return new PersonCalendar(false, null, null);
      }
      problems.add(s, "a person's calendar must be false (not synced) or a mapping with url "
          + "and/or alternate, found " + FreeText.quoted(s.getValue()));
      return null;
    }
    if (!(node instanceof MappingNode m)) {
      problems.add(node, "a person's calendar must be false or a mapping with url and/or "
          + "alternate, found " + Fields.describe(node));
      return null;
    }
    Fields f = new Fields(m, "a person's calendar", PERSON, problems);
    ScalarNode urlNode = f.scalar("url", false);
    String url = urlNode == null ? null : url(urlNode, "calendar.url");
    ScalarNode altNode = f.scalar("alternate", false);
    String alternate = null;
    if (altNode != null) {
      alternate = altNode.getValue().strip();
      if (!ids.contains(alternate)) {
        problems.add(altNode, "calendar.alternate " + FreeText.quoted(alternate)
            + " is not a staff id in this file");
        alternate = null;
      } else if (alternate.equals(id)) {
        problems.add(altNode, "calendar.alternate cannot be " + id + " themselves");
        alternate = null;
      }
    }
    return new PersonCalendar(true, url, alternate);
  }

  private Integer number(ScalarNode node, String what, int min, int max) {
    if (node == null) {
      return null;
    }
    String text = node.getValue().strip();
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(node, what + " " + FreeText.quoted(text) + " must be a whole number from "
        + min + " to " + max);
    return null;
  }

  private <E> E choice(ScalarNode node, String what, E[] values,
      java.util.function.Function<E, String> key, E fallback) {
    if (node == null) {
      return fallback;
    }
    String text = node.getValue().strip();
    for (E e : values) {
      if (key.apply(e).equals(text)) {
        return e;
      }
    }
    problems.add(node, what + " " + FreeText.quoted(text) + " must be one of: "
        + String.join(", ", java.util.Arrays.stream(values).map(key).toList()));
    return fallback;
  }

  private static String reasons() {
    return String.join(", ", java.util.Arrays.stream(Reason.values()).map(Reason::key)
        .toList());
  }
}
