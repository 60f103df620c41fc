package se.vaxel.speech;

import com.ibm.icu.text.RuleBasedNumberFormat;
import com.ibm.icu.util.ULocale;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.Map;
import se.vaxel.model.Language;

/**
 * Numbers, dates and times as the words a speech engine reads right: "sjätte", not "6", which
 * espeak-ng reads as "sex". The order of a date's words and the little words ("den",
 * "klockan", "the", "of") belong to the template; this class gives it the parts. A time of day
 * is the exception: its one wording is {@link #time}, which the announcements and the phone
 * codes' phrase kit both say, so a caller never hears the same time two ways.
 *
 * <p>The number grammar is ICU's rule-based spellout (CLDR data): Swedish ordinals and years
 * are irregular enough ("första", "andra", "tjugohundratjugosex") that a table of our own would
 * be one more thing to get wrong. The only class that imports ICU. Thread-safe: every call
 * formats with a copy of the rule set, which ICU does not promise to be safe to share.
 */
public final class SpokenWords {
  /** ICU marks the joints of Swedish compounds with soft hyphens; speech wants none. */
  private static final String SOFT_HYPHEN = "\u00AD";

  private final Language language;
  private final RuleBasedNumberFormat rules;
  private final String cardinalRules;
  private final String ordinalRules;
  private final String yearRules;

  public SpokenWords(Language language) {
    this.language = language;
    ULocale locale = ULocale.forLocale(language.locale());
    this.rules = new RuleBasedNumberFormat(locale, RuleBasedNumberFormat.SPELLOUT);
    switch (language) {
      // Swedish counts hours and years with the neuter "ett" ("klockan ett"), and the date's
      // ordinal is the plain (non-masculine) form: "den första", not "den förste".
      case SV -> {
        cardinalRules = "%spellout-numbering";
        ordinalRules = "%spellout-ordinal-neuter";
        yearRules = "%spellout-numbering-year";
      }
      case EN -> {
        cardinalRules = "%spellout-cardinal";
        ordinalRules = "%spellout-ordinal";
        yearRules = "%spellout-numbering-year";
      }
      default -> throw new IllegalArgumentException("no spoken words for " + language);
    }
  }

  public Language language() {
    return language;
  }

  /** "sex", "tjugoett"; "six", "twenty-one". */
  public String cardinal(long n) {
    return format(n, cardinalRules);
  }

  /** "sjätte", "tjugoförsta"; "sixth", "twenty-first". */
  public String ordinal(long n) {
    return format(n, ordinalRules);
  }

  /** "tjugohundratjugosex", "nittonhundranittionio"; "twenty twenty-six". */
  public String year(int year) {
    return format(year, yearRules);
  }

  /**
   * A date as parts: {@code weekday} ("söndag", "Sunday"), {@code day} (the ordinal:
   * "sjätte", "sixth"), {@code month} ("december", "December"), {@code iso} ("2026-12-06"),
   * and {@code year} in words when {@code withYear}.
   */
  public Map<String, Object> date(LocalDate date, boolean withYear) {
    Map<String, Object> parts = new HashMap<>();
    parts.put("weekday", date.getDayOfWeek().getDisplayName(TextStyle.FULL, language.locale()));
    parts.put("day", ordinal(date.getDayOfMonth()));
    parts.put("month", date.getMonth().getDisplayName(TextStyle.FULL, language.locale()));
    parts.put("iso", date.toString());
    if (withYear) {
      parts.put("year", year(date.getYear()));
    }
    return parts;
  }

  /**
   * A time of day as it is said, in three parts that the phone codes' phrase kit plays in a row
   * (speech.PhraseKit {@code CLOCK}): {@code hour}, then {@code minute} ("" on the hour), then
   * {@code half} ("" where the language has none). Off the hour, the hour and half parts
   * depend on the hour only and the minute part on the minute only, so 24 + 59 + 24 phrases
   * say every time; on the hour the whole is one phrase ({@code CLOCK_WHOLE}), as English
   * says "noon" there. SpokenWordsTest holds both for every minute of the day.
   */
  public record SpokenTime(String hour, String minute, String half) {
    /** The time in words: "fjorton och trettio", "eight oh five a.m.", "noon". */
    public String words() {
      StringBuilder b = new StringBuilder(hour);
      for (String part : new String[] {minute, half}) {
        if (!part.isEmpty()) {
          b.append(' ').append(part);
        }
      }
      return b.toString();
    }
  }

  /**
   * The one wording of a time of day, for the announcements and the phone codes alike.
   * Swedish counts the 24-hour clock with "och" before the minutes: "åtta och fem",
   * "fjorton och trettio", "tolv" (the template puts "klockan" before it). English says the
   * 12-hour clock with "oh" before a single-digit minute and a.m. or p.m.: "eight oh five
   * a.m.", "two thirty p.m.", "noon", "midnight" ("half past" and "quarter to" are left out on
   * purpose: "two thirty p.m." cannot be misheard).
   */
  public SpokenTime time(LocalTime time) {
    int hour = time.getHour();
    int minute = time.getMinute();
    return switch (language) {
      case SV -> new SpokenTime(cardinal(hour), minute == 0 ? "" : "och " + cardinal(minute), "");
      case EN -> {
        if (minute == 0 && hour == 12) {
          yield new SpokenTime("noon", "", "");
        }
        if (minute == 0 && hour == 0) {
          yield new SpokenTime("midnight", "", "");
        }
        yield new SpokenTime(cardinal(hour % 12 == 0 ? 12 : hour % 12),
            minute == 0 ? "" : (minute < 10 ? "oh " : "") + cardinal(minute),
            hour < 12 ? "a.m." : "p.m.");
      }
    };
  }

  /**
   * A time of day as parts, for a template: {@code words} (the one wording, {@link #time}:
   * "fjorton och trettio", "two thirty p.m."), and for a template that arranges its own,
   * {@code hour} (0 to 23 in words: "fjorton"), {@code hour12} (1 to 12: "two"), {@code half}
   * ("am" or "pm", a key the template turns into words), {@code minute} (absent on the hour:
   * "trettio", "fem"), {@code noon} and {@code midnight} ("true" at 12:00 and 00:00) and
   * {@code iso} ("14:30").
   */
  public Map<String, Object> clock(LocalTime time) {
    Map<String, Object> parts = new HashMap<>();
    int hour = time.getHour();
    int minute = time.getMinute();
    parts.put("words", time(time).words());
    parts.put("hour", cardinal(hour));
    parts.put("hour12", cardinal(hour % 12 == 0 ? 12 : hour % 12));
    parts.put("half", hour < 12 ? "am" : "pm");
    if (minute != 0) {
      parts.put("minute", cardinal(minute));
    }
    if (minute == 0 && hour == 12) {
      parts.put("noon", "true");
    }
    if (minute == 0 && hour == 0) {
      parts.put("midnight", "true");
    }
    parts.put("iso", String.format("%02d:%02d", hour, minute));
    return parts;
  }

  /**
   * A phone number as a caller writes it down: digit by digit, its groups (split at a dash or
   * a space) apart with a comma, so a speech engine pauses where the number does: "0934-140 00"
   * is "noll nio tre fyra, ett fyra noll, noll noll". A leading + is "plus". Anything but
   * digits, +, -, space and parentheses is left out (staff.yaml admits no more).
   */
  public String phone(String number) {
    java.util.List<String> groups = new java.util.ArrayList<>();
    for (String group : number.strip().split("[-\\s()]+")) {
      java.util.List<String> words = new java.util.ArrayList<>();
      for (char c : group.toCharArray()) {
        if (c >= '0' && c <= '9') {
          words.add(cardinal(c - '0'));
        } else if (c == '+') {
          words.add("plus");
        }
      }
      if (!words.isEmpty()) {
        groups.add(String.join(" ", words));
      }
    }
    return String.join(", ", groups);
  }

  private String format(long n, String ruleSet) {
    if (n < 0) {
      throw new IllegalArgumentException("no words for a negative number: " + n);
    }
    RuleBasedNumberFormat copy = rules.clone();
    return copy.format(n, ruleSet).replace(SOFT_HYPHEN, "");
  }
}
