package se.vaxel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiConnector;
import se.vaxel.compliance.Finding;
import se.vaxel.generate.Rendering;
import se.vaxel.live.GeneratedDialplan;
import se.vaxel.live.SnapshotReader;
import se.vaxel.model.DialplanContexts;
import se.vaxel.model.Staff;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.report.Format;
import se.vaxel.report.Report;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * Two organisations on the real Asterisk 22 of scripts/asterisk-sandbox, each with its own
 * voicemail context, dialplan contexts and AstDB families (their ids declared, so the
 * per-organisation defaults apply): one check reports each organisation's own findings and a
 * total, and a real call into each organisation's staff context carries its VAXEL_ORG.
 *
 * <p>The fragments are rendered here and written under distinct file names, each included from
 * the PBX's own voicemail.conf and extensions.conf, as an administrator would: this test is
 * about check and the dialplan, not about how apply lays out the conf dir.
 */
class PlatformCheckIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final String DIR = "vaxel-platform-it";

  static Sandbox sandbox;
  static Pbx pbx;
  static List<CheckService.Organisation> organisations = new ArrayList<>();

  /** Each person's extension; the first of each organisation has no greeting recorded. */
  static String yaml(String id, String name, String first) {
    return """
        organisation:
          id: %s
          name: %s
          place: Testby
          switchboard: "100"
          phone: "0900-100 00"
          functional-mailbox: kommunen@%s.example
          language: sv
          timezone: Europe/Stockholm
        asterisk:
          device: "%s"
          ring-timeout: 5
        staff:
          - {id: anna.berg, first-name: Anna, last-name: Berg, extension: "%s1", email: anna@%s.example}
          - {id: bo.lind, first-name: Bo, last-name: Lind, extension: "%s2", email: bo@%s.example}
        """.formatted(id, name, id, Pbx.DEVICE, first, id, first, id);
  }

  @BeforeAll
  static void twoOrganisationsOnOnePbx() throws Exception {
    sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    StaffLoader loader = new StaffLoader();
    AsteriskConfig asterisk = Rendering.of(Optional.empty(), "test").asterisk();
    Path etc = sandbox.etc();
    Files.createDirectories(etc.resolve(DIR));
    StringBuilder vmIncludes = new StringBuilder("\n");
    StringBuilder extIncludes = new StringBuilder("\n");
    for (String[] org : List.of(new String[] {"italfa", "Alfa kommun", "230"},
        new String[] {"itbeta", "Beta kommun", "240"})) {
      // The same staff ids in both: unique within an organisation only.
      Staff staff = loader.parse(org[0] + ".yaml", yaml(org[0], org[1], org[2]));
      AsteriskConfig.Rendered r = asterisk.render(staff);
      Files.writeString(etc.resolve(DIR + "/" + org[0] + "-voicemail.conf"), r.voicemailConf(),
          StandardCharsets.UTF_8);
      Files.writeString(etc.resolve(DIR + "/" + org[0] + "-extensions.conf"),
          r.extensionsConf(), StandardCharsets.UTF_8);
      vmIncludes.append("#include \"" + DIR + "/" + org[0] + "-voicemail.conf\"\n");
      extIncludes.append("#include \"" + DIR + "/" + org[0] + "-extensions.conf\"\n");
      organisations.add(new CheckService.Organisation(staff,
          GeneratedDialplan.parse(r.extensionsConf(), r.fingerprint()), Optional.empty()));
      // Bo has his greeting; Anna has not: one finding in each organisation, her own.
      greeting(staff.asterisk().voicemailContext(), org[2] + "2");
    }
    append(etc.resolve("voicemail.conf"), vmIncludes.toString());
    append(etc.resolve("extensions.conf"), extIncludes.toString());
    sandbox.cli("voicemail reload");
    sandbox.cli("dialplan reload");
  }

  @Test
  void checkReportsEachOrganisationsOwnFindingsAndATotal() {
    CheckService.Outcome outcome = new CheckService(Clock.systemUTC(),
        SnapshotReader.ProbeTimeouts.DEFAULT)
        .check(organisations, AmiConnector::connect, pbx.settings());
    Report report = outcome.report();

    assertEquals(List.of("italfa", "itbeta"), report.organisations().stream()
        .map(r -> r.organisation().orElseThrow().id()).toList());
    assertEquals(List.of("GREETING-MISSING anna.berg 2301"), rows(report.organisations().get(0)),
        Format.TEXT.render(report));
    assertEquals(List.of("GREETING-MISSING anna.berg 2401"), rows(report.organisations().get(1)),
        Format.TEXT.render(report));
    assertEquals(List.of("GREETING-MISSING italfa/anna.berg 2301",
        "GREETING-MISSING itbeta/anna.berg 2401"), rows(report));
    assertEquals(4, report.result().people());
    assertEquals(List.of(), report.result().incomplete(), "both read completely");
    String nagios = Format.NAGIOS.render(report);
    assertTrue(nagios.startsWith("VAXEL CRITICAL - 2 errors, 0 warnings in 2 people (italfa "
        + "critical, itbeta critical) | errors=2;;0;0"), nagios);
    assertTrue(nagios.contains(" italfa_errors=1;;0;0 ") && nagios.contains(" itbeta_errors=1;;0;0 "),
        nagios);
  }

  @Test
  void aCallIntoEachOrganisationsStaffContextCarriesItsOrganisation() {
    for (CheckService.Organisation o : organisations) {
      String context = DialplanContexts.of(o.staff().asterisk()).staff();
      String ext = o.staff().people().get(1).extension();

      Map<String, String> rang = pbx.ring(context, ext, RING)
          .orElseThrow(() -> new AssertionError("no phone rang for " + ext + "@" + context));

      assertEquals(ext, rang.get("rang"));
      assertEquals(o.staff().organisation().id(), rang.get("org"),
          "the VAXEL_ORG the phone's channel inherited");
    }
  }

  private static List<String> rows(Report r) {
    return r.result().findings().stream()
        .map((Finding f) -> f.rule() + " " + f.staffId() + " " + f.extension()).toList();
  }

  private static void append(Path file, String text) throws IOException {
    Files.writeString(file, Files.readString(file, StandardCharsets.UTF_8) + text,
        StandardCharsets.UTF_8);
  }

  private static void greeting(String context, String ext) throws IOException {
    Path to = sandbox.spool().resolve(context).resolve(ext).resolve("unavail.gsm");
    Path sound = sandbox.root().resolve("usr/share/asterisk/sounds/en_US_f_Allison/vm-goodbye.gsm");
    Files.createDirectories(to.getParent());
    Files.copy(sound, to, StandardCopyOption.REPLACE_EXISTING);
    sandbox.inChroot("chown", "-R", "asterisk:asterisk", "/var/spool/asterisk/voicemail");
  }
}
