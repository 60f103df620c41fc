package se.vaxel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whose directory vaxel writes into, what it refuses there, and what it leaves as it was. */
class OutputDirectoryTest {
  private static final FileTime OLD = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));

  @TempDir Path tmp;

  private final OutputWriter writer = new OutputWriter();

  private static List<OutputFile> tree() {
    return List.of(
        new OutputFile("switchboard.html", "<p>sheet</p>\n"),
        new OutputFile("asterisk/voicemail.conf", "[vaxel]\n"),
        new OutputFile("asterisk/extensions.conf", "[vaxel-staff]\n"),
        new OutputFile("staff/anna.berg/greeting.txt", "Hej Anna\n"));
  }

  @Test
  void aDirectoryWithTheUsersOwnFilesIsRefusedAndLeftAsItWas() throws Exception {
    Path own = Files.writeString(Files.createDirectories(tmp.resolve("asterisk"))
        .resolve("extensions.conf"), "[from-internal]\n");
    Path sheet = Files.writeString(tmp.resolve("switchboard.html"), "my own sheet");

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(tmp, tree()));

    assertEquals(1, e.problems().size(), e::getMessage);
    assertTrue(e.getMessage().startsWith(tmp + " is not empty and vaxel did not write it"),
        e::getMessage);
    assertTrue(e.getMessage().contains("it holds asterisk, switchboard.html"), e::getMessage);
    assertEquals("[from-internal]\n", Files.readString(own));
    assertEquals("my own sheet", Files.readString(sheet));
    assertEquals(List.of(tmp.resolve("asterisk"), own, sheet), listTree(tmp));
  }

  @Test
  void filesInTheWayThatTheManifestDoesNotListAreAllRefusedAtOnce() throws Exception {
    writer.write(tmp, List.of(new OutputFile("switchboard.html", "<p>old</p>\n")));
    Path voicemail = Files.writeString(Files.createDirectories(tmp.resolve("asterisk"))
        .resolve("voicemail.conf"), "the admin's own\n");
    Path greeting = Files.writeString(Files.createDirectories(tmp.resolve("staff/anna.berg"))
        .resolve("greeting.txt"), "mine\n");

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(tmp, tree()));

    assertEquals(List.of(
        voicemail + " exists but vaxel did not write it (it is not in .vaxel-manifest): move it "
            + "out of the output directory, then run again.",
        greeting + " exists but vaxel did not write it (it is not in .vaxel-manifest): move it "
            + "out of the output directory, then run again."), e.problems());
    assertEquals("the admin's own\n", Files.readString(voicemail));
    assertEquals("mine\n", Files.readString(greeting));
    assertEquals("<p>old</p>\n", Files.readString(tmp.resolve("switchboard.html")),
        "a refused run wrote something");
    assertFalse(Files.exists(tmp.resolve("asterisk/extensions.conf")));
  }

  @Test
  void anOutputPathThatIsAFileIsRefused() throws Exception {
    Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0\n");

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(passwd, tree()));
    OutputRefusedException below = assertThrows(OutputRefusedException.class,
        () -> writer.write(passwd.resolve("out"), tree()));

    assertTrue(e.getMessage().startsWith(passwd + " is not a directory: "), e::getMessage);
    assertTrue(below.getMessage().startsWith(passwd + " is not a directory, so "),
        below::getMessage);
    assertEquals("root:x:0:0\n", Files.readString(passwd));
  }

  @Test
  void anExistingEmptyDirectoryKeepsItsInodeOwnerGroupAndMode() throws Exception {
    Path out = Files.createDirectory(tmp.resolve("www"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxrwxr-x"));
    Files.setAttribute(out, "unix:mode", 02775);
    boolean root = isRoot();
    if (root) {
      Files.setAttribute(out, "unix:uid", 33);
      Files.setAttribute(out, "unix:gid", 33);
    }
    Map<String, Object> before = Files.readAttributes(out, "unix:ino,mode,uid,gid");

    writer.write(out, tree());

    assertEquals(before, Files.readAttributes(out, "unix:ino,mode,uid,gid"));
    assertEquals("Hej Anna\n", Files.readString(out.resolve("staff/anna.berg/greeting.txt")));
    if (root) {
      // The setgid directory hands its group on, as it would to any file made in it.
      assertEquals(33, Files.getAttribute(out.resolve("switchboard.html"), "unix:gid"));
    }
  }

  @Test
  void aNewDirectoryAndItsFilesGetWhatTheUmaskGives() throws Exception {
    Path reference = Files.createDirectory(tmp.resolve("reference"));
    Path referenceFile = Files.createFile(tmp.resolve("reference-file"));

    writer.write(tmp.resolve("a/out"), tree());

    Path out = tmp.resolve("a/out");
    assertEquals(Files.getPosixFilePermissions(reference), Files.getPosixFilePermissions(out));
    assertEquals(Files.getPosixFilePermissions(reference),
        Files.getPosixFilePermissions(out.resolve("staff/anna.berg")));
    assertEquals(Files.getPosixFilePermissions(referenceFile),
        Files.getPosixFilePermissions(out.resolve("switchboard.html")));
    assertEquals(Files.getPosixFilePermissions(referenceFile),
        Files.getPosixFilePermissions(out.resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void aReplacedFileKeepsItsOwnerGroupAndMode() throws Exception {
    writer.write(tmp, tree());
    Path sheet = tmp.resolve("switchboard.html");
    Files.setAttribute(sheet, "unix:mode", 0640);
    if (isRoot()) {
      Files.setAttribute(sheet, "unix:uid", 33);
      Files.setAttribute(sheet, "unix:gid", 33);
    }
    Map<String, Object> before = Files.readAttributes(sheet, "unix:mode,uid,gid");

    writer.write(tmp, List.of(new OutputFile("switchboard.html", "<p>new</p>\n")));

    assertEquals("<p>new</p>\n", Files.readString(sheet));
    assertEquals(before, Files.readAttributes(sheet, "unix:mode,uid,gid"));
  }

  @Test
  void aSymlinkedDirectoryInsideTheTreeIsRefusedAndItsTargetUntouched() throws Exception {
    Path out = tmp.resolve("out");
    writer.write(out, tree());
    Path elsewhere = Files.createDirectories(tmp.resolve("etc-asterisk"));
    Path theirs = Files.writeString(elsewhere.resolve("voicemail.conf"), "[default]\n");
    deleteTree(out.resolve("asterisk"));
    Files.createSymbolicLink(out.resolve("asterisk"), elsewhere);

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(out, tree()));

    assertEquals(List.of(out.resolve("asterisk") + " is a symbolic link: vaxel never follows a "
        + "link inside its output directory. Replace it with what it points to, or remove it, "
        + "then run again."), e.problems());
    assertEquals("[default]\n", Files.readString(theirs));
    assertEquals(List.of(theirs), listTree(elsewhere));
  }

  @Test
  void aManifestLineThroughASymlinkedDirectoryDeletesNothingOutside() throws Exception {
    Path out = tmp.resolve("out");
    writer.write(out, tree());
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path victim = Files.writeString(elsewhere.resolve("victim.txt"), "keep me");
    Files.createSymbolicLink(out.resolve("link"), elsewhere);
    Files.writeString(out.resolve(OutputWriter.MANIFEST), "link/victim.txt\n",
        java.nio.file.StandardOpenOption.APPEND);

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(out, tree()));

    assertTrue(e.getMessage().startsWith(out.resolve("link") + " is a symbolic link"),
        e::getMessage);
    assertEquals("keep me", Files.readString(victim));
  }

  @Test
  void aSymlinkAtAGeneratedFileIsRefusedAndItsTargetUntouched() throws Exception {
    Path out = tmp.resolve("out");
    writer.write(out, tree());
    Path passwd = Files.writeString(tmp.resolve("passwd"), "root:x:0:0\n");
    Path sheet = out.resolve("switchboard.html");
    Files.delete(sheet);
    Files.createSymbolicLink(sheet, passwd);

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(out, List.of(new OutputFile("switchboard.html", "<p>new</p>\n"))));

    assertTrue(e.getMessage().startsWith(sheet + " is a symbolic link"), e::getMessage);
    assertEquals("root:x:0:0\n", Files.readString(passwd));
    assertTrue(Files.isSymbolicLink(sheet));
  }

  @Test
  void anOutputDirectoryNamedThroughALinkIsWrittenWhereItPoints() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("srv-www"));
    Path link = Files.createSymbolicLink(tmp.resolve("out"), real);

    writer.write(link, tree());

    assertTrue(Files.isSymbolicLink(link), "the link was replaced");
    assertEquals("Hej Anna\n", Files.readString(real.resolve("staff/anna.berg/greeting.txt")));
  }

  @Test
  void twoWritersIntoOneDirectoryTakeTurns() throws Exception {
    Path out = tmp.resolve("out");
    writer.write(out, CrashVictim.tree(1, 200));
    List<Callable<WriteResult>> runs = List.of(
        () -> new OutputWriter().write(out, CrashVictim.tree(1, 200)),
        () -> new OutputWriter().write(out, CrashVictim.tree(2, 200)));

    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      for (Future<WriteResult> run : threads.invokeAll(runs)) {
        run.get();
      }
    } finally {
      threads.shutdown();
    }

    String sheet = Files.readString(out.resolve("switchboard.html"));
    int version = sheet.startsWith("<p>version 1</p>") ? 1 : 2;
    for (OutputFile f : CrashVictim.tree(version, 200)) {
      assertEquals(f.content(), Files.readString(out.resolve(f.path())), f.path());
    }
    assertEquals(List.of(), debris(out));
  }

  @Test
  void aRunThatChangesNothingWritesNothingNotEvenTheManifest() throws Exception {
    writer.write(tmp, tree());
    Files.setLastModifiedTime(tmp.resolve(OutputWriter.MANIFEST), OLD);

    assertEquals(new WriteResult(0, 4, 0), writer.write(tmp, tree()));

    assertEquals(OLD, Files.getLastModifiedTime(tmp.resolve(OutputWriter.MANIFEST)));
  }

  @Test
  void aRunThatAddsAFileKeepsTheOthersTimestamps() throws Exception {
    writer.write(tmp, tree().subList(0, 3));
    Files.setLastModifiedTime(tmp.resolve("switchboard.html"), OLD);

    assertEquals(new WriteResult(1, 3, 0), writer.write(tmp, tree()));

    assertEquals("Hej Anna\n", Files.readString(tmp.resolve("staff/anna.berg/greeting.txt")));
    assertEquals(OLD, Files.getLastModifiedTime(tmp.resolve("switchboard.html")));
    assertEquals(List.of(), debris(tmp));
  }

  @Test
  void aBegunJournalIsUndone() throws Exception {
    writer.write(tmp, tree().subList(0, 2));
    // A run that died after creating two of its new files, before it committed.
    Path stage = Files.createDirectory(tmp.resolve(OutputWriter.STAGE_PREFIX + "x1"));
    Files.writeString(stage.resolve("0"), "staged, never committed");
    Files.writeString(tmp.resolve(Journal.NAME), Journal.begun(stage.getFileName().toString(),
        List.of("asterisk/extensions.conf", "staff/anna.berg/greeting.txt", "staff/x/never.txt"))
        .encode());
    Files.writeString(tmp.resolve("asterisk/extensions.conf"), "[new]\n");
    Files.createDirectories(tmp.resolve("staff/anna.berg"));
    Files.writeString(tmp.resolve("staff/anna.berg/greeting.txt"), "Hej\n");

    writer.recover(tmp);

    assertEquals(List.of(tmp.resolve("asterisk"), tmp.resolve("asterisk/voicemail.conf"),
        tmp.resolve("switchboard.html")), listTree(tmp));
    assertEquals(List.of(), debris(tmp));
  }

  @Test
  void aCommittedJournalIsFinished() throws Exception {
    writer.write(tmp, tree());
    // A run that died after renaming one of two staged files, before deleting and the manifest.
    Path stage = Files.createDirectory(tmp.resolve(OutputWriter.STAGE_PREFIX + "x2"));
    Files.writeString(stage.resolve("1"), "[vaxel] new\n");
    Files.writeString(stage.resolve("manifest"), "asterisk/voicemail.conf\nswitchboard.html\n");
    Files.writeString(tmp.resolve("switchboard.html"), "<p>new</p>\n");
    Files.writeString(tmp.resolve(Journal.NAME), Journal.committed(
        stage.getFileName().toString(),
        List.of(new Journal.Rename("0", "switchboard.html"),
            new Journal.Rename("1", "asterisk/voicemail.conf"),
            new Journal.Rename("manifest", OutputWriter.MANIFEST)),
        List.of("asterisk/extensions.conf", "staff/anna.berg/greeting.txt")).encode());

    writer.recover(tmp);

    assertEquals(List.of(tmp.resolve("asterisk"), tmp.resolve("asterisk/voicemail.conf"),
        tmp.resolve("switchboard.html")), listTree(tmp));
    assertEquals("[vaxel] new\n", Files.readString(tmp.resolve("asterisk/voicemail.conf")));
    assertEquals("<p>new</p>\n", Files.readString(tmp.resolve("switchboard.html")));
    assertEquals("asterisk/voicemail.conf\nswitchboard.html\n",
        Files.readString(tmp.resolve(OutputWriter.MANIFEST)));
    assertEquals(List.of(), debris(tmp));
  }

  @Test
  void aStagingDirectoryWithoutAJournalIsRemoved() throws Exception {
    writer.write(tmp, tree());
    Path stage = Files.createDirectory(tmp.resolve(OutputWriter.STAGE_PREFIX + "x3"));
    Files.writeString(stage.resolve("0"), "half");

    assertEquals(new WriteResult(0, 4, 0), writer.write(tmp, tree()));

    assertFalse(Files.exists(stage));
  }

  @Test
  void aDamagedJournalIsRefusedAndNothingIsTouched() throws Exception {
    writer.write(tmp, tree());
    Files.writeString(tmp.resolve(Journal.NAME), "vaxel-journal 1\nstage .vaxel-stage-1\n");

    OutputRefusedException e = assertThrows(OutputRefusedException.class,
        () -> writer.write(tmp, List.of()));

    assertTrue(e.getMessage().startsWith(tmp.resolve(Journal.NAME) + " is damaged ("),
        e::getMessage);
    assertEquals("Hej Anna\n", Files.readString(tmp.resolve("staff/anna.berg/greeting.txt")));
  }

  @Test
  void aJournalLineOutsideTheTreeIsNotAJournal() {
    String text = "vaxel-journal 1\nstage .vaxel-stage-1\nstate begun\nC ../../etc/passwd\nend\n";

    assertThrows(IllegalArgumentException.class, () -> Journal.decode(text));
  }

  @Test
  void aJournalReadsBackWhatWasWritten() {
    Journal journal = Journal.committed(".vaxel-stage-42",
        List.of(new Journal.Rename("0", "staff/åsa.öberg/greeting.txt"),
            new Journal.Rename("manifest", OutputWriter.MANIFEST)),
        List.of("staff/bo.lind/greeting.txt"));

    assertEquals(journal, Journal.decode(journal.encode()));
  }

  private static boolean isRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  /** What vaxel keeps for itself while it works: none of it may outlive a run. */
  static List<Path> debris(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> {
        String name = p.getFileName().toString();
        return name.startsWith(".vaxel-") && !name.equals(OutputWriter.MANIFEST)
            && !name.equals(OutputWriter.LOCK) || name.contains("vaxel-new")
            || name.endsWith(".vaxel-tmp");
      }).toList();
    }
  }

  /** Everything below {@code dir} but vaxel's manifest and lock, sorted. */
  static List<Path> listTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> !p.equals(dir))
          .filter(p -> !p.equals(dir.resolve(OutputWriter.MANIFEST))
              && !p.equals(dir.resolve(OutputWriter.LOCK)))
          .sorted().toList();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
