package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.password.Argon2Hasher;
import se.vaxel.serve.Accounts;

class UserCommandTest {
  @TempDir Path dir;
  private final InputStream stdin = System.in;

  @AfterEach
  void restore() {
    System.setIn(stdin);
  }

  private Cli.Run withStdin(String input, String... args) {
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    return Cli.run(args);
  }

  @Test
  void addReadsThePasswordFromStdinNeverArgvAndListShowsNoHash() throws Exception {
    Path file = dir.resolve("accounts");
    Cli.Run add = withStdin("s3cret-enough\n", "user", "add", "anna", "--role", "staff",
        "--staff-id", "anna.berg", "--accounts", file.toString());
    assertEquals(0, add.code(), add.toString());
    Accounts.Account anna = Accounts.read(file).get("anna").orElseThrow();
    assertTrue(new Argon2Hasher().verify("s3cret-enough".toCharArray(), anna.hash()));
    Cli.Run list = Cli.run("user", "list", "--accounts", file.toString());
    assertEquals("anna\tstaff\tanna.berg\n", list.out());
    assertFalse(list.out().contains("argon2"));
    assertFalse(add.out().contains("s3cret"));
    assertEquals(0, Cli.run("user", "remove", "anna", "--accounts", file.toString()).code());
    assertTrue(Accounts.read(file).accounts().isEmpty());
  }

  @Test
  void badInputIsReportedAtOnceAndNothingIsWritten() {
    Path file = dir.resolve("accounts");
    Cli.Run r = withStdin("s3cret-enough\n", "user", "add", "Bad Name", "--role", "admin",
        "--accounts", file.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("NAME 'Bad Name'") && r.err().contains("--role"), r.err());
    assertEquals(2, withStdin("short\n", "user", "add", "bo", "--role", "switchboard",
        "--accounts", file.toString()).code());
    assertEquals(2, withStdin("", "user", "add", "bo", "--role", "switchboard",
        "--accounts", file.toString()).code());
    assertEquals(2, withStdin("", "user", "add", "bo", "--role", "staff",
        "--accounts", file.toString()).code(), "staff without --staff-id");
    assertFalse(Files.exists(file));
    assertEquals(2, Cli.run("user", "remove", "nobody", "--accounts", file.toString()).code());
  }
}
