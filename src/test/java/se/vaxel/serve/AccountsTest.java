package se.vaxel.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.password.Argon2Hasher;

class AccountsTest {
  @TempDir Path dir;

  @Test
  void writtenPrivateAndReadBack() throws Exception {
    Path file = dir.resolve("etc/accounts");
    String hash = new Argon2Hasher().hash("correct horse".toCharArray());
    Accounts.empty()
        .with(new Accounts.Account("op", Role.SWITCHBOARD, "", hash))
        .with(new Accounts.Account("anna", Role.STAFF, "anna.berg", hash))
        .write(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Accounts read = Accounts.read(file);
    assertEquals(2, read.accounts().size());
    assertEquals(Role.STAFF, read.get("anna").orElseThrow().role());
    assertEquals("anna.berg", read.get("anna").orElseThrow().staffId());
    assertTrue(new Argon2Hasher().verify("correct horse".toCharArray(),
        read.get("op").orElseThrow().hash()));
    assertFalse(new Argon2Hasher().verify("wrong horse".toCharArray(),
        read.get("op").orElseThrow().hash()));
    assertFalse(read.get("op").orElseThrow().toString().contains("argon2"), "no hash in logs");
    read.without("op").write(file);
    assertTrue(Accounts.read(file).get("op").isEmpty());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  void anSsoOnlyAccountHasNoPasswordThatMatches() throws Exception {
    Path file = dir.resolve("accounts");
    Files.writeString(file, "lisa:staff:lisa.ek:!\n");
    Accounts.Account lisa = Accounts.read(file).get("lisa").orElseThrow();
    assertEquals(Accounts.NO_PASSWORD, lisa.hash());
    assertFalse(new Argon2Hasher().verify("".toCharArray(), lisa.hash()));
    assertFalse(new Argon2Hasher().verify("!".toCharArray(), lisa.hash()));
  }

  @Test
  void aMissingFileIsNoAccounts() throws Exception {
    assertTrue(Accounts.read(dir.resolve("none")).accounts().isEmpty());
  }

  @Test
  void everyBadLineIsReportedAtOnceWithFileAndLine() throws Exception {
    Path file = dir.resolve("accounts");
    Files.writeString(file, String.join("\n",
        "# comment",
        "op:switchboard::$argon2id$v=19$x",
        "Bad Name:staff:x:$argon2id$v=19$x",
        "eve:admin::$argon2id$v=19$x",
        "bo:staff::$argon2id$v=19$x",
        "cy:staff:cy:plain",
        "op:switchboard::$argon2id$v=19$x",
        "short:line",
        ""));
    Accounts.BadFileException e = assertThrows(Accounts.BadFileException.class,
        () -> Accounts.read(file));
    String m = e.getMessage();
    assertTrue(m.contains(file + ":3: account name 'Bad Name'"), m);
    assertTrue(m.contains(file + ":4: unknown role 'admin'"), m);
    assertTrue(m.contains(file + ":5: a staff account needs the staff id"), m);
    assertTrue(m.contains(file + ":6: the hash is not an Argon2id hash"), m);
    assertTrue(m.contains(file + ":7: account 'op' is defined twice"), m);
    assertTrue(m.contains(file + ":8: expected NAME:ROLE:STAFF-ID:HASH"), m);
  }
}
