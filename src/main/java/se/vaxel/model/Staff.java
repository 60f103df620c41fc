package se.vaxel.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole of staff.yaml, validated: the source of truth for everything vaxel generates.
 *
 * <p>A class rather than a record only because it carries lookup indexes: generation resolves
 * an alternate and weekly contacts for each of up to 50,000 people.
 */
public final class Staff {
  private final Organisation organisation;
  private final AsteriskSettings asterisk;
  private final List<Person> people;
  private final Map<String, Person> byId;
  private final Map<String, Person> byExtension;
  private final se.vaxel.calendar.CalendarSettings calendar;

  public Staff(Organisation organisation, AsteriskSettings asterisk, List<Person> people) {
    this(organisation, asterisk, people, null);
  }

  /** @param calendar staff.yaml's {@code calendar:} block, or null where there is none */
  public Staff(Organisation organisation, AsteriskSettings asterisk, List<Person> people,
      se.vaxel.calendar.CalendarSettings calendar) {
    this.calendar = calendar;
    this.organisation = Objects.requireNonNull(organisation, "organisation");
    this.asterisk = Objects.requireNonNull(asterisk, "asterisk");
    this.people = List.copyOf(people);
    Map<String, Person> ids = new LinkedHashMap<>();
    Map<String, Person> extensions = new LinkedHashMap<>();
    for (Person p : this.people) {
      if (ids.putIfAbsent(p.id(), p) != null) {
        throw new IllegalArgumentException("duplicate id: " + p.id());
      }
      if (p.extension() != null && extensions.putIfAbsent(p.extension(), p) != null) {
        throw new IllegalArgumentException("duplicate extension: " + p.extension());
      }
    }
    this.byId = Collections.unmodifiableMap(ids);
    this.byExtension = Collections.unmodifiableMap(extensions);
  }

  public Organisation organisation() {
    return organisation;
  }

  /** How the organisation's calendars become absences, if staff.yaml has a calendar block. */
  public Optional<se.vaxel.calendar.CalendarSettings> calendar() {
    return Optional.ofNullable(calendar);
  }

  public AsteriskSettings asterisk() {
    return asterisk;
  }

  public List<Person> people() {
    return people;
  }

  public Optional<Person> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Optional<Person> byExtension(String extension) {
    return Optional.ofNullable(byExtension.get(extension));
  }

  public Language languageOf(Person p) {
    return p.languageOr(organisation.language());
  }
}
