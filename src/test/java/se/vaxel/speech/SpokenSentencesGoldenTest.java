package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.model.Language;
import se.vaxel.model.Reason;
import se.vaxel.render.Templates;

/**
 * The spoken sentences, announcement and phone-code read-back, for the dates that go wrong
 * (year end, a return after a holiday, 00:05, 08:05, 12:00, a leap day), in Swedish and
 * English; a time reads the same in both kinds of sentence (SpokenWords.time).
 * {@code mvn -q test -Dtest=SpokenSentencesGoldenTest -Dgolden.update=true} rewrites the file;
 * review the diff.
 */
class SpokenSentencesGoldenTest {
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/speech/sentences.txt");

  private final Templates templates = new Templates(Optional.empty());
  private final PhraseKit kit = new PhraseKit(templates);
  private final AnnouncementText announcement = new AnnouncementText(templates);

  @Test
  void sentencesAreTheGoldenOnes() throws IOException {
    StringBuilder out = new StringBuilder();
    for (Language l : Language.values()) {
      out.append("== ").append(l.code()).append('\n');
      // The read-back plays the last day away (the moment before UNTIL) or the time.
      readBack(out, l, "day, year end", PhraseKit.AWAY_DAY, "semester",
          LocalDateTime.of(2026, 12, 31, 23, 59, 59), "");
      readBack(out, l, "day, leap day", PhraseKit.AWAY_DAY, "utbildning",
          LocalDateTime.of(2028, 2, 29, 23, 59, 59), "");
      readBack(out, l, "day, sickness (code 4)", PhraseKit.AWAY_DAY,
          Reason.SJUK.disclosed().key(), LocalDateTime.of(2026, 12, 6, 23, 59, 59), "");
      readBack(out, l, "day, for 204", PhraseKit.AWAY_DAY_FOR, "tjansteresa",
          LocalDateTime.of(2027, 1, 1, 23, 59, 59), "204");
      readBack(out, l, "time 14:30", PhraseKit.AWAY_TIME, "mote",
          LocalDateTime.of(2026, 12, 1, 14, 30), "");
      readBack(out, l, "time 08:05", PhraseKit.AWAY_TIME, "utbildning",
          LocalDateTime.of(2026, 12, 1, 8, 5), "");
      readBack(out, l, "time 00:05", PhraseKit.AWAY_TIME, "foraldraledig",
          LocalDateTime.of(2026, 12, 1, 0, 5), "");
      readBack(out, l, "time 12:00", PhraseKit.AWAY_TIME, "annat",
          LocalDateTime.of(2026, 12, 1, 12, 0), "");
      readBack(out, l, "back", PhraseKit.BACK, "", null, "");
      readBack(out, l, "back, for 1009", PhraseKit.BACK_FOR, "", null, "1009");
      readBack(out, l, "bad date", PhraseKit.RETRY_DATE, "", null, "");
      readBack(out, l, "bad time", PhraseKit.RETRY_TIME, "", null, "");
      readBack(out, l, "second failure", PhraseKit.FAILED, "", null, "");
      readBack(out, l, "refused", PhraseKit.INVALID, "", null, "");
      // What a caller hears about a live absence without a sentence of its own: no reason, no
      // name, and the end says where the call goes.
      readBack(out, l, "caller, phone-set through a day", PhraseKit.HEARD_DAY, "",
          LocalDateTime.of(2026, 12, 6, 23, 59, 59), "");
      readBack(out, l, "caller, phone-set until 14:30 today", PhraseKit.HEARD_TIME, "",
          LocalDateTime.of(2026, 12, 1, 14, 30), "");
      readBack(out, l, "caller, through a day, to a person", PhraseKit.HEARD_DAY_ONWARD, "",
          LocalDateTime.of(2026, 12, 6, 23, 59, 59), "");
      readBack(out, l, "caller, until 14:30 today, to a person", PhraseKit.HEARD_TIME_ONWARD,
          "", LocalDateTime.of(2026, 12, 1, 14, 30), "");
      // Announcements: through the year end, back after New Year's Day (a holiday) and the
      // weekend; until 00:05 and 12:00 today; through a leap day.
      announce(out, l, "year end, back after a holiday", Reason.SEMESTER,
          LocalDateTime.of(2026, 12, 21, 0, 0), LocalDateTime.of(2027, 1, 1, 0, 0),
          LocalDate.of(2027, 1, 4));
      announce(out, l, "until 08:05 today", Reason.UTBILDNING,
          LocalDateTime.of(2026, 12, 1, 0, 0), LocalDateTime.of(2026, 12, 1, 8, 5), null);
      announce(out, l, "until 14:30 another day", Reason.TJANSTERESA,
          LocalDateTime.of(2026, 12, 1, 8, 0), LocalDateTime.of(2026, 12, 4, 14, 30), null);
      announce(out, l, "until 00:05 today", Reason.MOTE,
          LocalDateTime.of(2026, 12, 1, 0, 0), LocalDateTime.of(2026, 12, 1, 0, 5), null);
      announce(out, l, "until 12:00 today", Reason.SJUK,
          LocalDateTime.of(2026, 12, 1, 8, 0), LocalDateTime.of(2026, 12, 1, 12, 0), null);
      announce(out, l, "leap day", Reason.UTBILDNING,
          LocalDateTime.of(2028, 2, 28, 0, 0), LocalDateTime.of(2028, 3, 1, 0, 0),
          LocalDate.of(2028, 3, 1));
    }
    String actual = out.toString();
    if (UPDATE) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertTrue(Files.exists(GOLDEN), GOLDEN + " is missing; run with -Dgolden.update=true");
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
  }

  @Test
  void sicknessIsNeverSpoken() {
    for (Language l : Language.values()) {
      String all = String.join("\n", kit.phrases(l).values()).toLowerCase();
      assertTrue(!all.contains("sjuk") && !all.contains("sick"), all);
    }
  }

  private void readBack(StringBuilder out, Language l, String label, List<String> sentence,
      String reason, LocalDateTime until, String ext) {
    out.append("read-back ").append(label).append(": ")
        .append(kit.say(l, sentence, reason, until, ext)).append('\n');
  }

  private void announce(StringBuilder out, Language l, String label, Reason reason,
      LocalDateTime start, LocalDateTime end, LocalDate back) {
    out.append("announcement ").append(label).append(": ")
        .append(announcement.render(new Announcement("Anna Berg", l, reason, start, end, back,
            Announcement.Target.switchboard())))
        .append('\n');
  }
}
