package se.vaxel.speech;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import se.vaxel.model.Language;
import se.vaxel.render.Templates;

/**
 * The sentence of an {@link Announcement}, from {@code <lang>/announcement.ftl}: the wording is
 * the organisation's (an {@code --templates} directory overrides it like any other text), the
 * facts and the words for numbers are ours.
 *
 * <p>The template receives {@code locale}, {@code name} (the absent person), {@code reason} (the
 * staff.yaml key of {@link se.vaxel.model.Reason#disclosed()}: "sjuk" never arrives),
 * {@code until} (date parts, see {@link SpokenWords#date}: the last day away, or the day it ends
 * for an absence that ends at a time of day), {@code untilTime} (clock parts, {@code words}
 * the one wording of a time that the phone codes say too; see
 * {@link SpokenWords#clock}, only for an absence that ends at a time of day), {@code untilToday}
 * ("true" when such an absence ends on the day it began), {@code back} (date parts of the day
 * they are expected back, when known and not already said by {@code untilTime}) and
 * {@code target} ({@code kind}: "person", "switchboard" or "voicemail"; {@code name} for a
 * person). A date has its year only when it is not the year the absence began.
 *
 * <p>The result is one line: runs of white space become one space, so a template may be laid
 * out on several lines, and the same facts always give the same text (and the same sound file).
 */
public final class AnnouncementText {
  /** Far more than the sentence needs (about 200 characters), far less than a minute of speech. */
  static final int MAX_CHARS = 1000;

  private final Templates templates;
  private final Map<Language, SpokenWords> words = new EnumMap<>(Language.class);

  public AnnouncementText(Templates templates) {
    this.templates = Objects.requireNonNull(templates, "templates");
    for (Language language : Language.values()) {
      words.put(language, new SpokenWords(language));
    }
  }

  /**
   * The sentence, in the announcement's language.
   *
   * @throws Templates.TemplateProblem when the template is missing or broken
   * @throws SpeechException (configuration) when it writes an empty or overlong sentence
   */
  public String render(Announcement a) {
    String name = a.language().code() + "/announcement.ftl";
    String text = templates.render(name, model(a)).replaceAll("\\s+", " ").strip();
    if (text.isEmpty()) {
      throw new SpeechException(SpeechException.Kind.CONFIGURATION, "template " + name
          + ": wrote no sentence; an announcement must say something");
    }
    if (text.length() > MAX_CHARS) {
      throw new SpeechException(SpeechException.Kind.CONFIGURATION, "template " + name
          + ": wrote " + text.length() + " characters; an announcement may be at most "
          + MAX_CHARS);
    }
    return text;
  }

  Map<String, Object> model(Announcement a) {
    SpokenWords w = words.get(a.language());
    int startYear = a.start().getYear();
    LocalTime endTime = a.endTime();
    LocalDate untilDay = endTime != null ? a.end().toLocalDate() : a.lastDay();
    Map<String, Object> model = new HashMap<>();
    model.put(Templates.LOCALE, a.language().locale());
    model.put("name", a.personName());
    model.put("reason", a.reason().disclosed().key());
    model.put("until", w.date(untilDay, untilDay.getYear() != startYear));
    if (endTime != null) {
      model.put("untilTime", w.clock(endTime));
      if (untilDay.equals(a.start().toLocalDate())) {
        model.put("untilToday", "true");
      }
    }
    LocalDate back = a.backDay();
    if (back != null && !(endTime != null && back.equals(untilDay))) {
      model.put("back", w.date(back, back.getYear() != startYear));
    }
    Map<String, Object> target = new HashMap<>();
    target.put("kind", a.target().kind().name().toLowerCase(Locale.ROOT));
    if (a.target().name() != null) {
      target.put("name", a.target().name());
    }
    model.put("target", target);
    return model;
  }
}
