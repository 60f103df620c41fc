package se.vaxel.report;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import se.vaxel.model.Language;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;

/**
 * How a report is shown, beside what it says ({@link Report}): the organisation's language and
 * time zone (every time in the HTML page is the organisation's local time), the template chain
 * the HTML page comes from ({@code --templates} wins over the shipped files), and how long the
 * check took (JUnit's {@code time}).
 *
 * @param took the whole check, when it ran
 * @param tookByOrganisation each organisation's share of a platform's check, by id
 */
public record Presentation(Language language, ZoneId zone, Templates templates,
    Optional<Duration> took, Map<String, Duration> tookByOrganisation) {

  public Presentation {
    Objects.requireNonNull(language, "language");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(templates, "templates");
    Objects.requireNonNull(took, "took");
    tookByOrganisation = Map.copyOf(tookByOrganisation);
  }

  /**
   * A report of no organisation read yet (a check that failed before staff.yaml could be read):
   * English, this machine's time zone, the shipped templates.
   */
  public static Presentation standard() {
    return Standard.INSTANCE;
  }

  /** The organisation's language and zone (a platform's: its first organisation's). */
  public static Presentation of(Staff first, Templates templates) {
    return new Presentation(first.organisation().language(), first.organisation().timezone(),
        templates, Optional.empty(), Map.of());
  }

  public Presentation withTook(Duration whole, Map<String, Duration> byOrganisation) {
    return new Presentation(language, zone, templates, Optional.of(whole), byOrganisation);
  }

  /** How long the check of {@code part} took: its share on a platform, else the whole. */
  Optional<Duration> took(Report part) {
    Duration share = part.organisation().map(o -> tookByOrganisation.get(o.id())).orElse(null);
    return share != null ? Optional.of(share) : took;
  }

  /** Built once, on first use: the shipped templates are parsed once per process. */
  private static final class Standard {
    static final Presentation INSTANCE = new Presentation(Language.EN, ZoneId.systemDefault(),
        new Templates(Optional.empty()), Optional.empty(), Map.of());
  }
}
