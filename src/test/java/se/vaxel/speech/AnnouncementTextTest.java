package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Reason;
import se.vaxel.render.Templates;
import se.vaxel.speech.Announcement.Target;

/**
 * The spoken sentences of the shipped templates, word for word, for the dates that are easy to
 * get wrong: a year end, a return after Christmas, an end at a time of day.
 */
class AnnouncementTextTest {
  private static final Pattern DIGIT = Pattern.compile("[0-9]");

  private final AnnouncementText text = new AnnouncementText(new Templates(Optional.empty()));
  private final WorkingDays workingDays = new WorkingDays();

  /** A whole-day absence from {@code first} through {@code last}, back as E3 says. */
  private Announcement days(Language lang, Reason reason, LocalDate first, LocalDate last,
      Target target) {
    Absence absence = new Absence(first.atStartOfDay(), last.plusDays(1).atStartOfDay(), true,
        reason, null, MailOption.FUNCTIONAL_MAILBOX, null);
    return Announcement.of("Calle Carlsson", lang, absence, workingDays.returnDay(absence),
        target);
  }

  private Announcement until(Language lang, Reason reason, LocalDateTime start,
      LocalDateTime end, Target target) {
    Absence absence = new Absence(start, end, false, reason, null,
        MailOption.FUNCTIONAL_MAILBOX, null);
    return Announcement.of("Calle Carlsson", lang, absence, workingDays.returnDay(absence),
        target);
  }

  @Test
  void theIssuesExampleInSwedish() {
    assertEquals("Du har ringt Calle Carlsson. Calle Carlsson är på semester till och med"
        + " söndagen den sjätte december och är tillbaka måndagen den sjunde december."
        + " Du kopplas nu till Anna Berg.",
        text.render(days(Language.SV, Reason.SEMESTER, LocalDate.of(2026, 11, 30),
            LocalDate.of(2026, 12, 6), Target.person("Anna Berg"))));
  }

  @Test
  void theIssuesExampleInEnglish() {
    assertEquals("You have reached Calle Carlsson. Calle Carlsson is on holiday up to and"
        + " including Sunday the sixth of December, and back on Monday the seventh of December."
        + " Your call is now being transferred to Anna Berg.",
        text.render(days(Language.EN, Reason.SEMESTER, LocalDate.of(2026, 11, 30),
            LocalDate.of(2026, 12, 6), Target.person("Anna Berg"))));
  }

  @Test
  void aReturnAfterChristmasIsTheNextWorkingDay() {
    assertEquals("Du har ringt Calle Carlsson. Calle Carlsson är på tjänsteresa till och med"
        + " onsdagen den tjugotredje december och är tillbaka måndagen den tjugoåttonde december."
        + " Du kopplas nu till växeln.",
        text.render(days(Language.SV, Reason.TJANSTERESA, LocalDate.of(2026, 12, 14),
            LocalDate.of(2026, 12, 23), Target.switchboard())));
  }

  @Test
  void overTheYearEndTheNewYearIsSaid() {
    assertEquals("Du har ringt Calle Carlsson. Calle Carlsson är på semester till och med"
        + " torsdagen den trettioförsta december och är tillbaka måndagen den fjärde januari"
        + " tjugohundratjugosju. Du kopplas nu till växeln.",
        text.render(days(Language.SV, Reason.SEMESTER, LocalDate.of(2026, 12, 21),
            LocalDate.of(2026, 12, 31), Target.switchboard())));
    assertEquals("You have reached Calle Carlsson. Calle Carlsson is on holiday up to and"
        + " including Wednesday the sixth of January twenty twenty-seven, and back on Thursday"
        + " the seventh of January twenty twenty-seven. Your call is now being transferred to"
        + " the switchboard.",
        text.render(days(Language.EN, Reason.SEMESTER, LocalDate.of(2026, 12, 21),
            LocalDate.of(2027, 1, 6), Target.switchboard())));
  }

  @Test
  void aMeetingUntilATimeToday() {
    assertEquals("Du har ringt Calle Carlsson. Calle Carlsson är i möte till klockan fjorton"
        + " och trettio i dag. Du kopplas nu till Anna Berg.",
        text.render(until(Language.SV, Reason.MOTE, LocalDateTime.of(2026, 12, 2, 9, 0),
            LocalDateTime.of(2026, 12, 2, 14, 30), Target.person("Anna Berg"))));
    assertEquals("You have reached Calle Carlsson. Calle Carlsson is in a meeting until two"
        + " thirty p.m. today. Your call is now being transferred to Anna Berg.",
        text.render(until(Language.EN, Reason.MOTE, LocalDateTime.of(2026, 12, 2, 9, 0),
            LocalDateTime.of(2026, 12, 2, 14, 30), Target.person("Anna Berg"))));
  }

  @Test
  void aCourseUntilATimeOnAnotherDay() {
    assertEquals("Du har ringt Calle Carlsson. Calle Carlsson är på utbildning till fredagen"
        + " den fjärde december klockan tolv. Du kopplas nu till växeln.",
        text.render(until(Language.SV, Reason.UTBILDNING, LocalDateTime.of(2026, 12, 2, 8, 0),
            LocalDateTime.of(2026, 12, 4, 12, 0), Target.switchboard())));
    assertEquals("You have reached Calle Carlsson. Calle Carlsson is on a training course"
        + " until Friday the fourth of December at noon. Your call is now being transferred to"
        + " the switchboard.",
        text.render(until(Language.EN, Reason.UTBILDNING, LocalDateTime.of(2026, 12, 2, 8, 0),
            LocalDateTime.of(2026, 12, 4, 12, 0), Target.switchboard())));
  }

  @Test
  void anEndAtATimeOnASaturdaySaysTheWorkingDayBack() {
    assertEquals("You have reached Calle Carlsson. Calle Carlsson is on a business trip until"
        + " Saturday the fifth of December at eight oh five a.m., and back on Monday the"
        + " seventh of December. You can leave a message after the tone.",
        text.render(until(Language.EN, Reason.TJANSTERESA, LocalDateTime.of(2026, 12, 2, 8, 0),
            LocalDateTime.of(2026, 12, 5, 8, 5), Target.voicemail())));
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void sicknessIsNeverDisclosed(Language lang) {
    String sick = text.render(days(lang, Reason.SJUK, LocalDate.of(2026, 12, 1),
        LocalDate.of(2026, 12, 4), Target.switchboard()));
    String other = text.render(days(lang, Reason.ANNAT, LocalDate.of(2026, 12, 1),
        LocalDate.of(2026, 12, 4), Target.switchboard()));
    assertEquals(other, sick, "sickness must read exactly as 'annat'");
    String lower = sick.toLowerCase(Locale.ROOT);
    for (String word : new String[] {"sjuk", "sick", "ill", "health", "hälsa"}) {
      assertFalse(lower.matches(".*\\b" + word + ".*"), word + " in: " + sick);
    }
  }

  @ParameterizedTest
  @EnumSource(Language.class)
  void everyReasonTargetAndDayIsWordsNotDigits(Language lang) {
    // Every day of a leap year, every reason and kind of target: no digit ever reaches the
    // engine, which would read "6" as "sex" rather than "sjätte".
    int n = 0;
    for (LocalDate day = LocalDate.of(2028, 1, 1); day.getYear() == 2028; day = day.plusDays(1)) {
      Reason reason = Reason.values()[n % Reason.values().length];
      Target target = switch (n % 3) {
        case 0 -> Target.person("Anna Berg");
        case 1 -> Target.switchboard();
        default -> Target.voicemail();
      };
      Announcement a = n % 2 == 0
          ? days(lang, reason, day.minusDays(3), day, target)
          : until(lang, reason, day.atTime(7, 0), day.atTime(n % 24, n % 60).plusDays(1),
              target);
      String sentence = text.render(a);
      assertFalse(DIGIT.matcher(sentence).find(), sentence);
      assertTrue(sentence.startsWith(lang == Language.SV ? "Du har ringt" : "You have reached"));
      n++;
    }
  }

  @Test
  void anOrganisationsTemplateIsUsedAndLaidOutOnOneLine(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("sv"));
    Files.writeString(dir.resolve("sv/announcement.ftl"),
        "${name}   är borta\n\ntill ${until.day} ${until.month}.\n", StandardCharsets.UTF_8);
    AnnouncementText own = new AnnouncementText(new Templates(Optional.of(dir)));
    assertEquals("Calle Carlsson är borta till sjätte december.",
        own.render(days(Language.SV, Reason.SJUK, LocalDate.of(2026, 12, 1),
            LocalDate.of(2026, 12, 6), Target.switchboard())));
  }

  @Test
  void anEmptySentenceIsTheOrganisationsMistake(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("en"));
    Files.writeString(dir.resolve("en/announcement.ftl"), "<#-- nothing -->\n  \n",
        StandardCharsets.UTF_8);
    AnnouncementText own = new AnnouncementText(new Templates(Optional.of(dir)));
    SpeechException e = assertThrows(SpeechException.class, () -> own.render(days(Language.EN,
        Reason.ANNAT, LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 6),
        Target.switchboard())));
    assertEquals(SpeechException.Kind.CONFIGURATION, e.kind());
    assertTrue(e.getMessage().contains("en/announcement.ftl"), e.getMessage());
  }
}
