package se.vaxel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attributes, links and temporary files of atomic writes. Owners are set to numeric ids that
 * need no user of that name; changing them needs root, as the test command does (README).
 */
class AtomicFilesTest {
  private static final int ASTERISK_UID = 4101;
  private static final int ASTERISK_GID = 4102;

  @TempDir Path tmp;

  @Test
  void aReplacedFileKeepsItsOwnerGroupAndMode() throws IOException {
    Path conf = tmp.resolve("voicemail.conf");
    Files.writeString(conf, "old\n");
    own(conf, ASTERISK_UID, ASTERISK_GID, "rw-rw----");

    assertTrue(AtomicFiles.writeIfChanged(conf, "new\n"));

    assertEquals("new\n", Files.readString(conf));
    assertEquals(List.of(ASTERISK_UID, ASTERISK_GID, "rw-rw----"), attributes(conf));
  }

  @Test
  void aNewFileGetsTheAttributesOfItsTemplate() throws IOException {
    Path main = tmp.resolve("voicemail.conf");
    Files.writeString(main, "[general]\n");
    own(main, ASTERISK_UID, ASTERISK_GID, "rw-rw----");
    Path fragment = tmp.resolve("vaxel/previous/voicemail.conf");

    AtomicFiles.writeIfChanged(fragment, "2101 => ,A\n", main);

    assertEquals(List.of(ASTERISK_UID, ASTERISK_GID, "rw-rw----"), attributes(fragment));
    assertEquals(List.of(ASTERISK_UID, ASTERISK_GID, "rwxrwx---"),
        attributes(tmp.resolve("vaxel")), "whoever may read the file may reach its fragments");
    assertEquals(List.of(ASTERISK_UID, ASTERISK_GID, "rwxrwx---"),
        attributes(tmp.resolve("vaxel/previous")));
  }

  @Test
  void anExistingFileKeepsItsOwnAttributesRatherThanTheTemplates() throws IOException {
    Path main = tmp.resolve("voicemail.conf");
    Files.writeString(main, "[general]\n");
    own(main, ASTERISK_UID, ASTERISK_GID, "rw-rw----");
    Path fragment = tmp.resolve("fragment.conf");
    Files.writeString(fragment, "old\n");
    own(fragment, 0, ASTERISK_GID, "rw-r-----");

    AtomicFiles.writeIfChanged(fragment, "new\n", main);

    assertEquals(List.of(0, ASTERISK_GID, "rw-r-----"), attributes(fragment));
  }

  @ParameterizedTest
  @CsvSource({"077, rw-------", "022, rw-r--r--", "002, rw-rw-r--"})
  void aNewFileWithoutTemplateGetsWhatTheUmaskLeaves(String umask, String mode) throws Exception {
    Path report = tmp.resolve("report.txt");
    writeInChildProcess(umask, report);

    assertEquals("written\n", Files.readString(report));
    assertEquals(mode, PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
  }

  @Test
  void aReplacedFileKeepsItsModeWhateverTheUmask() throws Exception {
    Path conf = tmp.resolve("extensions.conf");
    Files.writeString(conf, "old\n");
    own(conf, ASTERISK_UID, ASTERISK_GID, "rw-rw----");
    writeInChildProcess("077", conf);

    assertEquals("written\n", Files.readString(conf));
    assertEquals(List.of(ASTERISK_UID, ASTERISK_GID, "rw-rw----"), attributes(conf));
  }

  @Test
  void aLinkPlantedAtTheTemporaryNameIsNeverWrittenThrough() throws IOException {
    Path victim = tmp.resolve("victim");
    Files.writeString(victim, "precious\n");
    Path planted = tmp.resolve(".report.txt.guessed.vaxel-tmp");
    Files.createSymbolicLink(planted, victim);
    Iterator<String> names = List.of("guessed", "other").iterator();

    Path written = AtomicFiles.createTemp(tmp, "report.txt", false,
        "report\n".getBytes(StandardCharsets.UTF_8), names::next);

    assertEquals(tmp.resolve(".report.txt.other.vaxel-tmp"), written);
    assertEquals("report\n", Files.readString(written));
    assertEquals("precious\n", Files.readString(victim));
    assertTrue(Files.isSymbolicLink(planted));
  }

  @Test
  void theOldPredictableTemporaryNameIsNotUsed() throws IOException {
    Path victim = tmp.resolve("victim");
    Files.writeString(victim, "precious\n");
    Path report = tmp.resolve("report.txt");
    Files.createSymbolicLink(tmp.resolve(".report.txt." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".vaxel-tmp"), victim);

    AtomicFiles.write(report, "report\n".getBytes(StandardCharsets.UTF_8));

    assertEquals("report\n", Files.readString(report));
    assertEquals("precious\n", Files.readString(victim));
    try (var entries = Files.list(tmp)) {
      assertEquals(3, entries.count(), "report, victim, planted link: no temporary file left");
    }
  }

  @Test
  void aSymlinkedFileIsWrittenWhereTheLinkPointsAndTheLinkStays() throws IOException {
    Path git = Files.createDirectories(tmp.resolve("git/asterisk"));
    Path real = git.resolve("voicemail.conf");
    Files.writeString(real, "old\n");
    own(real, ASTERISK_UID, ASTERISK_GID, "rw-rw----");
    Path etc = Files.createDirectories(tmp.resolve("etc"));
    Path link = etc.resolve("voicemail.conf");
    Files.createSymbolicLink(link, Path.of("../git/asterisk/voicemail.conf"));

    AtomicFiles.writeIfChanged(link, "new\n");

    assertTrue(Files.isSymbolicLink(link));
    assertEquals(Path.of("../git/asterisk/voicemail.conf"), Files.readSymbolicLink(link));
    assertEquals("new\n", Files.readString(real));
    assertEquals(List.of(ASTERISK_UID, ASTERISK_GID, "rw-rw----"), attributes(real));
    try (var entries = Files.list(etc)) {
      assertEquals(1, entries.count(), "the temporary file lives beside the real file");
    }
  }

  @Test
  void someoneElsesLinkIsRefused() throws IOException {
    Path victim = tmp.resolve("victim");
    Files.writeString(victim, "precious\n");
    Path link = tmp.resolve("report.txt");
    Files.createSymbolicLink(link, victim);
    Files.setAttribute(link, "unix:uid", 4242, LinkOption.NOFOLLOW_LINKS);

    FileSystemException e = assertThrows(FileSystemException.class,
        () -> AtomicFiles.write(link, "report\n".getBytes(StandardCharsets.UTF_8)));

    assertTrue(e.getMessage().contains("symbolic link owned by uid 4242"), e.getMessage());
    assertEquals("precious\n", Files.readString(victim));
  }

  @Test
  void aLinkOwnedByTheDirectorysOwnerIsFollowed() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("asterisk"));
    Files.setAttribute(dir, "unix:uid", ASTERISK_UID);
    Path real = tmp.resolve("real.conf");
    Files.writeString(real, "old\n");
    Path link = dir.resolve("extensions.conf");
    Files.createSymbolicLink(link, real);
    Files.setAttribute(link, "unix:uid", ASTERISK_UID, LinkOption.NOFOLLOW_LINKS);

    AtomicFiles.writeIfChanged(link, "new\n");

    assertEquals("new\n", Files.readString(real));
    assertTrue(Files.isSymbolicLink(link));
  }

  @Test
  void unchangedContentIsNotRewritten() throws IOException {
    Path conf = tmp.resolve("voicemail.conf");
    Files.writeString(conf, "same\n");
    Object inode = Files.getAttribute(conf, "unix:ino");

    assertFalse(AtomicFiles.writeIfChanged(conf, "same\n"));

    assertEquals(inode, Files.getAttribute(conf, "unix:ino"));
  }

  /** Writes "written\n" to {@code file} from a JVM started with the given umask. */
  private static void writeInChildProcess(String umask, Path file) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder("sh", "-c", "umask " + umask
        + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"", java,
        System.getProperty("java.class.path"), WriteOneFile.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
  }

  private static void own(Path path, int uid, int gid, String mode) throws IOException {
    Files.setAttribute(path, "unix:uid", uid);
    Files.setAttribute(path, "unix:gid", gid);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }

  private static List<Object> attributes(Path path) throws IOException {
    return List.of(Files.getAttribute(path, "unix:uid"), Files.getAttribute(path, "unix:gid"),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
  }

  /** Run in a child process, so that the test can give it a umask of its own. */
  /**
   * The sounds directory: whoever may write it chooses no name there, so a link at the target
   * is replaced as a name, and the file it points to (the PBX configuration, say) stays.
   */
  @Test
  void writeWithModeReplacesALinkAtTheTargetAndNeverWritesThroughIt() throws IOException {
    Path victim = tmp.resolve("extensions.conf");
    Files.writeString(victim, "[default]\n");
    Path sounds = Files.createDirectory(tmp.resolve("org"));
    Path target = sounds.resolve("announce-0123.wav");
    Files.createSymbolicLink(target, victim);

    AtomicFiles.writeWithMode(target, "audio".getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals("[default]\n", Files.readString(victim), "the link's target is untouched");
    assertFalse(Files.isSymbolicLink(target), "the link itself was replaced");
    assertEquals("audio", Files.readString(target));
    assertEquals("rw-r--r--", PosixFilePermissions.toString(
        Files.getPosixFilePermissions(target, LinkOption.NOFOLLOW_LINKS)));
    try (var names = Files.list(sounds)) {
      assertEquals(List.of(target), names.toList(), "no temporary file left");
    }
  }

  @Test
  void writeWithModeRefusesADirectoryThatIsALink() throws IOException {
    Path elsewhere = Files.createDirectory(tmp.resolve("etc-asterisk"));
    Path linked = Files.createSymbolicLink(tmp.resolve("org"), elsewhere);
    FileSystemException e = assertThrows(FileSystemException.class,
        () -> AtomicFiles.writeWithMode(linked.resolve("announce-0123.wav"), new byte[] {1},
            PosixFilePermissions.fromString("rw-r--r--")));
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    try (var names = Files.list(elsewhere)) {
      assertEquals(0, names.count(), "nothing written where the link leads");
    }
  }

  static final class WriteOneFile {
    public static void main(String[] args) throws IOException {
      AtomicFiles.writeIfChanged(Path.of(args[0]), "written\n");
    }
  }
}
