package se.vaxel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutputWriterTest {
  private static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

  @TempDir Path tmp;

  private final OutputWriter writer = new OutputWriter();

  private static List<OutputFile> tree() {
    return List.of(
        new OutputFile("switchboard.html", "<p>sheet</p>\n"),
        new OutputFile("staff/anna.berg/greeting.txt", "Hej Anna\n"),
        new OutputFile("staff/bo.lind/greeting.txt", "Hej Bo\n"));
  }

  @Test
  void writesEveryFileWithItsContent() throws Exception {
    Path out = tmp.resolve("out");

    WriteResult r = writer.write(out, tree());

    assertEquals(new WriteResult(3, 0, 0), r);
    for (OutputFile f : tree()) {
      assertEquals(f.content(), Files.readString(out.resolve(f.path())));
    }
  }

  @Test
  void aNewTreeAppearsWholeWithNothingLeftBeside() throws Exception {
    writer.write(tmp.resolve("out"), tree());

    try (var entries = Files.list(tmp)) {
      assertEquals(List.of(tmp.resolve("out")), entries.toList());
    }
    assertTrue(Files.exists(tmp.resolve("out").resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void aNewTreeOfManyDirectoriesIsWrittenWhole() throws Exception {
    // Written by two threads: each file's directory must exist before either writes into it.
    List<OutputFile> many = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      for (String name : List.of("greeting.txt", "answering.txt", "signature.txt")) {
        many.add(new OutputFile("staff/p" + i + "/" + name, "p" + i + "\n"));
      }
    }

    assertEquals(new WriteResult(6000, 0, 0), writer.write(tmp.resolve("out"), many));

    assertEquals("p1999\n", Files.readString(tmp.resolve("out/staff/p1999/signature.txt")));
    assertEquals(6000, filesNamed(tmp.resolve("out"), ".txt").size());
  }

  @Test
  void aTreeThatCannotBeWrittenIsRefusedBeforeAnythingIsMade() {
    // "a" cannot be a file and a directory at once: a generator bug, caught before any write.
    List<OutputFile> clash = List.of(new OutputFile("a", "x\n"), new OutputFile("a/b", "y\n"));

    assertThrows(IllegalArgumentException.class, () -> writer.write(tmp.resolve("out"), clash));

    assertFalse(Files.exists(tmp.resolve("out")));
    try (var entries = Files.list(tmp)) {
      assertEquals(0, entries.count());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aVaxelDirectoryKeepsFilesThatAreNotOurs() throws Exception {
    writer.write(tmp, tree());
    Files.writeString(tmp.resolve("README"), "the admin's own notes\n");

    writer.write(tmp, tree().subList(0, 2));

    assertEquals("the admin's own notes\n", Files.readString(tmp.resolve("README")));
    assertFalse(Files.exists(tmp.resolve("staff/bo.lind/greeting.txt")));
  }

  @Test
  void writesTextAsUtf8() throws Exception {
    writer.write(tmp, List.of(new OutputFile("a.txt", "Åsa Öberg\n")));

    assertEquals(List.of("Åsa Öberg"), Files.readAllLines(tmp.resolve("a.txt")));
    assertEquals("Åsa Öberg\n".getBytes(java.nio.charset.StandardCharsets.UTF_8).length,
        Files.size(tmp.resolve("a.txt")));
  }

  @Test
  void unchangedFilesAreNotRewrittenAndKeepTheirTimestamps() throws Exception {
    writer.write(tmp, tree());
    for (OutputFile f : tree()) {
      Files.setLastModifiedTime(tmp.resolve(f.path()), OLD);
    }

    WriteResult r = writer.write(tmp, tree());

    assertEquals(new WriteResult(0, 3, 0), r);
    for (OutputFile f : tree()) {
      assertEquals(OLD, Files.getLastModifiedTime(tmp.resolve(f.path())), f.path());
    }
  }

  @Test
  void changedContentIsRewrittenAndOnlyThatFile() throws Exception {
    writer.write(tmp, tree());
    Files.setLastModifiedTime(tmp.resolve("switchboard.html"), OLD);
    List<OutputFile> changed = List.of(
        new OutputFile("switchboard.html", "<p>sheet</p>\n"),
        new OutputFile("staff/anna.berg/greeting.txt", "Hej igen Anna\n"),
        new OutputFile("staff/bo.lind/greeting.txt", "Hej Bo\n"));

    WriteResult r = writer.write(tmp, changed);

    assertEquals(new WriteResult(1, 2, 0), r);
    assertEquals("Hej igen Anna\n", Files.readString(tmp.resolve("staff/anna.berg/greeting.txt")));
    assertEquals(OLD, Files.getLastModifiedTime(tmp.resolve("switchboard.html")));
  }

  @Test
  void sameLengthDifferentContentIsRewritten() throws Exception {
    writer.write(tmp, List.of(new OutputFile("a.txt", "abc")));

    WriteResult r = writer.write(tmp, List.of(new OutputFile("a.txt", "abd")));

    assertEquals(1, r.written());
    assertEquals("abd", Files.readString(tmp.resolve("a.txt")));
  }

  @Test
  void fileDroppedFromTheTreeIsRemovedAndItsEmptyDirectoriesPruned() throws Exception {
    writer.write(tmp, tree());

    WriteResult r = writer.write(tmp, tree().subList(0, 2));

    assertEquals(new WriteResult(0, 2, 1), r);
    assertFalse(Files.exists(tmp.resolve("staff/bo.lind")), "empty directory left behind");
    assertTrue(Files.isDirectory(tmp.resolve("staff")), "a non-empty parent was removed");
    assertTrue(Files.isRegularFile(tmp.resolve("staff/anna.berg/greeting.txt")));
  }

  @Test
  void pruningStopsAtTheOutputDirectory() throws Exception {
    Path out = tmp.resolve("out");
    writer.write(out, List.of(new OutputFile("a/b/c.txt", "x")));

    WriteResult r = writer.write(out, List.of());

    assertEquals(1, r.removed());
    assertFalse(Files.exists(out.resolve("a")));
    assertTrue(Files.isDirectory(out), "the output directory itself was removed");
  }

  @Test
  void filesTheManifestDoesNotListAreNeverRemoved() throws Exception {
    writer.write(tmp, tree());
    Path mine = Files.writeString(tmp.resolve("README.txt"), "mine");
    Path alsoMine = Files.writeString(tmp.resolve("staff/bo.lind/notes.txt"), "mine too");

    WriteResult r = writer.write(tmp, List.of());

    assertEquals(3, r.removed());
    assertEquals("mine", Files.readString(mine));
    assertEquals("mine too", Files.readString(alsoMine));
    assertFalse(Files.exists(tmp.resolve("staff/anna.berg")));
  }

  @Test
  void manifestListsExactlyTheGeneratedFiles() throws Exception {
    writer.write(tmp, tree());

    assertEquals(List.of("staff/anna.berg/greeting.txt", "staff/bo.lind/greeting.txt",
        "switchboard.html"), Files.readAllLines(tmp.resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void noTemporaryFileIsLeftBehind() throws Exception {
    writer.write(tmp, tree());
    writer.write(tmp, List.of(new OutputFile("switchboard.html", "changed\n")));

    assertEquals(List.of(), filesNamed(tmp, ".vaxel-tmp"));
  }

  @Test
  void anotherWritersTemporaryFileIsNeitherUsedNorDeleted() throws Exception {
    writer.write(tmp, List.of(new OutputFile("a.txt", "first\n")));
    Path theirs = tmp.resolve(".a.txt.4711.1.vaxel-tmp");
    Files.writeString(theirs, "half a fi");

    writer.write(tmp, List.of(new OutputFile("a.txt", "whole\n")));

    assertEquals("whole\n", Files.readString(tmp.resolve("a.txt")));
    assertEquals("half a fi", Files.readString(theirs));
    assertEquals(List.of(theirs), filesNamed(tmp, ".vaxel-tmp"));
  }

  @Test
  void manifestEntryOutsideTheTreeIsIgnored() throws Exception {
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path outside = Files.writeString(tmp.resolve("x"), "not ours");
    Path absolute = Files.writeString(tmp.resolve("y"), "not ours either");
    Files.writeString(out.resolve(OutputWriter.MANIFEST),
        "../x\n" + absolute + "\nsub/../../x\n");

    WriteResult r = writer.write(out, tree());

    assertEquals(0, r.removed());
    assertEquals("not ours", Files.readString(outside));
    assertEquals("not ours either", Files.readString(absolute));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/etc/passwd", "../x", "a/../../x", "a/..", "a\\b.txt"})
  void outputFileRejectsPathsThatCouldLeaveTheTree(String path) {
    assertThrows(IllegalArgumentException.class, () -> new OutputFile(path, "x"));
  }

  @Test
  void outputFileAcceptsNestedRelativePaths() {
    assertEquals("staff/anna.berg/greeting.txt",
        new OutputFile("staff/anna.berg/greeting.txt", "x").path());
  }

  private static List<Path> filesNamed(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }
}
