package se.vaxel.speech;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.SpeechSettings;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;

/**
 * The phone codes' spoken read-back (docs/phone-codes.md) as a kit of short phrases: the
 * dialplan cannot run a speech engine, so apply speaks every word a read-back can need once
 * ({@link SoundStore#phrases}) and the dialplan plays them in a row ({@code Playback(a&b&c)}),
 * choosing the weekday, day, month, hour and minute with STRFTIME at call time.
 *
 * <p>The one owner of the kit's KEYS (which phrases exist) and of the SENTENCES (which keys in
 * which order); the WORDS are the organisation's, from {@code <lang>/phone-codes.ftl}, numbers
 * as words from {@link SpokenWords}. A key is what the dialplan names, a placeholder such as
 * {@code {day}} becomes a STRFTIME expression there and a date's part here ({@link #say}), so
 * the golden sentences are the ones a caller hears. About 210 keys a language, fewer files
 * (files are named by their words, so "tolv" is one file for hour-12 and oclock-12); a key
 * whose text is empty is silent (no file: Swedish has no a.m. and p.m.).
 *
 * <p>A time of day is the composite slot {@code {clock}}: {@link #CLOCK} off the hour,
 * {@link #CLOCK_WHOLE} on it, with the words of {@link SpokenWords#time}, the one wording the
 * announcements say too.
 *
 * <p>Languages: the read-back is spoken in the language of the one who dialled (their own
 * {@code language:}, else the organisation's), and the sentence a caller hears about a
 * phone-set absence in the language of the person called, as their announcements are. The
 * dialplan knows a person's language by a {@code lang} label in their staff part, written only
 * for people whose language differs from the organisation's ({@link #ownLanguage}), and only
 * the kits of languages in use are made ({@link #languages}).
 */
public final class PhraseKit {
  /** After a code that set an absence through a day. */
  public static final List<String> AWAY_DAY = List.of(
      "registered", "reason-{reason}", "through", "weekday-{weekday}", "day-{day}",
      "month-{month}");
  /** The same for someone else, from the switchboard ({@code *24*}). */
  public static final List<String> AWAY_DAY_FOR = List.of(
      "registered-for", "{digits}", "reason-{reason}", "through", "weekday-{weekday}",
      "day-{day}", "month-{month}");
  /** After a code that set an absence until a time today. */
  public static final List<String> AWAY_TIME = List.of(
      "registered", "reason-{reason}", "until", "{clock}", "today");
  public static final List<String> BACK = List.of("back");
  public static final List<String> BACK_FOR = List.of("back-for", "{digits}");
  /** A date or time that cannot be used (impossible, or past): then a second try. */
  public static final List<String> RETRY_DATE = List.of("error-date", "retry-date");
  public static final List<String> RETRY_TIME = List.of("error-time", "retry-time");
  /** The second try failed too: nothing changed, goodbye. */
  public static final List<String> FAILED = List.of("failed");
  /** Not one of ours, an unknown reason, not the switchboard: nothing changed. */
  public static final List<String> INVALID = List.of("invalid");
  /**
   * What a CALLER hears before the call goes on, when a live absence has no announcement of its
   * own (set from the phone, or by the console or the calendar sync on a host without the sounds
   * directory; docs/speech.md), so the route assembles this one. Never the reason (sickness is
   * never disclosed, and the caller needs none) and never a name (the kit has none); the end
   * says where the call goes: the switchboard here, "onward" in the *_ONWARD sentences when a
   * person's phone rings.
   */
  public static final List<String> HEARD_DAY = List.of(
      "heard-away", "through", "weekday-{weekday}", "day-{day}", "month-{month}",
      "heard-switchboard");
  /** The same for an absence until a time today. */
  public static final List<String> HEARD_TIME = List.of(
      "heard-away", "until", "{clock}", "today", "heard-switchboard");
  /**
   * The slot {@code {clock}} off the hour: the parts of {@link SpokenWords#time}, hour and half
   * chosen by the hour, minute by the minute ("fjorton" "och trettio" "", "two" "thirty" "p.m.").
   */
  public static final List<String> CLOCK = List.of("hour-{hour}", "minute-{minute}", "half-{hour}");
  /** The slot {@code {clock}} on the hour: one phrase ("tolv", "noon", "two p.m."). */
  public static final List<String> CLOCK_WHOLE = List.of("oclock-{hour}");
  /** {@link #HEARD_DAY} when the call goes to a person: "Du kopplas nu vidare." */
  public static final List<String> HEARD_DAY_ONWARD = List.of(
      "heard-away", "through", "weekday-{weekday}", "day-{day}", "month-{month}",
      "heard-onward");
  /** {@link #HEARD_TIME} when the call goes to a person. */
  public static final List<String> HEARD_TIME_ONWARD = List.of(
      "heard-away", "until", "{clock}", "today", "heard-onward");

  private static final List<String> FIXED = List.of("registered", "registered-for", "through",
      "until", "today", "back", "back-for", "error-date", "retry-date", "error-time",
      "retry-time", "failed", "invalid", "heard-away", "heard-switchboard", "heard-onward");
  private static final Pattern LINE = Pattern.compile("\\s*([a-z0-9-]+)\\s*=(.*)");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)\\}");
  /** A phrase is a few words; a longer one is a template that lost its line breaks. */
  static final int MAX_CHARS = 200;

  private final Templates templates;
  private final Map<Language, SpokenWords> words = new EnumMap<>(Language.class);

  public PhraseKit(Templates templates) {
    this.templates = Objects.requireNonNull(templates, "templates");
    for (Language language : Language.values()) {
      words.put(language, new SpokenWords(language));
    }
  }

  /** Every key of the kit, in a stable order. */
  public static List<String> keys() {
    List<String> keys = new ArrayList<>(FIXED);
    for (String r : reasons()) {
      keys.add("reason-" + r);
    }
    range(keys, "weekday-", 1, 7);
    range(keys, "day-", 1, 31);
    range(keys, "month-", 1, 12);
    range(keys, "hour-", 0, 23);
    range(keys, "minute-", 1, 59);
    range(keys, "half-", 0, 23);
    range(keys, "oclock-", 0, 23);
    range(keys, "digit-", 0, 9);
    return keys;
  }

  /** The reasons a read-back can name: the disclosed ones, so never "sjuk". */
  public static Set<String> reasons() {
    Set<String> out = new LinkedHashSet<>();
    for (Reason r : Reason.values()) {
      out.add(r.disclosed().key());
    }
    return out;
  }

  /**
   * Every phrase of one language, key to words ("" for a silent one), from the template.
   *
   * @throws SpeechException (configuration) when the template misses a key, names an unknown
   *     one, or writes an overlong phrase; all such problems at once
   */
  public Map<String, String> phrases(Language language) {
    String name = language.code() + "/phone-codes.ftl";
    String text = templates.render(name, model(language));
    Map<String, String> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>(keys());
    String[] lines = text.split("\n");
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(lines[i]);
      if (!m.matches()) {
        problems.add("line " + (i + 1) + " of its output is not KEY = WORDS: " + lines[i].strip());
        continue;
      }
      String key = m.group(1);
      String words = m.group(2).replaceAll("\\s+", " ").strip();
      if (!known.contains(key)) {
        problems.add("unknown phrase " + key);
      } else if (words.length() > MAX_CHARS) {
        problems.add("phrase " + key + " has " + words.length() + " characters (at most "
            + MAX_CHARS + ")");
      } else {
        out.put(key, words);
      }
    }
    for (String key : known) {
      if (!out.containsKey(key) && problems.stream().noneMatch(p -> p.contains(" " + key))) {
        problems.add("no phrase " + key);
      }
    }
    if (!problems.isEmpty()) {
      throw new SpeechException(SpeechException.Kind.CONFIGURATION, "template " + name + ": "
          + String.join("; ", problems) + "; every phrase of docs/phone-codes.md must be there");
    }
    return out;
  }

  /**
   * A sentence as the caller hears it at {@code until} (the day's last moment read back, or
   * the time), for the extension {@code ext} of {@code {digits}}: the kit's phrases in the
   * sentence's order, silent ones left out.
   */
  public String say(Language language, List<String> sentence, String reason,
      LocalDateTime until, String ext) {
    Map<String, String> phrases = phrases(language);
    List<String> out = new ArrayList<>();
    for (String key : keys(sentence, reason, until, ext)) {
      String words = phrases.get(key);
      if (words == null) {
        throw new IllegalArgumentException("no phrase " + key);
      }
      if (!words.isEmpty()) {
        out.add(words);
      }
    }
    return String.join(" ", out);
  }

  /** The concrete keys of a sentence, as the dialplan computes them. */
  public static List<String> keys(List<String> sentence, String reason, LocalDateTime until,
      String ext) {
    List<String> keys = new ArrayList<>();
    for (String slot : sentence) {
      if (slot.equals("{digits}")) {
        for (char c : ext.toCharArray()) {
          keys.add("digit-" + c);
        }
        continue;
      }
      if (slot.equals("{clock}")) {
        keys.addAll(keys(until.getMinute() == 0 ? CLOCK_WHOLE : CLOCK, reason, until, ext));
        continue;
      }
      Matcher m = PLACEHOLDER.matcher(slot);
      StringBuilder b = new StringBuilder();
      while (m.find()) {
        String v = switch (m.group(1)) {
          case "reason" -> reason;
          case "weekday" -> String.valueOf(until.getDayOfWeek().getValue());
          case "day" -> String.valueOf(until.getDayOfMonth());
          case "month" -> String.valueOf(until.getMonthValue());
          case "hour" -> String.valueOf(until.getHour());
          case "minute" -> String.valueOf(until.getMinute());
          default -> throw new IllegalArgumentException("unknown placeholder " + m.group());
        };
        m.appendReplacement(b, v);
      }
      m.appendTail(b);
      keys.add(b.toString());
    }
    return keys;
  }

  /**
   * The person's own language when the dialplan must know it: with {@code speech:}, for a
   * person whose language is not the organisation's (their staff part's {@code lang} label,
   * one line each); empty for everyone else, and for everyone without speech (the stock
   * sounds have one language).
   */
  public static Optional<Language> ownLanguage(Staff staff, Person person) {
    Language own = staff.languageOf(person);
    return staff.speech().announce() && own != staff.organisation().language()
        ? Optional.of(own) : Optional.empty();
  }

  /**
   * The languages whose kit the organisation needs: its own first, then those of the people
   * with an extension who have another ({@link #ownLanguage}); only those kits are made.
   */
  public static Set<Language> languages(Staff staff) {
    Set<Language> out = new LinkedHashSet<>();
    out.add(staff.organisation().language());
    for (Person p : staff.people()) {
      if (p.hasExtension()) {
        ownLanguage(staff, p).ifPresent(out::add);
      }
    }
    return out;
  }

  /**
   * What the dialplan plays for each key of the kit, by language, for an organisation: with
   * {@code speech:} the phrase files of each language in use (Asterisk's path, no extension);
   * without, Asterisk's stock sounds for the few keys that have one ({@link #STOCK}, as before
   * the read-back existed) under the organisation's language and nothing for the rest, so an
   * organisation without a speech engine still hears "thank you" and "invalid" and gets its
   * second try.
   */
  public Map<Language, Map<String, String>> playback(Staff staff) {
    SpeechSettings settings = staff.speech();
    if (!settings.announce()) {
      return Map.of(staff.organisation().language(), STOCK);
    }
    SpeechEngine engine = AbsenceAnnouncements.engine(settings);
    Map<Language, Map<String, String>> out = new LinkedHashMap<>();
    needed(staff).forEach((language, phrases) -> {
      Map<String, String> files = new LinkedHashMap<>();
      phrases.forEach((key, words) -> files.put(key,
          settings.playback(SoundStore.phraseName(engine, words, language))));
      out.put(language, files);
    });
    return out;
  }

  /**
   * The phrases apply must have spoken for an organisation, by language: the non-silent ones
   * of each language in use ({@link #languages}); none without {@code speech:}.
   */
  public Map<Language, Map<String, String>> needed(Staff staff) {
    if (!staff.speech().announce()) {
      return Map.of();
    }
    Map<Language, Map<String, String>> out = new LinkedHashMap<>();
    for (Language language : languages(staff)) {
      Map<String, String> spoken = new LinkedHashMap<>();
      phrases(language).forEach((key, words) -> {
        if (!words.isEmpty()) {
          spoken.put(key, words);
        }
      });
      out.put(language, spoken);
    }
    return out;
  }

  /** Without speech: Asterisk's own sounds (Debian's asterisk-core-sounds-en), English only. */
  static final Map<String, String> STOCK = stock();

  private static Map<String, String> stock() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : List.of("registered", "registered-for", "back", "back-for")) {
      m.put(k, "auth-thankyou");
    }
    for (String k : List.of("invalid", "error-date", "error-time")) {
      m.put(k, "invalid");
    }
    m.put("retry-date", "pls-try-again");
    m.put("retry-time", "pls-try-again");
    m.put("failed", "vm-goodbye");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The model of phone-codes.ftl: the number words and names the phrases are made of. */
  Map<String, Object> model(Language language) {
    SpokenWords w = words.get(language);
    Map<String, Object> model = new LinkedHashMap<>();
    model.put(Templates.LOCALE, language.locale());
    model.put("reasons", List.copyOf(reasons()));
    List<String> weekdays = new ArrayList<>();
    for (DayOfWeek d : DayOfWeek.values()) {
      weekdays.add(d.getDisplayName(TextStyle.FULL, language.locale()));
    }
    List<String> months = new ArrayList<>();
    for (Month m : Month.values()) {
      months.add(m.getDisplayName(TextStyle.FULL, language.locale()));
    }
    model.put("weekdays", weekdays);
    model.put("months", months);
    model.put("ordinals", numbers(w, 1, 31, true));
    model.put("cardinals", numbers(w, 0, 59, false));
    // The time of day's parts, from the one wording (SpokenWords.time): hours and halves for
    // the hour off the hour, minutes (1 to 59; [0] is never said), whole for on the hour.
    List<String> hours = new ArrayList<>();
    List<String> halves = new ArrayList<>();
    List<String> whole = new ArrayList<>();
    for (int h = 0; h < 24; h++) {
      SpokenWords.SpokenTime off = w.time(LocalTime.of(h, 1));
      hours.add(off.hour());
      halves.add(off.half());
      whole.add(w.time(LocalTime.of(h, 0)).words());
    }
    List<String> minutes = new ArrayList<>();
    for (int m = 0; m < 60; m++) {
      minutes.add(m == 0 ? "" : w.time(LocalTime.of(0, m)).minute());
    }
    model.put("clock", Map.of("hours", hours, "halves", halves, "whole", whole,
        "minutes", minutes));
    return model;
  }

  private static List<String> numbers(SpokenWords w, int from, int to, boolean ordinal) {
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(ordinal ? w.ordinal(i) : w.cardinal(i));
    }
    return out;
  }

  private static void range(List<String> keys, String prefix, int from, int to) {
    for (int i = from; i <= to; i++) {
      keys.add(prefix + i);
    }
  }
}
