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
 * espeak-ng reads as "sex". The order of the words and the little words ("den", "klockan",
 * "the", "of") belong to the template; this class gives it the parts.
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
   * A time of day as parts, for either clock: {@code hour} (0 to 23 in words: "fjorton"),
   * {@code hour12} (1 to 12: "two"), {@code half} ("am" or "pm", a key the template turns into
   * words), {@code minute} (absent on the hour: "trettio", "fem") and {@code minuteTwoDigits}
   * (absent on the hour: "noll fem" / "oh five" below ten, else as {@code minute}),
   * {@code noon} and {@code midnight} ("true" at 12:00 and 00:00) and {@code iso} ("14:30").
   */
  public Map<String, Object> clock(LocalTime time) {
    Map<String, Object> parts = new HashMap<>();
    int hour = time.getHour();
    int minute = time.getMinute();
    parts.put("hour", cardinal(hour));
    parts.put("hour12", cardinal(hour % 12 == 0 ? 12 : hour % 12));
    parts.put("half", hour < 12 ? "am" : "pm");
    if (minute != 0) {
      parts.put("minute", cardinal(minute));
      parts.put("minuteTwoDigits", minute < 10
          ? (language == Language.SV ? "noll " : "oh ") + cardinal(minute)
          : cardinal(minute));
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
