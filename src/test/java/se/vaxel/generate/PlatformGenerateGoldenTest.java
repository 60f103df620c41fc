package se.vaxel.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;
import se.vaxel.output.OutputFile;
import se.vaxel.staff.StaffLoader;

/**
 * What {@code vaxel generate -f platform.yaml} makes of the two small organisations in
 * src/test/resources/platform/ on 2026-11-21, against src/test/resources/golden/platform/, file
 * by file: each organisation's tree under its id, one switchboard sheet for the platform.
 * Update with {@code -Dtest=PlatformGenerateGoldenTest -Dgolden.update=true} and review.
 *
 * <p>The platform is built here from its staff files, so this test does not depend on the
 * platform file's loader; the organisations are the ones src/test/resources/platform/
 * platform.yaml names.
 */
class PlatformGenerateGoldenTest {
  private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  private static final Path RESOURCES = PROJECT.resolve("src/test/resources/platform");
  private static final Path GOLDEN = PROJECT.resolve("src/test/resources/golden/platform");
  private static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static Generator.Generated generated;
  private static String sheet;

  static Platform testPlatform() throws Exception {
    StaffLoader loader = new StaffLoader();
    List<Staff> organisations = List.of(loader.load(RESOURCES.resolve("alfa/staff.yaml")),
        loader.load(RESOURCES.resolve("beta/staff.yaml")));
    return new Platform("Testplattformen", true, organisations);
  }

  @BeforeAll
  static void generatePlatform() throws Exception {
    generated = Rendering.of(Optional.empty(), "test").generator()
        .generate(testPlatform(), DATE);
    sheet = generated.files().stream().filter(f -> f.path().equals("switchboard.html"))
        .findFirst().orElseThrow().content();
  }

  @TestFactory
  Stream<DynamicTest> everyGeneratedFileMatchesItsGoldenFile() {
    return generated.files().stream().map(f ->
        DynamicTest.dynamicTest(f.path(), () -> check(f)));
  }

  @Test
  void goldenTreeHasNoFileThatIsNotGenerated() throws IOException {
    Set<String> expected = generated.files().stream().map(OutputFile::path)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> extra = new TreeSet<>();
    if (Files.isDirectory(GOLDEN)) {
      try (Stream<Path> walk = Files.walk(GOLDEN)) {
        walk.filter(Files::isRegularFile)
            .map(p -> GOLDEN.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !expected.contains(p))
            .forEach(extra::add);
      }
    }
    if (UPDATE) {
      for (String path : extra) {
        Files.delete(GOLDEN.resolve(path));
      }
      return;
    }
    assertEquals(Set.of(), extra, "golden files that generate no longer makes");
  }

  @Test
  void eachOrganisationHasTodaysLayoutUnderItsIdAndThePlatformOneSheet() {
    Set<String> top = generated.files().stream()
        .map(f -> f.path().contains("/") ? f.path().substring(0, f.path().indexOf('/')) + "/"
            : f.path())
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("alfa/", "beta/", "switchboard.html"), top);
    for (String org : List.of("alfa", "beta")) {
      for (String file : List.of("asterisk/voicemail.conf", "asterisk/extensions.conf",
          "switchboard.html", "staff/anna.berg/answering.txt")) {
        assertTrue(generated.files().stream().anyMatch(f -> f.path().equals(org + "/" + file)),
            org + "/" + file);
      }
    }
    assertEquals(4, generated.people());
    assertEquals(4, generated.mailboxes());
    assertEquals(1, generated.currentAbsences(), "only Alfa's Anna Berg is away on 2026-11-21");
  }

  @Test
  void eachPersonsAnsweringPhraseNamesTheirOwnOrganisation() {
    String alfa = section("alfa");
    String beta = section("beta");
    assertTrue(alfa.contains("Alfa kommun, Anna Berg, Alfaskolan"), alfa);
    assertFalse(alfa.contains("Beta &amp;"), "Alfa's people answer for Alfa only");
    assertTrue(beta.contains("Beta &amp; &lt;Gamma&gt; &quot;kommun&quot;, Anna Berg"), beta);
    assertFalse(beta.contains("Alfa kommun,"), "Beta's Anna Berg answers for Beta");
  }

  @Test
  void namesWithMarkupCharactersAreEscapedOnceAndNeverReachTheScript() {
    assertTrue(sheet.contains("Zoë &quot;Zed&quot; O&#39;Brien &lt;&amp;&gt; Co")
        || sheet.contains("Zoë &quot;Zed&quot; O&#x27;Brien &lt;&amp;&gt; Co"), sheet);
    assertFalse(sheet.contains("<Gamma>"), "an organisation name unescaped");
    assertFalse(sheet.contains("<&>"), "a person's name unescaped");
    assertFalse(sheet.contains("&amp;amp;"), "escaped twice");
    String script = sheet.substring(sheet.indexOf("<script>"), sheet.indexOf("</script>"));
    assertFalse(script.contains("Zed") || script.contains("Gamma") || script.contains("Alfa"),
        "the script carries no data, so nothing in it needs escaping for JavaScript");
    assertFalse(script.contains("innerHTML"), "the script reads text, never markup");
  }

  @Test
  void theSheetFetchesNothingAndItsFilterIsReachableByKeyboard() {
    assertFalse(Pattern.compile("(?i)\\b(src|href)=\"(https?:)?//").matcher(sheet).find(),
        "no outside assets");
    assertEquals(1, count(sheet, "<script>"), "one inline script");
    assertFalse(sheet.contains("<script src"), "no outside script");
    // Native controls with labels: focusable and operable by keyboard without any tabindex.
    assertTrue(sheet.contains("<label>Organisation <select id=\"filter-org\">"), sheet);
    assertTrue(sheet.contains("<label>Sök <input id=\"filter-text\" type=\"search\""), sheet);
    assertTrue(sheet.contains("<option value=\"beta\">Beta &amp; &lt;Gamma&gt;"), sheet);
    // Hidden until the script runs, so a page without script shows no dead controls.
    assertTrue(sheet.contains("<form id=\"filter\" role=\"search\" hidden>"), sheet);
    // The form is display:flex and narrow screens make rows display:block; both would beat the
    // browser's own [hidden] rule, so the sheet states it with !important.
    assertTrue(sheet.contains("[hidden]{display:none!important}"), sheet);
    assertTrue(sheet.indexOf("data-org=\"alfa\"") < sheet.indexOf("data-org=\"beta\""),
        "grouped in the platform file's order");
  }

  private static String section(String org) {
    int start = sheet.indexOf("<section id=\"org-" + org + "\"");
    return sheet.substring(start, sheet.indexOf("</section>", start));
  }

  private static int count(String s, String what) {
    Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void check(OutputFile f) throws IOException {
    Path golden = GOLDEN.resolve(f.path());
    if (UPDATE) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, f.content());
      return;
    }
    assertTrue(Files.isRegularFile(golden),
        () -> golden + " is missing; run with -Dgolden.update=true and review the diff");
    assertEquals(Files.readString(golden), f.content(), f.path());
  }
}
