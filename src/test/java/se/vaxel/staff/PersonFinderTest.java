package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.model.AsteriskSettings;
import se.vaxel.model.Language;
import se.vaxel.model.Organisation;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;

class PersonFinderTest {
  private static final Organisation ORG = new Organisation("Bjurholms kommun", "Bjurholm", "100",
      "0934-140 00", "kommunen@bjurholm.se", Language.SV, ZoneId.of("Europe/Stockholm"));

  private static Person person(String id, String first, String last, String extension) {
    return new Person(id, first, last, null, null, null, extension, null, null,
        id + "@bjurholm.se", null, List.of(), List.of());
  }

  private static final Staff STAFF = new Staff(ORG, AsteriskSettings.defaults(), List.of(
      person("calle.carlsson", "Calle", "Carlsson", "2101"),
      person("anna.berg", "Anna", "Berg", "2102"),
      person("anna.bergstrom", "Anna", "Bergström", "2106"),
      person("bo.lind", "Bo", "Lind", "2103"),
      person("asa.oberg", "Åsa", "Öberg", "2104"),
      person("rene.lindstrom", "René", "Lindström", "2113"),
      person("linnea.sjodin", "Linnéa", "Sjödin", null),
      person("eva-lena.nystrom", "Eva-Lena", "Nyström", "2120"),
      person("elin.sandberg", "Elin", "Sandberg", "2131")));

  private static String found(String query) {
    PersonFinder.Match m = PersonFinder.find(STAFF, query);
    assertTrue(m.found(), () -> "'" + query + "' found no one: " + m);
    assertEquals(List.of(), m.candidates());
    return m.person().id();
  }

  private static List<String> ids(List<Person> people) {
    return people.stream().map(Person::id).toList();
  }

  @Test
  void findsById() {
    assertEquals("calle.carlsson", found("calle.carlsson"));
    assertEquals("eva-lena.nystrom", found("eva-lena.nystrom"));
  }

  @Test
  void findsByIdTypedInAnyCaseOrWithDiacritics() {
    assertEquals("calle.carlsson", found("Calle.Carlsson"));
    assertEquals("asa.oberg", found("ÅSA.ÖBERG"));
  }

  @Test
  void findsByFullNameIgnoringCaseAndExtraSpaces() {
    assertEquals("calle.carlsson", found("Calle Carlsson"));
    assertEquals("calle.carlsson", found("  CALLE   carlsson "));
  }

  @Test
  void findsNamesWithoutTheirDiacritics() {
    assertEquals("asa.oberg", found("Asa Oberg"));
    assertEquals("rene.lindstrom", found("rene lindstrom"));
    assertEquals("linnea.sjodin", found("Linnea"));
  }

  @Test
  void findsNamesTypedWithDiacriticsTheIdLacks() {
    assertEquals("asa.oberg", found("Åsa"));
    assertEquals("asa.oberg", found("ÖBERG"));
  }

  @Test
  void findsByAUniquePrefixOfEachWord() {
    assertEquals("calle.carlsson", found("cal"));
    assertEquals("bo.lind", found("Bo L"));
    assertEquals("rene.lindstrom", found("lindst"));
    assertEquals("eva-lena.nystrom", found("eva"));
  }

  @Test
  void hyphenAndSpaceInANameAreTheSame() {
    assertEquals("eva-lena.nystrom", found("Eva Lena"));
    assertEquals("eva-lena.nystrom", found("eva-lena nyström"));
  }

  @Test
  void findsByExtension() {
    assertEquals("asa.oberg", found("2104"));
  }

  @Test
  void exactFullNameWinsOverALongerNameWithTheSamePrefix() {
    assertEquals("anna.berg", found("Anna Berg"));
  }

  @Test
  void sharedPrefixIsAmbiguousAndListsEveryoneItMatches() {
    PersonFinder.Match m = PersonFinder.find(STAFF, "E");

    assertFalse(m.found());
    assertTrue(m.ambiguous());
    assertEquals(List.of("eva-lena.nystrom", "elin.sandberg"), ids(m.candidates()));
  }

  @Test
  void sameNameTwiceIsAmbiguous() {
    Staff twins = new Staff(ORG, AsteriskSettings.defaults(), List.of(
        person("anna.berg", "Anna", "Berg", "2102"),
        person("anna.berg2", "Anna", "Berg", "2107")));

    PersonFinder.Match m = PersonFinder.find(twins, "anna berg");

    assertFalse(m.found());
    assertTrue(m.ambiguous());
    assertEquals(List.of("anna.berg", "anna.berg2"), ids(m.candidates()));
  }

  @Test
  void nearMissOffersTheClosestPeopleButFindsNoOne() {
    PersonFinder.Match m = PersonFinder.find(STAFF, "calle.carlson");

    assertFalse(m.found());
    assertFalse(m.ambiguous());
    assertEquals(List.of("calle.carlsson"), ids(m.candidates()));
  }

  @Test
  void misspeltNameOffersThePersonItResembles() {
    PersonFinder.Match m = PersonFinder.find(STAFF, "Cale Karlsson");

    assertFalse(m.found());
    assertEquals("calle.carlsson", ids(m.candidates()).get(0));
  }

  @Test
  void unrelatedQueryOffersNoOne() {
    PersonFinder.Match m = PersonFinder.find(STAFF, "zzzz");

    assertFalse(m.found());
    assertEquals(List.of(), m.candidates());
  }

  @Test
  void blankQueryFindsNoOne() {
    PersonFinder.Match m = PersonFinder.find(STAFF, "   ");

    assertFalse(m.found());
    assertEquals(List.of(), m.candidates());
  }

  private static final Organisation VANNAS = new Organisation("vannas", true, "Vännäs kommun",
      "Vännäs", "100", "0935-140 00", "kommun@vannas.se", Language.SV,
      ZoneId.of("Europe/Stockholm"));

  /** Bjurholm's STAFF and a Vännäs with its own Anna Berg and a Maria. */
  private static final Platform PLATFORM = new Platform("Plattformen", true, List.of(STAFF,
      new Staff(VANNAS, AsteriskSettings.defaultsFor("vannas"), List.of(
          person("anna.berg", "Anna", "Berg", "3102"),
          person("maria.lindberg", "Maria", "Lindberg", "3300")))));

  private static List<String> qualified(List<Platform.Member> members) {
    return members.stream().map(Platform.Member::qualifiedId).toList();
  }

  @Test
  void qualifiedIdFindsThePersonInThatOrganisation() {
    PersonFinder.Found f = PersonFinder.find(PLATFORM, "vannas/anna.berg");

    assertTrue(f.found(), f::toString);
    assertEquals("vannas/anna.berg", f.member().qualifiedId());
    assertEquals("3102", f.member().person().extension());
  }

  @Test
  void afterTheOrganisationANameWorksToo() {
    PersonFinder.Found f = PersonFinder.find(PLATFORM, "bjurholms-kommun/Anna Berg");

    assertTrue(f.found(), f::toString);
    assertEquals("bjurholms-kommun/anna.berg", f.member().qualifiedId());
  }

  @Test
  void unqualifiedIdThatOnlyOneOrganisationHasIsFound() {
    assertEquals("vannas/maria.lindberg",
        PersonFinder.find(PLATFORM, "maria.lindberg").member().qualifiedId());
    assertEquals("bjurholms-kommun/bo.lind",
        PersonFinder.find(PLATFORM, "Bo Lind").member().qualifiedId());
  }

  @Test
  void sameIdInTwoOrganisationsIsAmbiguousAndNamesBothQualified() {
    PersonFinder.Found f = PersonFinder.find(PLATFORM, "anna.berg");

    assertFalse(f.found());
    assertTrue(f.ambiguous());
    assertEquals(List.of("bjurholms-kommun/anna.berg", "vannas/anna.berg"),
        qualified(f.candidates()));
    assertEquals("'anna.berg' is ambiguous; did you mean:\n"
        + "  bjurholms-kommun/anna.berg  Anna Berg  (2102)\n"
        + "  vannas/anna.berg  Anna Berg  (3102)", f.problem("anna.berg", "p.yaml"));
  }

  @Test
  void nearMissesAreSuggestedFromEveryOrganisation() {
    PersonFinder.Found f = PersonFinder.find(PLATFORM, "ana.berg");

    assertFalse(f.found());
    assertFalse(f.ambiguous());
    assertEquals(List.of("bjurholms-kommun/anna.berg", "vannas/anna.berg"),
        qualified(f.candidates()).subList(0, 2));
  }

  @Test
  void unknownOrganisationFindsNoOneAndListsTheOrganisations() {
    PersonFinder.Found f = PersonFinder.find(PLATFORM, "umea/anna.berg");

    assertFalse(f.found());
    assertEquals(List.of(), f.candidates());
    assertEquals("'umea/anna.berg': p.yaml has no organisation umea; it has bjurholms-kommun,"
        + " vannas", f.problem("umea/anna.berg", "p.yaml"));
  }

  @Test
  void aPlatformOfOneNamesPeopleByTheirPlainId() {
    PersonFinder.Found f = PersonFinder.find(Platform.of(STAFF), "anna");

    assertTrue(f.ambiguous());
    assertTrue(f.problem("anna", "staff.yaml").contains("\n  anna.berg  Anna Berg  (2102)"),
        () -> f.problem("anna", "staff.yaml"));
  }
}
