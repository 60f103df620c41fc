package se.vaxel.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * Everything {@code vaxel generate} makes of the shipped staff.yaml on 2026-11-21 (Åsa Öberg
 * away, Sofia Wikström and Eva-Lena Nyström upcoming), against the reviewed tree in
 * src/test/resources/golden/generate/, file by file, with nothing missing and nothing extra.
 *
 * <p>The version is fixed to "test" so that a release does not change the Asterisk headers.
 * After an intended change to staff.yaml or a template run
 * {@code mvn -q test -Dtest=GenerateGoldenTest -Dgolden.update=true}: it rewrites the tree
 * (and deletes files no longer generated) instead of comparing, and the diff is then reviewed
 * against the policy like any other change.
 */
class GenerateGoldenTest {
  private static final Path PROJECT = Path.of(System.getProperty("user.dir"));
  private static final Path GOLDEN = PROJECT.resolve("src/test/resources/golden/generate");
  private static final LocalDate DATE = LocalDate.of(2026, 11, 21);
  private static final boolean UPDATE = Boolean.getBoolean("golden.update");

  private static Generator.Generated generated;

  @BeforeAll
  static void generateShippedStaff() throws Exception {
    Staff staff = new StaffLoader().load(PROJECT.resolve("staff.yaml"));
    // Through the platform entry point, as generate runs it: a lone staff file is a platform of
    // one and must keep today's tree byte for byte.
    generated = Rendering.of(Optional.empty(), "test").generator()
        .generate(Platform.of(staff), DATE);
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
  void summaryCountsPeopleMailboxesAndTodaysAbsences() {
    assertEquals(16, generated.people());
    assertEquals(14, generated.mailboxes());
    assertEquals(1, generated.currentAbsences(), "only Åsa Öberg is away on 2026-11-21");
  }

  @Test
  void everyTextKindAndBothAsteriskFilesAreCovered() {
    Set<String> names = generated.files().stream()
        .map(f -> f.path().substring(f.path().lastIndexOf('/') + 1))
        .collect(Collectors.toSet());
    assertTrue(names.containsAll(Set.of("greeting.txt", "answering.txt", "signature.txt",
        "auto-reply.txt", "absence-greeting.txt", "voicemail.conf", "extensions.conf",
        "switchboard.html")), () -> "a kind of output is missing from " + names);
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
