package se.vaxel.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may read the accounts file: vaxel serve runs as the vaxel user and reads the file that
 * root's 'vaxel user add' writes, so the package makes it root:vaxel 0640 and a write must
 * keep that; a new file is the owner's alone, and nobody else may ever read the hashes.
 */
class AccountsModeTest {
  @TempDir Path dir;

  static Accounts one() {
    return Accounts.empty().with(new Accounts.Account("op", Role.SWITCHBOARD, "", "$argon2id$x"));
  }

  static String mode(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void aNewFileIsTheOwnersOnly() throws IOException {
    Path file = dir.resolve("accounts");
    one().write(file);
    assertEquals("rw-------", mode(file));
  }

  @Test
  void theGroupReadableFileThePackageMadeStaysGroupReadable() throws IOException {
    Path file = Files.createFile(dir.resolve("accounts"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r-----")));
    one().write(file);
    assertEquals("rw-r-----", mode(file));
  }

  @Test
  void otherUsersLoseTheirAccess() throws IOException {
    Path file = Files.createFile(dir.resolve("accounts"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
    one().write(file);
    assertEquals("rw-r-----", mode(file));
  }
}
