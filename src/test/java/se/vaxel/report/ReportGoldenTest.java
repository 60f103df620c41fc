package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every format of the fixed night in {@link Fixtures}, with and without a baseline, against
 * the reviewed files in src/test/resources/golden/report/.
 *
 * <p>After an intended change to a format run
 * {@code mvn -q test -Dtest=ReportGoldenTest -Dgolden.update=true}: it rewrites the files (and
 * deletes those no longer rendered) instead of comparing; review the diff like any other change,
 * and remember that the JSON schema is a contract with monitoring.
 */
class ReportGoldenTest {
  private static final Path GOLDEN =
      Path.of(System.getProperty("user.dir"), "src/test/resources/golden/report");
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  /** The organisation's language and zone, fixed: the HTML page shows local times. */
  private static Presentation presentation(se.vaxel.model.Language language) {
    return new Presentation(language, java.time.ZoneId.of("Europe/Stockholm"),
        new se.vaxel.render.Templates(java.util.Optional.empty()),
        java.util.Optional.of(java.time.Duration.ofMillis(4321)),
        Map.of("alfa", java.time.Duration.ofMillis(1234), "beta", java.time.Duration.ofMillis(3087)));
  }

  private static Map<String, String> rendered() {
    Presentation en = presentation(se.vaxel.model.Language.EN);
    Presentation sv = presentation(se.vaxel.model.Language.SV);
    Report plain = Fixtures.report();
    Report baseline = Fixtures.withBaseline();
    Map<String, String> files = new LinkedHashMap<>();
    files.put("text.txt", Format.TEXT.render(plain));
    files.put("text-colour.txt", Format.TEXT.render(plain.withColour(true)));
    files.put("text-baseline.txt", Format.TEXT.render(baseline));
    files.put("json.json", Format.JSON.render(plain));
    files.put("json-baseline.json", Format.JSON.render(baseline));
    files.put("junit.xml", Format.JUNIT.render(plain, en));
    files.put("junit-baseline.xml", Format.JUNIT.render(baseline, en));
    files.put("html.html", Format.HTML.render(plain, en));
    files.put("html-baseline.html", Format.HTML.render(baseline, en));
    files.put("html-sv.html", Format.HTML.render(plain, sv));
    files.put("html-sv-baseline.html", Format.HTML.render(baseline, sv));
    files.put("nagios.txt", Format.NAGIOS.render(plain));
    files.put("nagios-baseline.txt", Format.NAGIOS.render(baseline));
    files.put("prometheus.prom", Format.PROMETHEUS.render(plain));
    // A platform of two organisations: the total with a part each, and one organisation's own
    // report as --report-dir writes it.
    Report platform = Fixtures.platform();
    Report platformBaseline = Fixtures.platformWithBaseline();
    Report alfa = platform.organisations().get(0);
    for (Format f : Format.values()) {
      files.put("platform-" + f.key() + "." + f.extension(), f.render(platform, en));
      files.put("platform-baseline-" + f.key() + "." + f.extension(),
          f.render(platformBaseline, en));
      files.put("organisation-" + f.key() + "." + f.extension(), f.render(alfa, en));
    }
    files.put("platform-html-sv.html", Format.HTML.render(platformBaseline, sv));
    return files;
  }

  @TestFactory
  Stream<DynamicTest> everyFormatMatchesItsGoldenFile() {
    return rendered().entrySet().stream().map(e ->
        DynamicTest.dynamicTest(e.getKey(), () -> check(e.getKey(), e.getValue())));
  }

  @Test
  void goldenDirectoryHasNoFileThatIsNotRendered() throws IOException {
    Set<String> extra = new TreeSet<>();
    if (Files.isDirectory(GOLDEN)) {
      try (Stream<Path> files = Files.list(GOLDEN)) {
        files.map(p -> p.getFileName().toString())
            .filter(name -> !rendered().containsKey(name))
            .forEach(extra::add);
      }
    }
    if (UPDATE) {
      for (String name : extra) {
        Files.delete(GOLDEN.resolve(name));
      }
      return;
    }
    assertEquals(Set.of(), extra, "golden files no format renders any more");
  }

  private static void check(String name, String content) throws IOException {
    Path golden = GOLDEN.resolve(name);
    if (UPDATE) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, content);
      return;
    }
    assertTrue(Files.isRegularFile(golden),
        () -> golden + " is missing; run with -Dgolden.update=true and review the diff");
    assertEquals(Files.readString(golden), content, name);
  }
}
