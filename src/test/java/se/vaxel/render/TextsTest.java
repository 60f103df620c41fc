package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.render.TextFixtures.BJURHOLM;
import static se.vaxel.render.TextFixtures.TODAY;
import static se.vaxel.render.TextFixtures.days;
import static se.vaxel.render.TextFixtures.person;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import se.vaxel.model.Absence;
import se.vaxel.model.Language;
import se.vaxel.model.MailOption;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;

class TextsTest {
  private final Texts texts = TextFixtures.texts();
  private final Staff staff = TextFixtures.bjurholm();

  private Person get(String id) {
    return staff.byId(id).orElseThrow();
  }

  @Test
  void swedishGreetingIsThePolicyScriptWordForWord() {
    assertEquals("Hej! Du har ringt Calle Carlsson, Castorskolan, Bjurholms kommun. Jag kan inte"
        + " ta ditt telefonsamtal just nu, men lämna ditt namn och telefonnummer så återkommer jag"
        + " till dig. Tack för att du ringde.\n",
        texts.greeting(staff, get("calle.carlsson"), Language.SV));
  }

  @Test
  void greetingWithoutWorkplaceLeavesItOut() {
    assertTrue(texts.greeting(staff, get("asa-maj.oberg"), Language.SV)
        .startsWith("Hej! Du har ringt Åsa-Maj Öberg, Bjurholms kommun. Jag kan inte"));
  }

  @Test
  void englishGreetingHasTheSameStructure() {
    assertEquals("Hello! You have reached Calle Carlsson, Castorskolan, Bjurholms kommun. I can't"
        + " take your call right now, but leave your name and phone number and I will get back to"
        + " you. Thank you for calling.\n",
        texts.greeting(staff, get("calle.carlsson"), Language.EN));
  }

  @Test
  void answeringPhraseAddsChosenExtrasInTheirOrder() {
    assertEquals("Bjurholms kommun, Calle Carlsson, Castorskolan\n",
        texts.answering(staff, get("calle.carlsson"), Language.SV));
    assertEquals("Bjurholms kommun, Anna Berg, Administratör, Kommunkontoret\n",
        texts.answering(staff, get("anna.berg"), Language.SV));
    assertEquals("Bjurholms kommun, René Strand, Hemtjänsten, Undersköterska\n",
        texts.answering(staff, get("rene.strand"), Language.SV));
  }

  @Test
  void answeringPhraseSkipsAnExtraThePersonHasNoValueFor() {
    assertEquals("Bjurholms kommun, Åsa-Maj Öberg\n",
        texts.answering(staff, get("asa-maj.oberg"), Language.SV));
  }

  @Test
  void signatureFollowsThePolicyLineLayout() {
    assertEquals("""
        Med vänlig hälsning
        Calle Carlsson
        Rektor
        Barn och utbildning
        Bjurholms kommun
        Bjurholm
        Tel: 0934-140 01, Mobil: 070-123 45 67
        """, texts.signature(staff, get("calle.carlsson"), Language.SV));
  }

  @Test
  void signatureWithoutDirectNumberGivesTheSwitchboardAsTel() {
    assertEquals("""
        Med vänlig hälsning
        Åsa-Maj Öberg
        Bjurholms kommun
        Bjurholm
        Tel: 0934-140 00
        """, texts.signature(staff, get("asa-maj.oberg"), Language.SV));
    assertTrue(texts.signature(staff, get("rene.strand"), Language.SV)
        .endsWith("Tel: 0934-140 00, Mobil: 070-555 66 77\n"));
  }

  @Test
  void signatureOfAnOrganisationWithoutPublicNumberKeepsTheMobile() {
    Organisation noPhone = new Organisation("Region Värmland", null, "100", null, null,
        Language.SV, BJURHOLM.timezone());
    Person rene = get("rene.strand");
    assertEquals("""
        Med vänlig hälsning
        René Strand
        Undersköterska
        Region Värmland
        Mobil: 070-555 66 77
        """, texts.signature(TextFixtures.staff(noPhone, List.of(rene)), rene, Language.SV));
  }

  @Test
  void autoReplyListsEveryWeekOfTheAbsenceFillingGapsWithTheAlternate() {
    assertEquals(Optional.of("""
        Jag är inte på kontoret och väntas åter 26-08-10
        Din e-post vidarebefordras till Bjurholms kommuns myndighetsbrevlåda
        Vid angelägna ärenden kan du kontakta:
        v. 30 Anna Berg, 0934-140 02, anna.berg@bjurholm.se
        v. 31 Bo Lind, 0934-140 03, bo.lind@bjurholm.se
        v. 32 Anna Berg, 0934-140 02, anna.berg@bjurholm.se
        """), texts.autoReply(staff, get("calle.carlsson"), Language.SV, TODAY));
  }

  @Test
  void autoReplyOverNewYearReturnsAfterTrettondagenAndCountsWeek53() {
    assertEquals(Optional.of("""
        Jag är inte på kontoret och väntas åter 27-01-07
        Min e-postlåda kontrolleras av Calle Carlsson
        Vid angelägna ärenden kan du kontakta:
        v. 52 Calle Carlsson, 0934-140 01, calle.carlsson@bjurholm.se
        v. 53 Calle Carlsson, 0934-140 01, calle.carlsson@bjurholm.se
        v. 1 Åsa-Maj Öberg, växeln 0934-140 00, asa-maj.oberg@bjurholm.se
        """), texts.autoReply(staff, get("anna.berg"), Language.SV, TODAY));
  }

  @Test
  void autoReplyWithoutAlternateRefersToTheSwitchboard() {
    assertEquals(Optional.of("""
        Jag är inte på kontoret och väntas åter 26-07-27
        Jag kontrollerar min e-post under min ledighet
        Vid angelägna ärenden kan du kontakta:
        Växeln, 0934-140 00
        """), texts.autoReply(staff, get("bo.lind"), Language.SV, TODAY));
  }

  @Test
  void autoReplyForwardedToTheAlternateNamesThemInEnglish() {
    assertEquals(Optional.of("""
        I am out of the office and expected back on 2026-07-24
        Your e-mail is forwarded to Anna Berg
        For urgent matters you can contact:
        Anna Berg, 0934-140 02, anna.berg@bjurholm.se
        """), texts.autoReply(staff, get("sarah.lindqvist-moore"), Language.EN, TODAY));
  }

  @Test
  void thereIsNoAutoReplyOrAbsenceGreetingWithoutAnAbsenceToCome() {
    Person asaMaj = get("asa-maj.oberg");
    assertEquals(Optional.empty(), texts.autoReply(staff, asaMaj, Language.SV, TODAY));
    assertEquals(Optional.empty(), texts.absenceGreeting(staff, asaMaj, Language.SV, TODAY));
    Person bo = get("bo.lind");
    LocalDate afterBosAbsence = LocalDate.of(2026, 7, 25);
    assertEquals(Optional.empty(), texts.autoReply(staff, bo, Language.SV, afterBosAbsence));
  }

  @Test
  void mailOptionNamingTheAlternateNeedsOne() {
    Person lonely = person("ella.ek", "Ella", "Ek", List.of(
        days("2026-07-20", "2026-07-31", Reason.SEMESTER, null, MailOption.CHECKED_BY, Map.of())));
    Staff one = TextFixtures.staff(BJURHOLM, List.of(lonely));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> texts.autoReply(one, lonely, Language.SV, TODAY));
    assertTrue(e.getMessage().contains("ella.ek"), e.getMessage());
  }

  @Test
  void absenceGreetingWithWeeklyContactsThatChangeNamesOnlyTheSwitchboard() {
    // Calle's calls go to Anna in week 30, Bo in week 31 and Anna again in week 32: a greeting
    // recorded once cannot name the right one, so it names the switchboard, which knows.
    assertEquals(Optional.of("Hej! Du har ringt Calle Carlsson, Castorskolan, Bjurholms kommun."
        + " Jag är på semester till och med söndag den 9 augusti. Under tiden kan du vända dig till"
        + " växeln på 0934-140 00. Du kan också lämna ditt namn och telefonnummer så återkommer jag"
        + " till dig när jag är tillbaka. Tack för att du ringde.\n"),
        texts.absenceGreeting(staff, get("calle.carlsson"), Language.SV, TODAY));
  }

  @Test
  void absenceGreetingNamesTheOneContactOfTheWholeAbsence() {
    Person calle = get("calle.carlsson");
    Absence steady = TextFixtures.days("2026-07-20", "2026-08-09", Reason.SEMESTER, "anna.berg",
        MailOption.FUNCTIONAL_MAILBOX, Map.of(30, "anna.berg"));
    Person withSteadyContact = new Person(calle.id(), calle.firstName(), calle.lastName(),
        calle.title(), calle.department(), calle.workplace(), calle.extension(), calle.phone(),
        calle.mobile(), calle.email(), calle.language(), calle.answerWith(), List.of(steady));
    String greeting = texts.absenceGreeting(staff, withSteadyContact, Language.SV, TODAY)
        .orElseThrow();
    assertTrue(greeting.contains("Under tiden kan du vända dig till Anna Berg på telefon "
        + "0934-140 02, eller till växeln på 0934-140 00."), greeting);
  }

  @Test
  void absenceGreetingNeverDisclosesSickness() {
    String greeting = texts.absenceGreeting(staff, get("bo.lind"), Language.SV, TODAY).orElseThrow();
    assertTrue(greeting.contains("Jag är inte på plats till och med fredag den 24 juli."), greeting);
    assertFalse(greeting.toLowerCase().contains("sjuk"), greeting);
    String english = texts.absenceGreeting(staff, get("bo.lind"), Language.EN, TODAY).orElseThrow();
    assertTrue(english.contains("I am away up to and including Friday 24 July."), english);
    assertFalse(english.toLowerCase().contains("sick"), english);
  }

  @Test
  void absenceGreetingEndingAtATimeOfDayGivesTheTime() {
    String english = texts.absenceGreeting(staff, get("sarah.lindqvist-moore"), Language.EN, TODAY)
        .orElseThrow();
    assertTrue(english.contains("I am on a training course until Friday 24 July at 12:00."), english);
    String swedish = texts.absenceGreeting(staff, get("sarah.lindqvist-moore"), Language.SV, TODAY)
        .orElseThrow();
    assertTrue(swedish.contains("Jag är på utbildning till fredag den 24 juli klockan 12.00."),
        swedish);
  }

  @Test
  void absenceGreetingSaysTheYearOnlyWhenItDiffers() {
    String rene = texts.absenceGreeting(staff, get("rene.strand"), Language.SV, TODAY).orElseThrow();
    assertTrue(rene.contains("föräldraledig till och med söndag den 28 februari 2027."), rene);
    LocalDate inJanuary = LocalDate.of(2027, 1, 10);
    String later = texts.absenceGreeting(staff, get("rene.strand"), Language.SV, inJanuary)
        .orElseThrow();
    assertTrue(later.contains("till och med söndag den 28 februari 2027."),
        "the absence began in 2026: " + later);
    Person ella = person("ella.ek", "Ella", "Ek", List.of(days("2027-01-11", "2027-01-15",
        Reason.UTBILDNING, null, MailOption.FUNCTIONAL_MAILBOX, Map.of())));
    Staff one = TextFixtures.staff(BJURHOLM, List.of(ella));
    assertTrue(texts.absenceGreeting(one, ella, Language.SV, inJanuary).orElseThrow()
        .contains("till och med fredag den 15 januari. "));
  }

  @Test
  void absenceGreetingWithAnAlternateWithoutNumberSendsCallersViaTheSwitchboard() {
    Person ella = person("ella.ek", "Ella", "Ek", List.of(days("2026-07-20", "2026-07-31",
        Reason.TJANSTERESA, "asa-maj.oberg", MailOption.FUNCTIONAL_MAILBOX, Map.of())));
    Staff withElla = TextFixtures.staff(BJURHOLM, List.of(ella, get("asa-maj.oberg")));
    assertTrue(texts.absenceGreeting(withElla, ella, Language.SV, TODAY).orElseThrow().contains(
        "Jag är på tjänsteresa till och med fredag den 31 juli. Under tiden kan du vända dig till"
            + " Åsa-Maj Öberg via växeln på 0934-140 00. "));
  }

  @ParameterizedTest
  @EnumSource(Reason.class)
  void everyReasonHasWordingInBothLanguages(Reason reason) {
    Person ella = person("ella.ek", "Ella", "Ek", List.of(new Absence(
        LocalDateTime.parse("2026-07-22T08:00"), LocalDateTime.parse("2026-07-22T10:00"), false,
        reason, null, MailOption.FUNCTIONAL_MAILBOX, null)));
    Staff one = TextFixtures.staff(BJURHOLM, List.of(ella));
    for (Language lang : Language.values()) {
      String greeting = texts.absenceGreeting(one, ella, lang, TODAY).orElseThrow();
      assertTrue(greeting.contains(lang == Language.SV ? "till onsdag den 22 juli klockan 10.00"
          : "until Wednesday 22 July at 10:00"), greeting);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "Bjurholms kommun, Bjurholms kommuns",
    "Region Jämtland Härjedalen, Region Jämtland Härjedalens",
    "Umeå kommuns förbund, Umeå kommuns förbunds",
    "Nordmaling och Vännäs, Nordmaling och Vännäs",
    "Storuman & Sorsele AB, Storuman & Sorsele ABs",
    "Malax, Malax",
    "Hotell Ritz, Hotell Ritz",
  })
  void swedishGenitiveAddsAnSUnlessTheNameEndsInAHissingSound(String name, String genitive) {
    assertEquals(genitive, Texts.swedishGenitive(name));
  }

  @Test
  void rendersTheSameOnManyThreadsAsOnOne() throws Exception {
    List<String> expected = new ArrayList<>();
    for (Person p : staff.people()) {
      expected.add(allTexts(p));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 600; i++) {
        Person p = staff.people().get(i % staff.people().size());
        results.add(pool.submit(() -> allTexts(p)));
      }
      for (int i = 0; i < results.size(); i++) {
        assertEquals(expected.get(i % expected.size()), results.get(i).get());
      }
    } finally {
      pool.shutdown();
    }
  }

  private String allTexts(Person p) {
    Language lang = staff.languageOf(p);
    return texts.greeting(staff, p, lang) + texts.answering(staff, p, lang)
        + texts.signature(staff, p, lang) + texts.autoReply(staff, p, lang, TODAY).orElse("")
        + texts.absenceGreeting(staff, p, lang, TODAY).orElse("");
  }
}
