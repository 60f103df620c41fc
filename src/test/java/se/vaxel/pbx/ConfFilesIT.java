package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The PBX's own files after apply, on the real Asterisk of scripts/asterisk-sandbox, where
 * Asterisk runs as its own user and its configuration is asterisk:asterisk 0660 (as the Debian
 * package ships it). apply runs in a child process so it can have the umask under test.
 */
class ConfFilesIT {
  @TempDir Path dir;
  Pbx pbx;
  Path etc;
  Path git;

  @BeforeEach
  void pristinePbx() {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    etc = sandbox.etc();
    git = etc.resolveSibling("asterisk-git");
  }

  @AfterEach
  void removeTheLinkedDirectory() throws IOException {
    if (Files.isDirectory(git)) {
      try (var files = Files.list(git)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(git);
    }
  }

  @Test
  void applyUnderAnyUmaskKeepsTheFilesAsteriskReads() throws Exception {
    List<Object> vm = attributes(etc.resolve("voicemail.conf"));
    List<Object> ext = attributes(etc.resolve("extensions.conf"));
    assertEquals("rw-rw----", vm.get(2), "the sandbox ships voicemail.conf 0660: " + vm);
    assertTrue(!vm.get(0).equals(0), "the sandbox's voicemail.conf belongs to asterisk: " + vm);
    Path staff = ItStaff.write(dir);

    Pbx.Run strict = ChildVaxel.run(pbx, "077", dir.resolve("apply-077.log"), "apply", "-f",
        staff.toString(), "--asterisk-conf-dir", etc.toString());

    assertEquals(0, strict.code(), strict.out());
    assertEquals(vm, attributes(etc.resolve("voicemail.conf")));
    assertEquals(ext, attributes(etc.resolve("extensions.conf")));
    assertEquals(vm, attributes(etc.resolve("vaxel/testby-kommun/voicemail.conf")));
    assertEquals(ext, attributes(etc.resolve("vaxel/testby-kommun/extensions.conf")));
    assertEquals(List.of(vm.get(0), vm.get(1), "rwxrwx---"), attributes(etc.resolve("vaxel")));
    assertEveryMailboxLoaded(Set.of("2201", "2202", "2203", "2204", "2205"));

    Files.writeString(staff, ItStaff.yaml() + """
          - id: ny.person
            first-name: Ny
            last-name: Person
            extension: "2206"
            email: ny@testby.se
        """, StandardCharsets.UTF_8);
    Pbx.Run usual = ChildVaxel.run(pbx, "022", dir.resolve("apply-022.log"), "apply", "-f",
        staff.toString(), "--asterisk-conf-dir", etc.toString());

    assertEquals(0, usual.code(), usual.out());
    assertEquals(vm, attributes(etc.resolve("voicemail.conf")));
    assertEquals(ext, attributes(etc.resolve("extensions.conf")));
    assertEquals(vm, attributes(etc.resolve("vaxel/testby-kommun/voicemail.conf")));
    assertEquals(vm, attributes(etc.resolve("vaxel/testby-kommun/previous/voicemail.conf")));
    assertEquals(ext, attributes(etc.resolve("vaxel/testby-kommun/previous/extensions.conf")));
    assertEveryMailboxLoaded(Set.of("2201", "2202", "2203", "2204", "2205", "2206"));
  }

  @Test
  void aSymlinkedVoicemailConfStaysALinkAndItsTargetIsEdited() throws Exception {
    List<Object> vm = attributes(etc.resolve("voicemail.conf"));
    Files.createDirectories(git);
    Files.setAttribute(git, "unix:uid", vm.get(0));
    Files.setAttribute(git, "unix:gid", vm.get(1));
    Files.setPosixFilePermissions(git, PosixFilePermissions.fromString("rwxrwx---"));
    Files.move(etc.resolve("voicemail.conf"), git.resolve("voicemail.conf"));
    // Relative, so that it leads to the same file inside the chroot and outside it.
    Path target = Path.of("../asterisk-git/voicemail.conf");
    Files.createSymbolicLink(etc.resolve("voicemail.conf"), target);
    Path staff = ItStaff.write(dir);

    Pbx.Run run = ChildVaxel.run(pbx, "022", dir.resolve("apply.log"), "apply", "-f",
        staff.toString(), "--asterisk-conf-dir", etc.toString());

    assertEquals(0, run.code(), run.out());
    assertTrue(Files.isSymbolicLink(etc.resolve("voicemail.conf")));
    assertEquals(target, Files.readSymbolicLink(etc.resolve("voicemail.conf")));
    assertTrue(Files.readString(git.resolve("voicemail.conf"))
        .contains("#include \"vaxel/voicemail.conf\""));
    assertEquals(vm, attributes(git.resolve("voicemail.conf")));
    assertEveryMailboxLoaded(Set.of("2201", "2202", "2203", "2204", "2205"));
  }

  /** Ours in the test context, and the sandbox's own example mailboxes beside them. */
  private void assertEveryMailboxLoaded(Set<String> ours) {
    try (AmiClient ami = pbx.connect()) {
      Set<String> loaded = ami.voicemailUsers().stream()
          .map(b -> b.mailbox() + "@" + b.context()).collect(Collectors.toSet());
      for (String mailbox : ours) {
        assertTrue(loaded.contains(mailbox + "@" + ItStaff.VOICEMAIL_CONTEXT), loaded.toString());
      }
      assertTrue(loaded.contains("1234@default"), "the PBX's own mailbox: " + loaded);
      assertTrue(loaded.contains("1234@other"), "the PBX's own mailbox: " + loaded);
    }
  }

  private static List<Object> attributes(Path path) throws IOException {
    return List.of(Files.getAttribute(path, "unix:uid"), Files.getAttribute(path, "unix:gid"),
        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
  }
}
