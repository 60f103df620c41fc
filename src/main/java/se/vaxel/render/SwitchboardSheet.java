package se.vaxel.render;

import java.text.CollationKey;
import java.text.Collator;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import se.vaxel.model.Absence;
import se.vaxel.model.Coverage;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;

/**
 * The switchboard's sheet for one day ({@code out/switchboard.html}): everyone's number and
 * answering phrase, who is away today, until when and who answers instead, and who will be away.
 *
 * <p>Rendered by {@code <organisation language>/switchboard.html.ftl}, which escapes for HTML.
 * Its model: {@code locale}, {@code orgName}, {@code date} (date map with year, see
 * {@link SpokenDate#of}), {@code people} (every row, by last name), {@code absentToday} (the rows
 * with an absence today) and {@code upcoming} (absences starting after today, by start, each
 * {@code person} (a row) and {@code absence}).
 *
 * <p>A row has {@code name}, {@code extension}, {@code mobile} (both optional),
 * {@code answering} (T1 in the person's language) and {@code absence} when away today. An
 * absence has {@code reason} (never "sjuk", see {@link Texts#disclosedReason}), {@code from} and
 * {@code until} (date maps, the first and last day), {@code untilTime} (a clock map, for an
 * absence ending at a time of day), {@code returnDay} (date map) and {@code alternate}, the
 * named contact of {@link Coverage} at the first moment of the day shown, absent when nobody
 * is named: {@code name}, {@code extension}, {@code phone} (direct, else mobile), {@code mobile}
 * and {@code why}: {@code contact} (calls ring them), {@code no-extension} (calls come to the
 * switchboard, which refers callers to them) or {@code contact-away} (they are away too; calls
 * come to the switchboard). Date maps carry a year only when it is not the sheet's year.
 */
public final class SwitchboardSheet {
  /** The template's names for {@link Coverage.Why}. */
  private static final Map<Coverage.Why, String> WHY = Map.of(
      Coverage.Why.CONTACT, "contact",
      Coverage.Why.NO_EXTENSION, "no-extension",
      Coverage.Why.CONTACT_AWAY, "contact-away");

  private final Templates templates;
  private final Texts texts;

  public SwitchboardSheet(Templates templates, Texts texts) {
    this.templates = Objects.requireNonNull(templates, "templates");
    this.texts = Objects.requireNonNull(texts, "texts");
  }

  public String render(Staff staff, LocalDate today) {
    Language lang = staff.organisation().language();
    Locale locale = lang.locale();
    TextModel model = organisation(staff, today, locale)
        .put(Templates.LOCALE, locale)
        .put("orgName", staff.organisation().name())
        .put("date", SpokenDate.of(today, locale, true));
    return templates.render(lang.code() + "/switchboard.html.ftl", model.map());
  }

  /**
   * The sheet of a whole platform ({@code out/switchboard.html} of a platform file), rendered by
   * {@code <language>/switchboard-platform.html.ftl} in the first organisation's language. Its
   * model: {@code locale}, {@code platformName}, {@code date}, {@code people} (how many in all)
   * and {@code organisations}, in the platform file's order, each with {@code id}, {@code name},
   * {@code switchboard} (its extension) and {@code people}, {@code absentToday} and
   * {@code upcoming} as in the sheet of one organisation. Each person's answering phrase is
   * rendered with their own organisation, so it names that organisation.
   */
  public String render(Platform platform, LocalDate today) {
    Language lang = platform.organisations().get(0).organisation().language();
    Locale locale = lang.locale();
    List<Map<String, Object>> organisations = new ArrayList<>();
    int people = 0;
    for (Staff staff : platform.organisations()) {
      organisations.add(organisation(staff, today, locale)
          .put("id", staff.organisation().id())
          .put("name", staff.organisation().name())
          .put("switchboard", staff.organisation().switchboard())
          .map());
      people += staff.people().size();
    }
    TextModel model = new TextModel()
        .put(Templates.LOCALE, locale)
        .put("platformName", platform.name())
        .put("date", SpokenDate.of(today, locale, true))
        .put("people", people)
        .put("organisations", organisations);
    return templates.render(lang.code() + "/switchboard-platform.html.ftl", model.map());
  }

  /** One organisation's rows: {@code people}, {@code absentToday} and {@code upcoming}. */
  private TextModel organisation(Staff staff, LocalDate today, Locale locale) {
    List<Person> people = sortedByName(staff.people(), locale);

    List<Map<String, Object>> rows = new ArrayList<>(people.size());
    List<Map<String, Object>> absentToday = new ArrayList<>();
    List<Upcoming> upcoming = new ArrayList<>();
    for (Person p : people) {
      TextModel row = new TextModel()
          .put("name", p.fullName())
          .put("extension", p.extension())
          .put("mobile", p.mobile())
          .put("answering", texts.answering(staff, p, staff.languageOf(p)).stripTrailing());
      p.absenceOn(today).ifPresent(a -> row.put("absence", absence(staff, p, a, locale, today)));
      rows.add(row.map());
      if (row.map().containsKey("absence")) {
        absentToday.add(row.map());
      }
      for (Absence a : p.absences()) {
        if (a.firstDay().isAfter(today)) {
          upcoming.add(new Upcoming(a, row.map(), absence(staff, p, a, locale, today)));
        }
      }
    }
    // A stable sort: people starting the same day stay in name order.
    upcoming.sort(Comparator.comparing(u -> u.absence().start()));

    return new TextModel()
        .put("people", rows)
        .put("absentToday", absentToday)
        .put("upcoming", upcoming.stream().map(Upcoming::model).toList());
  }

  private record Upcoming(Absence absence, Map<String, Object> person, Map<String, Object> info) {
    Map<String, Object> model() {
      return Map.of("person", person, "absence", info);
    }
  }

  private Map<String, Object> absence(
      Staff staff, Person p, Absence a, Locale locale, LocalDate today) {
    boolean endsDuringDay = a.endsDuringDay();
    LocalDate until = endsDuringDay ? a.end().toLocalDate() : a.lastDay();
    // Who covers at the first moment of the day shown (today, or the first day of an upcoming
    // absence) that the absence covers, as the dialplan would decide it then from staff.yaml.
    ZoneId zone = staff.organisation().timezone();
    LocalDateTime shown = a.start().isAfter(today.atStartOfDay()) ? a.start() : today.atStartOfDay();
    Coverage.Cover cover = Coverage.at(staff, Map.of(), p, shown.atZone(zone).toInstant())
        .map(Coverage.Away::cover)
        .orElseGet(() -> Coverage.planned(staff, a, shown));
    Person alternate = cover.contact();
    return new TextModel()
        .put("reason", Texts.disclosedReason(a.reason()))
        .put("from", date(a.firstDay(), locale, today))
        .put("until", date(until, locale, today))
        .put("untilTime", endsDuringDay ? SpokenDate.clock(a.end().toLocalTime()) : null)
        .put("returnDay", date(texts.returnDay(a), locale, today))
        .put("alternate", alternate == null ? null : new TextModel()
            .put("name", alternate.fullName())
            .put("extension", alternate.extension())
            .put("phone", cover.number())
            .put("mobile", alternate.mobile())
            .put("why", WHY.get(cover.why()))
            .map())
        .map();
  }

  private static Map<String, Object> date(LocalDate day, Locale locale, LocalDate today) {
    return SpokenDate.of(day, locale, day.getYear() != today.getYear());
  }

  /** Last name, then first name, in the organisation's alphabet (Swedish: å, ä, ö after z). */
  private static List<Person> sortedByName(List<Person> people, Locale locale) {
    // A collation key costs microseconds, so each distinct name gets one, computed once:
    // comparing through the Collator would redo that work in each of the n log n comparisons,
    // and real staff lists repeat last and first names (Andersson, Anna) many times over.
    Collator collator = Collator.getInstance(locale);
    Map<String, CollationKey> keys = new HashMap<>();
    record Keyed(CollationKey last, CollationKey first, Person person) {}
    return people.stream()
        .map(p -> new Keyed(keys.computeIfAbsent(p.lastName(), collator::getCollationKey),
            keys.computeIfAbsent(p.firstName(), collator::getCollationKey), p))
        .sorted(Comparator.comparing(Keyed::last).thenComparing(Keyed::first))
        .map(Keyed::person)
        .toList();
  }
}
