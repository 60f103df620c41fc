package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * Two organisations on the real Asterisk 22: each in its own vaxel/&lt;id&gt;/, applied in
 * either order or together, neither disturbing the other, a failure of one rolled back alone,
 * and the layout an earlier vaxel wrote migrated. Until the platform file is read by the CLI,
 * a platform apply is run through {@link Deployment} directly; one organisation's apply goes
 * through the CLI with its own staff file.
 */
class PlatformApplyIT {
  private static final Duration RING = Duration.ofSeconds(10);
  /** What the CLI renders with, so that an apply through either finds nothing to change. */
  private static final String VERSION = se.vaxel.cli.VaxelCommand.version();

  @TempDir Path dir;
  Pbx pbx;
  Path alfaFile;
  Path betaFile;

  static String yaml(String id, String prefix) {
    return ItStaff.organisation(id, prefix);
  }

  @BeforeEach
  void pristinePbx() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    alfaFile = ItStaff.write(Files.createDirectories(dir.resolve("alfa")), yaml("alfa", "22"));
    betaFile = ItStaff.write(Files.createDirectories(dir.resolve("beta")), yaml("beta", "23"));
  }

  private String etc() {
    return pbx.sandbox().etc().toString();
  }

  private Path etcPath(String relative) {
    return pbx.sandbox().etc().resolve(relative);
  }

  private Pbx.Run apply(Path file) {
    Pbx.Run run = pbx.vaxel("apply", "-f", file.toString(), "--asterisk-conf-dir", etc());
    return run;
  }

  private static Staff load(Path file) throws IOException {
    try {
      return new StaffLoader().load(file);
    } catch (se.vaxel.staff.StaffException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A platform apply of {@code targets}, {@code others} being the rest of the platform. */
  private Deployment.Applied applyPlatform(List<Staff> targets, List<Staff> others,
      Optional<Path> home) throws IOException {
    if (home.isPresent()) {
      System.setProperty("vaxel.home", home.get().toString());
    }
    try (AmiClient ami = pbx.connect()) {
      List<Deployment.Target> t = targets.stream()
          .map(s -> new Deployment.Target(s, Rendering.of(Optional.empty(), VERSION).asterisk()
              .render(s)))
          .toList();
      return new Deployment(t, others, new ConfDir(pbx.sandbox().etc()), ami,
          new Deployment.Link() {
            @Override
            public AmiClient open(Duration listTimeout) {
              return se.vaxel.ami.AmiConnector.connect(pbx.settings()
                  .withTimeouts(Duration.ofSeconds(10), listTimeout));
            }

            @Override
            public Duration listTimeout() {
              return Duration.ofSeconds(60);
            }
          }).apply(Instant.now());
    } finally {
      if (home.isPresent()) {
        System.clearProperty("vaxel.home");
      }
    }
  }

  /** Both organisations' mailboxes, dialplan and routing are live. */
  private void assertBothLive() {
    assertLive("vaxel-alfa", "22");
    assertLive("vaxel-beta", "23");
  }

  private void assertLive(String voicemailContext, String prefix) {
    try (AmiClient ami = pbx.connect()) {
      List<String> boxes = ami.voicemailUsers().stream()
          .filter(b -> b.context().equals(voicemailContext)).map(b -> b.mailbox()).sorted()
          .toList();
      assertEquals(List.of(prefix + "01", prefix + "02", prefix + "03", prefix + "04",
          prefix + "05"), boxes, voicemailContext);
      for (String suffix : List.of("", "-route", "-absence", "-planned")) {
        assertFalse(ami.showDialplan(voicemailContext + "-staff" + suffix).isEmpty(),
            voicemailContext + "-staff" + suffix + " is not loaded");
      }
    }
    String staff = voicemailContext + "-staff";
    assertEquals(prefix + "01", pbx.call(staff, prefix + "01", RING), "present rings");
    assertEquals(prefix + "01", pbx.call(staff, prefix + "02", RING), "away: the alternate");
  }

  @Test
  void aThenBLeavesAAsItWasAndBothAreLive() throws IOException {
    Pbx.Run a = apply(alfaFile);
    assertEquals(0, a.code(), a.out() + a.err());
    String alfaVm = Files.readString(etcPath("vaxel/alfa/voicemail.conf"));
    long alfaTime = Files.getLastModifiedTime(etcPath("vaxel/alfa/extensions.conf")).toMillis();

    Pbx.Run b = apply(betaFile);
    assertEquals(0, b.code(), b.out() + b.err());
    assertTrue(b.out().contains("create  vaxel/beta/voicemail.conf"), b.out());
    assertFalse(b.out().contains("vaxel/alfa"), "B's plan says nothing about A: " + b.out());
    assertEquals(alfaVm, Files.readString(etcPath("vaxel/alfa/voicemail.conf")));
    assertEquals(alfaTime,
        Files.getLastModifiedTime(etcPath("vaxel/alfa/extensions.conf")).toMillis());
    assertEquals(ConfDir.indexText("voicemail.conf"),
        Files.readString(etcPath("vaxel/voicemail.conf")));
    assertBothLive();
    // A's apply again changes nothing: B's apply neither removed A's mailboxes nor its dialplan.
    Pbx.Run again = apply(alfaFile);
    assertTrue(again.out().startsWith("Nothing to change"), again.out());
  }

  @Test
  void bThenAAndThenBothTogetherChangeNothing() throws IOException {
    assertEquals(0, apply(betaFile).code());
    Pbx.Run a = apply(alfaFile);
    assertEquals(0, a.code(), a.out() + a.err());
    assertBothLive();
    Deployment.Applied both = applyPlatform(List.of(load(alfaFile), load(betaFile)), List.of(),
        Optional.empty());
    assertTrue(both.nothingChanged(), both.plans().toString());
    assertFalse(both.reloaded());
  }

  @Test
  void aPlatformApplyOfBothReloadsOnceAndVerifiesEach() throws IOException {
    Deployment.Applied both = applyPlatform(List.of(load(alfaFile), load(betaFile)), List.of(),
        Optional.empty());
    assertTrue(both.reloaded());
    assertEquals(List.of("alfa", "beta"),
        both.plans().stream().map(Plan::organisation).toList());
    assertEquals(5, both.plans().get(1).mailboxes().size(), "beta's five to add");
    assertBothLive();
  }

  @Test
  void aFailedApplyOfBIsRolledBackAloneAndAKeepsItsLiveAbsence(@TempDir Path home)
      throws IOException {
    assertEquals(0, apply(alfaFile).code());
    assertEquals(0, apply(betaFile).code());
    String tomorrow = LocalDate.now(ItStaff.ZONE).plusDays(1).toString();
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until", tomorrow,
        "--alternate", "dan.tomorrow", "-f", alfaFile.toString());
    assertEquals(0, set.code(), set.err());
    String betaBefore = Files.readString(etcPath("vaxel/beta/voicemail.conf"));

    // A broken installation's template drops each organisation's last mailbox: beta, changed
    // (its full names), is written, reloaded, found to differ and put back; alfa is not touched.
    Path vm = Files.createDirectories(home.resolve("templates/asterisk"))
        .resolve("voicemail.conf.ftl");
    String shipped = Files.readString(Sandbox.projectDir()
        .resolve("templates/asterisk/voicemail.conf.ftl"), StandardCharsets.UTF_8);
    Files.writeString(vm, shipped.replace("<#list people as p>",
        "<#list people[0..people?size-2] as p>"), StandardCharsets.UTF_8);
    Path betaChanged = ItStaff.write(Files.createDirectories(dir.resolve("beta2")),
        yaml("beta", "23").replace("Närvarande", "Narvarande"));

    Deployment.NotLoadedException e = assertThrows(Deployment.NotLoadedException.class,
        () -> applyPlatform(List.of(load(betaChanged)), List.of(load(alfaFile)),
            Optional.of(home)));
    assertTrue(e.getMessage().contains("previous configuration is restored"), e.getMessage());
    assertEquals(betaBefore, Files.readString(etcPath("vaxel/beta/voicemail.conf")));
    assertFalse(Files.exists(etcPath("vaxel/beta/apply-journal")));

    // Alfa: mailboxes, dialplan and its live absence (Per away, calls to Dan) as they were.
    try (AmiClient ami = pbx.connect()) {
      assertTrue(ami.dbGet("vaxel-alfa-absence", "2201").isPresent(), "alfa's live absence");
      assertEquals("away", ami.presenceState("CustomPresence:2201").state(), "alfa's presence");
    }
    assertEquals("2205", pbx.call("vaxel-alfa-staff", "2201", RING));
    assertLive("vaxel-beta", "23");
    try (AmiClient ami = pbx.connect()) {
      assertEquals(5, ami.voicemailUsers().stream()
          .filter(b -> b.context().equals("vaxel-alfa")).count());
      assertEquals("Per Närvarande", ami.voicemailUsers().stream()
          .filter(b -> b.context().equals("vaxel-beta") && b.mailbox().equals("2301"))
          .findFirst().orElseThrow().fullName(), "beta's previous names are back");
    }
  }

  @Test
  void theLayoutOfAnEarlierVaxelIsMovedIntoItsOrganisationsDirectory() throws IOException {
    // What the previous vaxel wrote for the ItStaff file: its fragments directly in vaxel/.
    Path itFile = ItStaff.write(Files.createDirectories(dir.resolve("it")));
    Staff it = load(itFile);
    AsteriskConfig.Rendered earlier = Rendering.of(Optional.empty(), "0.1").asterisk().render(it);
    Files.createDirectories(etcPath("vaxel/previous"));
    Files.writeString(etcPath("vaxel/voicemail.conf"), earlier.voicemailConf());
    Files.writeString(etcPath("vaxel/extensions.conf"), earlier.extensionsConf());
    Files.writeString(etcPath("vaxel/previous/voicemail.conf"), earlier.voicemailConf());
    Files.writeString(etcPath("vaxel/previous/extensions.conf"), earlier.extensionsConf());
    for (String name : List.of("voicemail.conf", "extensions.conf")) {
      Files.writeString(etcPath(name), Files.readString(etcPath(name)) + "\n"
          + ConfDir.includeLine(name) + "\n");
    }
    pbx.sandbox().cli("module reload app_voicemail.so");
    pbx.sandbox().cli("dialplan reload");
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2202", RING), "the earlier vaxel is live");

    // Applying only beta would leave the earlier fragment unmovable: refused, nothing changed.
    Deployment.NotLoadedException refused = assertThrows(Deployment.NotLoadedException.class,
        () -> applyPlatform(List.of(load(betaFile)), List.of(it), Optional.empty()));
    assertTrue(refused.getMessage().contains("organisation testby-kommun"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("vaxel apply --org testby-kommun"),
        refused.getMessage());
    assertEquals(earlier.voicemailConf(), Files.readString(etcPath("vaxel/voicemail.conf")));
    assertFalse(Files.exists(etcPath("vaxel/beta")));

    Deployment.Applied both = applyPlatform(List.of(it, load(betaFile)), List.of(),
        Optional.empty());
    assertTrue(both.reloaded());
    assertTrue(both.plans().get(0).files().stream()
        .anyMatch(f -> f.change() == Plan.Change.MOVE), both.plans().get(0).files().toString());
    assertEquals(earlier.voicemailConf(),
        Files.readString(etcPath("vaxel/testby-kommun/previous/voicemail.conf")));
    assertTrue(Files.readString(etcPath("vaxel/testby-kommun/voicemail.conf"))
        .contains("[vaxel-it]"));
    assertEquals(earlier.extensionsConf(),
        Files.readString(etcPath("vaxel/testby-kommun/previous/extensions.conf")));
    assertEquals(ConfDir.indexText("extensions.conf"),
        Files.readString(etcPath("vaxel/extensions.conf")));
    assertFalse(Files.exists(etcPath("vaxel/previous")), "the glob would include it");
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2202", RING));
    assertLive("vaxel-beta", "23");
    Pbx.Run again = apply(itFile);
    assertTrue(again.out().startsWith("Nothing to change"), again.out() + again.err());
  }
}
