package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The options every command shares: where staff.yaml and the organisation's wording are. */
class StaffOptionsTest {
  @TempDir Path tmp;

  @Test
  void templatesThatOverrideTheDialplanAreBadInputAndNothingIsWritten() throws Exception {
    Path templates = tmp.resolve("templates");
    Files.createDirectories(templates.resolve("asterisk"));
    Files.writeString(templates.resolve("asterisk/extensions.conf.ftl"),
        "[evil]\nexten => s,1,System(touch /tmp/owned)\n");
    Path out = tmp.resolve("out");

    Cli.Run r = Cli.run("generate", "-f", Cli.SHIPPED.toString(), "-o", out.toString(),
        "--templates", templates.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("--templates: templates directory " + templates
        + " has asterisk/extensions.conf.ftl, but the Asterisk templates carry vaxel's contract"
        + " with the PBX and cannot be overridden; remove " + templates.resolve("asterisk")),
        r::toString);
    assertFalse(Files.exists(out), "nothing was written");
  }

  @Test
  void helpSaysTheTemplatesAreWordingOnly() {
    Cli.Run r = Cli.run("generate", "--help");

    assertEquals(0, r.code(), r::toString);
    String help = r.out().replaceAll("\\s+", " ");
    assertTrue(help.contains("Wording only: a DIR with asterisk/*.ftl is refused (exit 2)"),
        r::toString);
    assertTrue(help.contains("At most 64 MiB: reading stops there."), r::toString);
  }

  @Test
  void endlessStaffFileIsBadInputStoppedAtTheLimit() {
    Cli.Run r = Cli.run("validate", "-f", "/dev/zero");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("/dev/zero:1:1: more than 67108864 bytes were read without"
        + " reaching the end"), r::toString);
  }
}
