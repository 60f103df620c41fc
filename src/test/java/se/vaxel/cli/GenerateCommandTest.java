package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  private static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

  @TempDir Path tmp;

  @Test
  void generatesTheShippedFileAndSummarisesIt() {
    Path out = tmp.resolve("out");

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString());

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith(
        "Generated 16 people, 14 mailboxes, 1 current absences for 2026-11-21 into " + out),
        r::toString);
    assertTrue(r.out().contains(": 57 files written, 0 unchanged, 0 removed."), r::toString);
    assertEquals("", r.err());
    for (String f : List.of("staff/calle.carlsson/greeting.txt",
        "staff/asa.oberg/absence-greeting.txt", "asterisk/voicemail.conf",
        "asterisk/extensions.conf", "switchboard.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), () -> f + " was not written");
    }
  }

  @Test
  void dateOptionDecidesWhichAbsencesAreCurrent() {
    Path out = tmp.resolve("out");

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString(),
        "--date", "2026-11-24");

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("2 current absences for 2026-11-24"), r::toString);
  }

  @Test
  void secondRunWithTheSameInputWritesNothing() {
    Path out = tmp.resolve("out");
    Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString());

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString());

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains(": 0 files written, 57 unchanged, 0 removed."), r::toString);
  }

  @Test
  void invalidStaffFileLeavesTheOutputDirectoryUntouched() throws Exception {
    Path staff = Files.writeString(tmp.resolve("staff.yaml"), ValidateCommandTest.BROKEN);
    Path out = Files.createDirectories(tmp.resolve("out"));
    Path kept = Files.writeString(out.resolve("kept.txt"), "from before");
    Files.setLastModifiedTime(kept, OLD);

    Cli.Run r = Cli.run("generate", "-f", staff.toString(), "-o", out.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(staff + ":11:5: "), r::toString);
    assertTrue(r.err().contains("nothing was written"), r::toString);
    assertEquals(List.of(kept), listTree(out));
    assertEquals("from before", Files.readString(kept));
    assertEquals(OLD, Files.getLastModifiedTime(kept));
  }

  @Test
  void impossibleDateIsBadInputAndWritesNothing() {
    Path out = tmp.resolve("out");

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString(),
        "--date", "2026-13-01");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith(
        "vaxel: --date 2026-13-01: not a date (month 13); write YYYY-MM-DD\n"), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertFalse(Files.exists(out), "the output directory was created");
  }

  @Test
  void everyDateOptionSaysInWordsWhatIsWrong() {
    Map<String, String> wrong = Map.of(
        "2026-02-29", "not a date (day 29: February 2026 has 28 days); write YYYY-MM-DD",
        "2026-04-31", "not a date (day 31: April has 30 days); write YYYY-MM-DD",
        "21/11/2026", "not a date; write YYYY-MM-DD");
    for (String command : List.of("generate", "greeting", "check")) {
      wrong.forEach((value, words) -> {
        Cli.Run r = Cli.run(command, "--date", value);

        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().startsWith("vaxel: --date " + value + ": " + words + "\n"),
            () -> command + ": " + r);
        assertFalse(r.err().contains("Exception"), r::toString);
      });
    }
  }

  @Test
  void missingStaffFileIsBadInputAndWritesNothing() {
    Path missing = tmp.resolve("nowhere.yaml");
    Path out = tmp.resolve("out");

    Cli.Run r = Cli.run("generate", "-f", missing.toString(), "-o", out.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(missing + ": no such file"), r::toString);
    assertFalse(Files.exists(out), "the output directory was created");
  }

  @Test
  void aDirectoryHoldingTheUsersOwnFilesIsRefusedAndLeftAsItWas() throws Exception {
    Path own = Files.writeString(Files.createDirectories(tmp.resolve("asterisk"))
        .resolve("extensions.conf"), "[from-internal]\n");
    Path sheet = Files.writeString(tmp.resolve("switchboard.html"), "my own sheet");
    Files.setLastModifiedTime(own, OLD);

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", tmp.toString());

    assertEquals(2, r.code(), r::toString);
    assertEquals("vaxel: " + tmp + " is not empty and vaxel did not write it (there is no "
        + ".vaxel-manifest; it holds asterisk, switchboard.html): vaxel writes only into a new "
        + "or empty directory, or one it wrote before. Choose another output directory, or "
        + "move what is in this one away.\nnothing was written.\n", r.err());
    assertEquals("", r.out());
    assertEquals(List.of(tmp.resolve("asterisk"), own, sheet), listTree(tmp));
    assertEquals("[from-internal]\n", Files.readString(own));
    assertEquals(OLD, Files.getLastModifiedTime(own));
    assertEquals("my own sheet", Files.readString(sheet));
  }

  @Test
  void anOutputPathThatIsAFileIsBadInputInWords() throws Exception {
    Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0\n");

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", passwd.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("vaxel: " + passwd + " is not a directory: "), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertEquals("root:x:0:0\n", Files.readString(passwd));
  }

  @Test
  void anOutputDirectoryTheSystemWillNotMakeIsBadInputNamingThePathGiven() {
    // /proc refuses new directories with "no such file", which names nothing a user can do.
    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", "/proc/nope");

    assertEquals(2, r.code(), r::toString);
    assertEquals("vaxel: /proc/nope cannot be made: the file system at /proc/nope does not "
        + "allow new directories. Choose another output directory.\nnothing was written.\n",
        r.err());
    assertEquals("", r.out());
  }

  @Test
  void anOutputDirectoryUnderAFileNamesThatFile() throws Exception {
    Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0\n");

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o",
        passwd.resolve("out").toString());

    assertEquals(2, r.code(), r::toString);
    assertEquals("vaxel: " + passwd + " is not a directory, so " + passwd.resolve("out")
        + " cannot be made there: choose another output directory.\nnothing was written.\n",
        r.err());
  }

  @Test
  void aFailureInsideTheOutputDirectoryNamesItAsGivenNotItsRealPath() throws Exception {
    Path real = tmp.resolve("real");
    Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", real.toString());
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Files.delete(real.resolve(".vaxel-lock"));
    Files.createDirectory(real.resolve(".vaxel-lock"));

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", link.toString());

    assertEquals(2, r.code(), r::toString);
    assertEquals("vaxel: " + link.resolve(".vaxel-lock") + ": Is a directory; fix that, or "
        + "choose another output directory\n", r.err());
  }

  @Test
  void everyProblemInAVaxelDirectoryIsReportedAtOnce() throws Exception {
    Path out = tmp.resolve("out");
    Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString());
    Path elsewhere = Files.createDirectories(tmp.resolve("etc-asterisk"));
    Path theirs = Files.writeString(elsewhere.resolve("voicemail.conf"), "[default]\n");
    Files.delete(out.resolve("asterisk/voicemail.conf"));
    Files.delete(out.resolve("asterisk/extensions.conf"));
    Files.delete(out.resolve("asterisk"));
    Files.createSymbolicLink(out.resolve("asterisk"), elsewhere);
    Path sheet = out.resolve("switchboard.html");
    Files.delete(sheet);
    Files.createSymbolicLink(sheet, theirs);

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString(),
        "--date", "2026-11-24");

    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.err().lines().toList();
    assertEquals(3, lines.size(), r::toString);
    assertTrue(lines.get(0).startsWith("vaxel: " + out.resolve("asterisk")
        + " is a symbolic link: "), r::toString);
    assertTrue(lines.get(1).startsWith("vaxel: " + sheet + " is a symbolic link: "),
        r::toString);
    assertEquals("2 problems; nothing was written.", lines.get(2));
    assertEquals(List.of(theirs), listTree(elsewhere));
    assertEquals("[default]\n", Files.readString(theirs));
  }

  private static List<Path> listTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir)).sorted().toList();
    }
  }

  @Test
  void thePlatformExampleWritesEachOrganisationAndOneSheet() {
    Path out = tmp.resolve("out");

    Cli.Run r = Cli.run("generate", "-f", PLATFORM, "-o", out.toString());

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().startsWith("Generated 27 people, 24 mailboxes"), r::toString);
    for (String f : List.of("switchboard.html", "bjurholm/asterisk/extensions.conf",
        "vannas/asterisk/voicemail.conf", "vannas/switchboard.html")) {
      assertTrue(Files.isRegularFile(out.resolve(f)), () -> f + " was not written");
    }
  }

  @Test
  void oneOrganisationIsRefusedTheDirectoryOfTheWholePlatform() throws IOException {
    Path out = tmp.resolve("out");
    Cli.run("generate", "-f", PLATFORM, "-o", out.toString());
    List<Path> before;
    try (Stream<Path> walk = Files.walk(out)) {
      before = walk.sorted().toList();
    }

    Cli.Run r = Cli.run("generate", "-f", PLATFORM, "--org", "vannas", "-o", out.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("holds the whole platform's output"), r::toString);
    assertTrue(r.err().contains("(-o " + out + "-vannas)"), r::toString);
    try (Stream<Path> walk = Files.walk(out)) {
      assertEquals(before, walk.sorted().toList());
    }
    Cli.Run alone = Cli.run("generate", "-f", PLATFORM, "--org", "vannas", "-o", out + "-vannas");
    assertEquals(0, alone.code(), alone::toString);
    assertTrue(Files.isRegularFile(Path.of(out + "-vannas", "asterisk", "extensions.conf")));
  }

  private static final String PLATFORM = "examples/umea-region/platform.yaml";
}
