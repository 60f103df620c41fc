package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  /** A misspelt key on line 11 and a bad extension on line 14. */
  static final String BROKEN = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: sv
        timezone: Europe/Stockholm
      staff:
        - id: anna.berg
          frist-name: Anna
          last-name: Berg
          email: anna.berg@bjurholm.se
          extension: "21a"
      """;

  @TempDir Path tmp;

  @Test
  void shippedStaffFileIsValid() {
    Cli.Run r = Cli.run("validate", "-f", Cli.SHIPPED.toString());

    assertEquals(0, r.code(), r::toString);
    assertTrue(r.out().contains("ok, 16 people, 14 with an extension"), r::toString);
    assertEquals("", r.err());
  }

  @Test
  void brokenFileReportsEveryProblemAtFileLineColumnAndIsBadInput() throws Exception {
    Path file = Files.writeString(tmp.resolve("staff.yaml"), BROKEN);

    Cli.Run r = Cli.run("validate", "-f", file.toString());

    assertEquals(2, r.code(), r::toString);
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith(file + ":11:5: unknown key 'frist-name'"), r::toString);
    assertTrue(lines.get(0).contains("first-name"), () -> "no suggestion:\n" + r);
    assertTrue(lines.get(1).startsWith(file + ":14:16: extension '21a'"), r::toString);
    assertEquals("2 problems; nothing was written.", lines.get(2));
    assertEquals("", r.out());
  }

  @Test
  void missingFileIsBadInput() {
    Path missing = tmp.resolve("nowhere.yaml");

    Cli.Run r = Cli.run("validate", "-f", missing.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(missing + ": no such file"), r::toString);
  }
}
