package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.vaxel.model.Language;

class SpokenWordsTest {
  private final SpokenWords sv = new SpokenWords(Language.SV);
  private final SpokenWords en = new SpokenWords(Language.EN);

  @ParameterizedTest
  @CsvSource({
      "1, första", "2, andra", "3, tredje", "4, fjärde", "5, femte", "6, sjätte", "7, sjunde",
      "8, åttonde", "9, nionde", "10, tionde", "11, elfte", "12, tolfte", "13, trettonde",
      "19, nittonde", "20, tjugonde", "21, tjugoförsta", "22, tjugoandra", "23, tjugotredje",
      "28, tjugoåttonde", "29, tjugonionde", "30, trettionde", "31, trettioförsta"})
  void swedishOrdinalsForEveryDayOfAMonth(int n, String words) {
    assertEquals(words, sv.ordinal(n));
  }

  @ParameterizedTest
  @CsvSource({
      "1, first", "2, second", "3, third", "4, fourth", "5, fifth", "8, eighth", "9, ninth",
      "11, eleventh", "12, twelfth", "13, thirteenth", "20, twentieth", "21, twenty-first",
      "22, twenty-second", "23, twenty-third", "30, thirtieth", "31, thirty-first"})
  void englishOrdinals(int n, String words) {
    assertEquals(words, en.ordinal(n));
  }

  @ParameterizedTest
  @CsvSource({
      "0, noll", "1, ett", "2, två", "7, sju", "12, tolv", "14, fjorton", "23, tjugotre",
      "30, trettio", "45, fyrtiofem", "59, femtionio", "100, etthundra"})
  void swedishCardinalsAreTheCountingForm(int n, String words) {
    assertEquals(words, sv.cardinal(n));
  }

  @ParameterizedTest
  @CsvSource({"0, zero", "1, one", "14, fourteen", "45, forty-five", "59, fifty-nine"})
  void englishCardinals(int n, String words) {
    assertEquals(words, en.cardinal(n));
  }

  @Test
  void yearsAreSpokenAsYears() {
    assertEquals("tjugohundratjugosex", sv.year(2026));
    assertEquals("tjugohundratjugosju", sv.year(2027));
    assertEquals("nittonhundranittionio", sv.year(1999));
    assertEquals("twenty twenty-six", en.year(2026));
    assertEquals("twenty twenty-seven", en.year(2027));
  }

  @Test
  void noSoftHyphensReachTheEngine() {
    for (int n = 0; n < 2100; n++) {
      assertFalse(sv.ordinal(n).contains("\u00AD"), "ordinal " + n);
      assertFalse(sv.cardinal(n).contains("\u00AD"), "cardinal " + n);
    }
    assertFalse(sv.year(2026).contains("\u00AD"));
  }

  @Test
  void negativeNumbersAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> sv.cardinal(-1));
  }

  @Test
  void swedishDateParts() {
    Map<String, Object> d = sv.date(LocalDate.of(2026, 12, 6), false);
    assertEquals("söndag", d.get("weekday"));
    assertEquals("sjätte", d.get("day"));
    assertEquals("december", d.get("month"));
    assertEquals("2026-12-06", d.get("iso"));
    assertNull(d.get("year"));
    assertEquals("tjugohundratjugosju", sv.date(LocalDate.of(2027, 1, 1), true).get("year"));
    assertEquals("första", sv.date(LocalDate.of(2027, 1, 1), true).get("day"));
  }

  @Test
  void englishDateParts() {
    Map<String, Object> d = en.date(LocalDate.of(2027, 2, 22), true);
    assertEquals("Monday", d.get("weekday"));
    assertEquals("twenty-second", d.get("day"));
    assertEquals("February", d.get("month"));
    assertEquals("twenty twenty-seven", d.get("year"));
  }

  @Test
  void leapDay() {
    assertEquals("tjugonionde", sv.date(LocalDate.of(2028, 2, 29), false).get("day"));
    assertEquals("tisdag", sv.date(LocalDate.of(2028, 2, 29), false).get("weekday"));
  }

  @Test
  void clockOnTheHour() {
    Map<String, Object> t = sv.clock(LocalTime.of(13, 0));
    assertEquals("tretton", t.get("hour"));
    assertNull(t.get("minute"));
    assertEquals("ett", t.get("hour12"));
    assertEquals("pm", t.get("half"));
  }

  @Test
  void clockWithMinutes() {
    Map<String, Object> t = sv.clock(LocalTime.of(14, 30));
    assertEquals("fjorton", t.get("hour"));
    assertEquals("trettio", t.get("minute"));
    assertEquals("fjorton och trettio", t.get("words"));
    Map<String, Object> early = en.clock(LocalTime.of(8, 5));
    assertEquals("eight", early.get("hour12"));
    assertEquals("five", early.get("minute"));
    assertEquals("am", early.get("half"));
    assertEquals("eight oh five a.m.", early.get("words"));
  }

  /** The one wording of a time, as a Swede and an English speaker say it. */
  @ParameterizedTest
  @CsvSource({
      "08:05, åtta och fem, eight oh five a.m.",
      "14:30, fjorton och trettio, two thirty p.m.",
      "12:00, tolv, noon",
      "00:00, noll, midnight",
      "00:05, noll och fem, twelve oh five a.m.",
      "12:45, tolv och fyrtiofem, twelve forty-five p.m.",
      "13:00, tretton, one p.m.",
      "23:59, tjugotre och femtionio, eleven fifty-nine p.m.",
      "09:10, nio och tio, nine ten a.m."})
  void aTimeIsSaidOneWay(String time, String swedish, String english) {
    assertEquals(swedish, sv.time(LocalTime.parse(time)).words());
    assertEquals(english, en.time(LocalTime.parse(time)).words());
  }

  /**
   * What lets the phone codes' kit say every time with 24 + 59 + 24 phrases off the hour: the
   * hour and half parts depend on the hour alone, the minute part on the minute alone; on the
   * hour the minute part is empty.
   */
  @Test
  void offTheHourThePartsDependOnHourOrMinuteAlone() {
    for (SpokenWords w : new SpokenWords[] {sv, en}) {
      for (int h = 0; h < 24; h++) {
        SpokenWords.SpokenTime first = w.time(LocalTime.of(h, 1));
        assertEquals("", w.time(LocalTime.of(h, 0)).minute(), h + ":00");
        for (int m = 1; m < 60; m++) {
          SpokenWords.SpokenTime t = w.time(LocalTime.of(h, m));
          assertEquals(first.hour(), t.hour(), h + ":" + m);
          assertEquals(first.half(), t.half(), h + ":" + m);
          assertEquals(w.time(LocalTime.of(0, m)).minute(), t.minute(), h + ":" + m);
          assertFalse(t.minute().isEmpty(), h + ":" + m);
        }
      }
    }
  }

  @Test
  void noonAndMidnight() {
    assertEquals("true", en.clock(LocalTime.NOON).get("noon"));
    assertEquals("twelve", en.clock(LocalTime.NOON).get("hour12"));
    assertEquals("true", en.clock(LocalTime.MIDNIGHT).get("midnight"));
    assertEquals("twelve", en.clock(LocalTime.MIDNIGHT).get("hour12"));
    assertEquals("noll", sv.clock(LocalTime.MIDNIGHT).get("hour"));
    assertNull(en.clock(LocalTime.of(12, 30)).get("noon"));
  }

  @Test
  void phoneNumbersAreDigitsInTheirGroups() {
    assertEquals("noll nio tre fyra, ett fyra noll, noll noll",
        new SpokenWords(Language.SV).phone("0934-140 00"));
    assertEquals("plus four six, seven zero, one two three",
        new SpokenWords(Language.EN).phone("+46 70-123"));
  }
}
