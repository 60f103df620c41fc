package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GreetingCommandTest {
  /** T2 in the policy's exact wording, for the policy's own example person. */
  private static final String CALLE_T2 = "Hej! Du har ringt Calle Carlsson, Castorskolan, "
      + "Bjurholms kommun. Jag kan inte ta ditt telefonsamtal just nu, men lämna ditt namn och "
      + "telefonnummer så återkommer jag till dig. Tack för att du ringde.";

  @TempDir Path tmp;

  private static Cli.Run greeting(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "greeting";
    all[1] = "-f";
    all[2] = Cli.SHIPPED.toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Cli.run(all);
  }

  @Test
  void firstNamePrintsThePolicysExactGreeting() {
    Cli.Run r = greeting("calle");

    assertEquals(0, r.code(), r::toString);
    assertEquals("Röstbrevlådans hälsning för Calle Carlsson:\n" + CALLE_T2 + "\n", r.out());
    assertEquals("", r.err());
  }

  @Test
  void nameWithoutDiacriticsFindsThePerson() {
    Cli.Run r = greeting("Asa Oberg");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Hej! Du har ringt Åsa Öberg, Bjurholms kommun. Jag kan inte"),
        r::toString);
  }

  @Test
  void duringAnAbsenceTheAbsenceGreetingFollows() {
    Cli.Run r = greeting("asa.oberg");

    assertEquals(0, r.code(), r::toString);
    String out = r.out();
    int normal = out.indexOf("Jag kan inte ta ditt telefonsamtal just nu");
    int heading = out.indexOf("Tillfällig hälsning under frånvaron:");
    int absence = out.indexOf("Jag är på utbildning till och med fredag den 27 november.");
    assertTrue(normal >= 0 && heading > normal && absence > heading, r::toString);
    // Her contact changes from week 47 to week 48, so the greeting names the switchboard.
    assertTrue(out.contains("vända dig till växeln på 0934-140 00"), r::toString);
  }

  @Test
  void outsideAnyAbsenceOnlyTheGreetingIsPrinted() {
    Cli.Run r = greeting("calle.carlsson", "--date", "2026-08-10");

    assertEquals(0, r.code(), r::toString);
    assertFalse(r.out().contains("Tillfällig"), r::toString);
  }

  @Test
  void dateOptionSelectsTheAbsenceThatIsCurrentThen() {
    Cli.Run r = greeting("calle.carlsson", "--date", "2026-07-22");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Jag är på semester till och med söndag den 9 augusti."),
        r::toString);
  }

  @Test
  void langOptionPrintsTheEnglishGreeting() {
    Cli.Run r = greeting("--lang", "en", "calle.carlsson");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Voicemail greeting for Calle Carlsson:\n"
        + "Hello! You have reached Calle Carlsson, Castorskolan, Bjurholms kommun."), r::toString);
  }

  @Test
  void unsupportedLanguageIsBadInput() {
    Cli.Run r = greeting("--lang", "fi", "calle.carlsson");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--lang must be sv or en"), r::toString);
  }

  @Test
  void ambiguousNameIsBadInputAndListsTheCandidates() {
    // Eva-Lena Nyström and Elin Sandberg both have a first name starting with E.
    Cli.Run r = greeting("E");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("ambiguous"), r::toString);
    assertTrue(r.err().contains("eva-lena.nystrom") && r.err().contains("elin.sandberg"),
        r::toString);
    assertEquals("", r.out());
  }

  @Test
  void unknownNameIsBadInput() {
    Cli.Run r = greeting("zzzz");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("no one called 'zzzz'"), r::toString);
    assertFalse(r.err().contains("did you mean"), r::toString);
  }

  @Test
  void aFirstNameOneLetterOffSuggestsThePerson() {
    Cli.Run r = greeting("kalle");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("no one called 'kalle'; did you mean:"), r::toString);
    assertTrue(r.err().contains("calle.carlsson  Calle Carlsson  (2101)"), r::toString);
  }

  @Test
  void nearMissSuggestsTheClosestId() {
    Cli.Run r = greeting("calle.carlson");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("did you mean"), r::toString);
    assertTrue(r.err().contains("calle.carlsson  Calle Carlsson  (2101)"), r::toString);
  }

  @Test
  void organisationTemplatesOverrideTheShippedWording() throws Exception {
    Path templates = tmp.resolve("templates");
    Files.createDirectories(templates.resolve("sv"));
    Files.writeString(templates.resolve("sv/greeting.ftl"),
        "Välkommen till ${orgName}, du har kommit till ${fullName}.\n");

    Cli.Run r = greeting("--templates", templates.toString(), "calle");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Välkommen till Bjurholms kommun, du har kommit till Calle "
        + "Carlsson."), r::toString);
    assertFalse(r.out().contains("Hej! Du har ringt"), r::toString);
  }

  @Test
  void brokenOrganisationTemplateIsBadInputNamingTheTemplate() throws Exception {
    Path templates = tmp.resolve("broken");
    Files.createDirectories(templates.resolve("sv"));
    Files.writeString(templates.resolve("sv/greeting.ftl"), "Hej ${fullName\n");

    Cli.Run r = greeting("--templates", templates.toString(), "calle");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("sv/greeting.ftl"), r::toString);
  }

  @Test
  void missingTemplatesDirectoryIsBadInput() {
    Cli.Run r = greeting("--templates", tmp.resolve("nowhere").toString(), "calle");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("is not a directory"), r::toString);
  }

  private static final String PLATFORM = ValidateCommandTest.PLATFORM.toString();

  @Test
  void onAPlatformAnyOrganisationsPersonIsFoundWithTheirOwnOrganisationsTexts() {
    Cli.Run r = Cli.run("greeting", "-f", PLATFORM, "Karin");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Hej! Du har ringt Karin Lundqvist, Vegaskolan, Vännäs kommun."),
        r::toString);
    // Away on 2026-11-21, the greeting names her own organisation's switchboard number.
    assertTrue(r.out().contains("Tillfällig hälsning under frånvaron:"), r::toString);
    assertTrue(r.out().contains("0935-140 00"), r::toString);
    assertFalse(r.out().contains("0934-140 00"), r::toString);
  }

  @Test
  void onAPlatformANameInTwoOrganisationsIsAmbiguousByQualifiedId() {
    Cli.Run r = Cli.run("greeting", "-f", PLATFORM, "Maria");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("'Maria' is ambiguous"), r::toString);
    assertTrue(r.err().contains("bjurholm/maria.akesson  Maria Åkesson  (2111)")
        && r.err().contains("vannas/maria.lindberg  Maria Lindberg  (3300)"), r::toString);
  }

  @Test
  void onAPlatformAQualifiedIdNamesOnePerson() {
    Cli.Run r = Cli.run("greeting", "-f", PLATFORM, "vannas/david.brown");

    assertEquals(0, r.code(), r::toString);
    // David's own language is English.
    assertTrue(r.out().startsWith("Voicemail greeting for David Brown:\n"
        + "Hello! You have reached David Brown, Kommunhuset, Vännäs kommun."), r::toString);
  }

  @Test
  void orgNarrowsTheSearchToOneOrganisation() {
    Cli.Run r = Cli.run("greeting", "-f", PLATFORM, "--org", "bjurholm", "Maria");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("Maria Åkesson"), r::toString);
  }
}
