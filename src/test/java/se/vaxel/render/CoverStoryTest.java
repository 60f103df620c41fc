package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.Absence;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

/**
 * Issue 10's example, told by every output at once: Calle (2101) away in ISO weeks 48 and 49 of
 * 2026, alternate Anna Berg (2102), weekly contact Bo Lind for week 48, who has a mobile and no
 * extension. Before, the dialplan rang Anna in week 48, the sheet referred callers to Bo and the
 * greeting sent them to the switchboard; now the switchboard takes week 48's calls and refers
 * callers to Bo, and every text says so.
 */
class CoverStoryTest {
  /** Wednesday of week 48. */
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

  private static final Templates TEMPLATES = TextFixtures.shippedTemplates();
  private static final Texts TEXTS = new Texts(TEMPLATES, new WorkingDays());

  private static Staff calleAway(String from, String until) {
    Absence away = new Absence(LocalDate.parse(from).atStartOfDay(),
        LocalDate.parse(until).plusDays(1).atStartOfDay(), true, Reason.SEMESTER, "anna.berg",
        MailOption.FUNCTIONAL_MAILBOX, new TreeMap<>(Map.of(48, "bo.lind")));
    return TextFixtures.staff(TextFixtures.BJURHOLM, List.of(
        new Person("calle.carlsson", "Calle", "Carlsson", null, null, null, "2101",
            "0934-140 01", null, "calle.carlsson@bjurholm.se", null, List.of(), List.of(away)),
        new Person("anna.berg", "Anna", "Berg", null, null, null, "2102", "0934-140 02", null,
            "anna.berg@bjurholm.se", null, List.of(), List.of()),
        new Person("bo.lind", "Bo", "Lind", null, null, null, null, null, "070-111 22 33",
            "bo.lind@bjurholm.se", null, List.of(), List.of())));
  }

  private static final Staff TWO_WEEKS = calleAway("2026-11-23", "2026-12-06");

  private static Person calle(Staff staff) {
    return staff.byId("calle.carlsson").orElseThrow();
  }

  @Test
  void dialplanSendsWeek48ToTheSwitchboardAndTheOtherWeeksToAnna() {
    String conf = new AsteriskConfig(TEMPLATES, "test").render(TWO_WEEKS).extensionsConf();

    assertTrue(conf.contains("${REGEX(\"^(48)$\" ${week})}]?Return(-))"), conf);
    assertTrue(conf.contains("]?Return(2102))"), conf);
    assertFalse(conf.contains("Return(2103)"), "nobody else is rung");
  }

  @Test
  void sheetReferersToBoAndSaysTheCallsComeToTheSwitchboard() {
    String html = new SwitchboardSheet(TEMPLATES, TEXTS).render(TWO_WEEKS, TODAY);

    assertTrue(html.contains("<td data-label=\"Hänvisas till\">Bo Lind, 070-111 22 33 – ingen "
        + "anknytning, samtalen går till växeln</td>"), html);
  }

  @Test
  void sheetInEnglishSaysTheSame() {
    Staff staff = TextFixtures.staff(TextFixtures.withLanguage(TextFixtures.BJURHOLM,
        Language.EN), TWO_WEEKS.people());
    String html = new SwitchboardSheet(TEMPLATES, TEXTS).render(staff, TODAY);

    assertTrue(html.contains("<td data-label=\"Refer to\">Bo Lind, 070-111 22 33 – no "
        + "extension, calls come to the switchboard</td>"), html);
  }

  @Test
  void sheetNamesAnnaInTheWeekSheTakesTheCalls() {
    String html = new SwitchboardSheet(TEMPLATES, TEXTS)
        .render(TWO_WEEKS, LocalDate.of(2026, 12, 2));

    assertTrue(html.contains("<td data-label=\"Hänvisas till\">Anna Berg, 2102</td>"), html);
  }

  @Test
  void autoReplyNamesBoForWeek48AndAnnaForWeek49() {
    String reply = TEXTS.autoReply(TWO_WEEKS, calle(TWO_WEEKS), Language.SV, TODAY)
        .orElseThrow();

    assertTrue(reply.contains("v. 48 Bo Lind, 070-111 22 33, bo.lind@bjurholm.se\n"), reply);
    assertTrue(reply.contains("v. 49 Anna Berg, 0934-140 02, anna.berg@bjurholm.se\n"), reply);
  }

  @Test
  void greetingOfAnAbsenceWhoseCoverChangesSendsCallersToTheSwitchboard() {
    String greeting = TEXTS.absenceGreeting(TWO_WEEKS, calle(TWO_WEEKS), Language.SV, TODAY)
        .orElseThrow();

    assertTrue(greeting.contains("Under tiden kan du vända dig till växeln på 0934-140 00. "),
        greeting);
  }

  @Test
  void greetingOfTheWeekWithBoSaysTheSwitchboardRefersCallersToHim() {
    Staff oneWeek = calleAway("2026-11-23", "2026-11-27");

    String sv = TEXTS.absenceGreeting(oneWeek, calle(oneWeek), Language.SV, TODAY).orElseThrow();
    String en = TEXTS.absenceGreeting(oneWeek, calle(oneWeek), Language.EN, TODAY).orElseThrow();

    assertEquals(1, count(sv, "Under tiden kan du vända dig till växeln på 0934-140 00, som "
        + "hänvisar till Bo Lind på telefon 070-111 22 33. "), sv);
    assertEquals(1, count(en, "In the meantime you can contact the switchboard on 0934-140 00, "
        + "who will refer you to Bo Lind on 070-111 22 33. "), en);
  }

  private static int count(String text, String part) {
    return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
  }
}
