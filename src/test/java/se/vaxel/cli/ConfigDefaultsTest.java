package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigDefaultsTest {
  @TempDir Path tmp;

  private Path config(String... lines) throws IOException {
    return Files.write(tmp.resolve("vaxel.properties"), java.util.List.of(lines));
  }

  private Cli.Run run(Map<String, String> env, String... args) {
    return Cli.run(Main.context(null, null, Map.of(), Cli.CLOCK).ami(), env, args);
  }

  @Test
  void aKeyFillsTheDefaultOfEveryCommandThatHasTheOption() throws IOException {
    Path out = tmp.resolve("from-config");
    Path file = config("# the site", "file = " + Cli.SHIPPED, "generate.out=" + out);

    Cli.Run r = run(Map.of("VAXEL_CONFIG", file.toString()), "generate");

    assertEquals(0, r.code(), r::toString);
    assertTrue(Files.isRegularFile(out.resolve("asterisk/extensions.conf")), r::toString);
    assertEquals(0, run(Map.of("VAXEL_CONFIG", file.toString()), "validate").code());
  }

  @Test
  void anOptionGivenWinsOverTheFile() throws IOException {
    Path configured = tmp.resolve("from-config");
    Path given = tmp.resolve("given");
    Path file = config("file = " + tmp.resolve("no-such-staff.yaml"),
        "generate.out = " + configured);

    Cli.Run r = run(Map.of(), "--config", file.toString(), "generate", "-f",
        Cli.SHIPPED.toString(), "-o", given.toString());

    assertEquals(0, r.code(), r::toString);
    assertTrue(Files.isRegularFile(given.resolve("asterisk/extensions.conf")), r::toString);
    assertFalse(Files.exists(configured), r::toString);
  }

  @Test
  void theCommandsOwnKeyWinsOverTheGeneralOne() throws IOException {
    Path file = config("file = " + tmp.resolve("no-such-staff.yaml"),
        "validate.file = " + Cli.SHIPPED);

    assertEquals(0, run(Map.of("VAXEL_CONFIG", file.toString()), "validate").code());
    Cli.Run other = run(Map.of("VAXEL_CONFIG", file.toString()), "greeting", "calle");
    assertEquals(2, other.code(), other::toString);
    assertTrue(other.err().contains("no-such-staff.yaml"), other::toString);
  }

  @Test
  void unknownKeysAreReportedWithFileAndLineAllAtOnce() throws IOException {
    Path file = config("# a comment", "", "ami-usr = vaxel-check", "file = staff.yaml",
        "check.baseline = a.json", "check.baseline = b.json", "ami-secret = hunter2",
        "nosuch.ami = x");

    Cli.Run r = run(Map.of("VAXEL_CONFIG", file.toString()), "validate");

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(file + ":3: unknown key 'ami-usr' (did you mean ami-user?)"),
        r::toString);
    assertTrue(r.err().contains("ami-user"), r::toString);
    assertTrue(r.err().contains(file + ":6: check.baseline is set again (first on line 5)"),
        r::toString);
    assertTrue(r.err().contains(file + ":7: unknown key 'ami-secret': the secret never goes "
        + "into this file"), r::toString);
    assertTrue(r.err().contains(file + ":8: unknown key 'nosuch.ami'"), r::toString);
    assertFalse(r.err().contains("hunter2"), r::toString);
  }

  @Test
  void aKeyWithoutValueIsReported() throws IOException {
    Path file = config("ami-user =");

    Cli.Run r = run(Map.of("VAXEL_CONFIG", file.toString()), "validate", "-f",
        Cli.SHIPPED.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(file + ":1: ami-user has no value"), r::toString);
  }

  @Test
  void aConfigFileThatIsNamedMustExist() {
    Path missing = tmp.resolve("missing.properties");

    Cli.Run viaOption = run(Map.of(), "--config", missing.toString(), "validate");
    Cli.Run viaEnv = run(Map.of("VAXEL_CONFIG", missing.toString()), "validate");

    assertEquals(2, viaOption.code(), viaOption::toString);
    assertTrue(viaOption.err().contains(missing + ": no such configuration file (named by "
        + "--config)"), viaOption::toString);
    assertEquals(2, viaEnv.code(), viaEnv::toString);
    assertTrue(viaEnv.err().contains("(named by $VAXEL_CONFIG)"), viaEnv::toString);
  }

  @Test
  void anAmiVariableThatIsSetWinsOverTheFile() throws IOException {
    Path file = config("ami = pbx.example:5039", "ami-user = from-file",
        "ami-secret-file = /etc/vaxel/ami-secret");

    CommandLine.Model.CommandSpec plain = parsed(Map.of("VAXEL_CONFIG", file.toString()));
    assertEquals("pbx.example:5039", plain.findOption("--ami").getValue());
    assertEquals("from-file", plain.findOption("--ami-user").getValue());
    assertEquals(java.util.Optional.of(Path.of("/etc/vaxel/ami-secret")),
        plain.findOption("--ami-secret-file").getValue());

    CommandLine.Model.CommandSpec env = parsed(Map.of("VAXEL_CONFIG", file.toString(),
        "VAXEL_AMI", "other:5038", "VAXEL_AMI_SECRET", "s"));
    assertEquals((Object) null, env.findOption("--ami").getValue());
    assertEquals("from-file", env.findOption("--ami-user").getValue());
    assertEquals(java.util.Optional.empty(), env.findOption("--ami-secret-file").getValue());
  }

  private static CommandLine.Model.CommandSpec parsed(Map<String, String> env) {
    CommandLine cl = Main.commandLine(new CliContext(new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()), env, Cli.CLOCK, false,
        Main.context(null, null, Map.of(), Cli.CLOCK).ami()));
    CommandLine.ParseResult result = cl.parseArgs("plan");
    return result.subcommand().commandSpec();
  }

  @Test
  void theInstallationsFileIsReadWhenItExistsAndNothingNamesAnother() throws IOException {
    Path installed = config("file = /srv/staff.yaml");

    assertEquals(Path.of("/srv/staff.yaml"), fileOption(Map.of(), installed));
    assertEquals(Path.of("staff.yaml"), fileOption(Map.of(), tmp.resolve("absent.properties")),
        "a package without its configuration file still runs");
    assertEquals(Path.of("staff.yaml"), fileOption(Map.of("VAXEL_CONFIG", ""), installed),
        "an empty $VAXEL_CONFIG means no file");
  }

  private static Path fileOption(Map<String, String> env, Path installed) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    CommandLine cl = Main.commandLine(Main.context(sink, sink, env, Cli.CLOCK));
    cl.setDefaultValueProvider(new ConfigDefaults(cl, env, java.util.Optional.of(installed)));
    return cl.parseArgs("validate").subcommand().commandSpec().findOption("--file").getValue();
  }

  @Test
  void everyKeyOfTheShippedExampleIsKnown() throws IOException {
    // The example documents each key commented out; uncommented, each must be accepted.
    Path example = Path.of(System.getProperty("user.dir"), "src/deb/etc/vaxel.properties");
    StringBuilder keys = new StringBuilder();
    int n = 0;
    for (String line : Files.readAllLines(example)) {
      if (line.matches("#[a-z][a-z.-]* = .*")) {
        keys.append(line.substring(1)).append('\n');
        n++;
      }
    }
    Path file = Files.writeString(tmp.resolve("all.properties"), keys);
    ConfigDefaults provider = new ConfigDefaults(Main.commandLine(Main.context(
        new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(),
        Cli.CLOCK)), Map.of(), java.util.Optional.empty());

    Map<String, String> read = provider.read(file, provider.knownKeys());

    assertTrue(n >= 8, "the example documents only " + n + " keys");
    assertEquals(n, read.size(), read::toString);
  }
}
