package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.render.TextFixtures.BJURHOLM;
import static se.vaxel.render.TextFixtures.TODAY;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.vaxel.calendar.WorkingDays;
import se.vaxel.model.AnswerExtra;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

class SwitchboardSheetTest {
  private final WorkingDays workingDays = new WorkingDays();
  private final Templates templates = TextFixtures.shippedTemplates();
  private final SwitchboardSheet sheet =
      new SwitchboardSheet(templates, new Texts(templates, workingDays));
  private final String html = sheet.render(TextFixtures.bjurholm(), TODAY);

  /** The text of one section, so an assertion cannot be satisfied by another part of the page. */
  private static String section(String html, String id) {
    Matcher m = Pattern.compile("<section id=\"" + id + "\">(.*?)</section>", Pattern.DOTALL)
        .matcher(html);
    assertTrue(m.find(), "no section " + id);
    return m.group(1);
  }

  @Test
  void isASelfContainedPageReadableOnAPhone() {
    assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"sv\">"), html.substring(0, 40));
    assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width,"));
    assertTrue(html.contains("<title>Växellista Bjurholms kommun, onsdag 22 juli 2026</title>"));
    assertTrue(html.contains("@media (max-width:"), "tables turn into cards on narrow screens");
    for (String external : List.of("<script", "<link", "src=", "url(", "href=\"http", "@import")) {
      assertFalse(html.contains(external), external);
    }
  }

  @Test
  void todaysAbsencesGiveReasonReturnDayAndAlternate() {
    String today = section(html, "franvarande");
    assertTrue(today.contains("<td>Calle Carlsson</td><td class=\"num\" data-label=\"Nummer\">2101"
        + "</td><td data-label=\"Orsak\">Semester</td><td data-label=\"Till och med\">söndag 9"
        + " augusti</td><td data-label=\"Åter\"><time datetime=\"2026-08-10\">måndag 10 augusti"
        + "</time></td><td data-label=\"Hänvisas till\">Anna Berg, 2102</td>"), today);
    assertTrue(today.contains("Sarah Lindqvist-Moore"), "away from 13.00 today");
    assertTrue(today.contains("fredag 24 juli, till kl. 12.00"), today);
    assertFalse(today.contains("Anna Berg</td>"), "Anna is away only in December");
  }

  @Test
  void sicknessIsShownAsAbsentOnly() {
    String today = section(html, "franvarande");
    assertTrue(today.contains("<td>Bo Lind</td><td class=\"num\" data-label=\"Nummer\">2103</td>"
        + "<td data-label=\"Orsak\">Frånvarande</td>"), today);
    assertFalse(html.toLowerCase().contains("sjuk"));
  }

  @Test
  void upcomingAbsencesAreListedByStart() {
    String upcoming = section(html, "kommande");
    int rene = upcoming.indexOf("René Strand");
    int anna = upcoming.indexOf("Anna Berg</td>");
    assertTrue(rene >= 0 && anna > rene, upcoming);
    assertTrue(upcoming.contains("söndag 28 februari 2027"), "a year other than today's is shown");
    assertTrue(upcoming.contains("070-555 66 77 (mobil)"), "René has no extension");
    assertFalse(upcoming.contains("Calle Carlsson</td>"), "already away, so not upcoming");
  }

  @Test
  void everyoneIsListedByLastNameInSwedishOrderWithTheirAnsweringPhrase() {
    String all = section(html, "alla");
    List<String> names = new ArrayList<>();
    Matcher m = Pattern.compile("<tr(?: class=\"away\")?><td>([^<]+)</td>").matcher(all);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertEquals(List.of("Anna Berg", "Calle Carlsson", "Bo Lind", "Sarah Lindqvist-Moore",
        "René Strand", "Åsa-Maj Öberg"), names);
    assertTrue(all.contains("<td data-label=\"Svarsfras\">Bjurholms kommun, Calle Carlsson,"
        + " Castorskolan</td>"));
    assertTrue(all.contains("<tr class=\"away\"><td>Calle Carlsson</td>"));
    assertTrue(all.contains("<tr><td>Anna Berg</td>"));
  }

  @Test
  void namesAreHtmlEscaped() {
    Person obrien = new Person("obrien", "O'Brien", "& Söner <b>", null, null,
        "<i>Skolan</i>", "2200", null, null, null, null, List.of(AnswerExtra.WORKPLACE),
        List.of(TextFixtures.days("2026-07-20", "2026-07-24", Reason.ANNAT, null,
            MailOption.FUNCTIONAL_MAILBOX, Map.of())));
    String escaped = sheet.render(TextFixtures.staff(BJURHOLM, List.of(obrien)), TODAY);
    assertTrue(escaped.contains("<td>O&#39;Brien &amp; Söner &lt;b&gt;</td>"), escaped);
    assertTrue(escaped.contains("&lt;i&gt;Skolan&lt;/i&gt;"), escaped);
    assertFalse(escaped.contains("<b>") || escaped.contains("<i>"), escaped);
  }

  @Test
  void anEnglishOrganisationGetsTheEnglishSheet() {
    Staff english = TextFixtures.staff(TextFixtures.withLanguage(BJURHOLM, Language.EN),
        TextFixtures.people());
    String en = sheet.render(english, TODAY);
    assertTrue(en.contains("<title>Switchboard sheet, Bjurholms kommun, Wednesday 22 July 2026"
        + "</title>"), en);
    assertTrue(en.contains("<td data-label=\"Reason\">Absent</td>"), "Bo, without the reason");
  }

  @Test
  void fiftyThousandPeopleEachGetOneRow() {
    List<Person> many = new ArrayList<>();
    for (int i = 0; i < 50_000; i++) {
      many.add(new Person("p" + i, "Förnamn" + i, "Efternamn" + (i * 7919 % 50_000), "Handläggare",
          null, "Skola " + (i % 40), String.valueOf(10_000 + i), null, null, null, null,
          List.of(AnswerExtra.WORKPLACE), i % 10 != 0 ? List.of() : List.of(TextFixtures.days(
              "2026-07-" + (10 + i % 20), "2026-08-0" + (1 + i % 9), Reason.SEMESTER,
              "p" + (i + 1), MailOption.FUNCTIONAL_MAILBOX, Map.of()))));
    }
    Staff big = TextFixtures.staff(BJURHOLM, many);
    // Speed is measured by bench/generate.sh, not here: a timed test on a noisy machine flakes.
    String out = sheet.render(big, TODAY);
    assertEquals(50_000, out.split("<td data-label=\"Svarsfras\">", -1).length - 1);
  }
}
