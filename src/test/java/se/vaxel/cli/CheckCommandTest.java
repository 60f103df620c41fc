package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import se.vaxel.ami.AmiSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.ami.AmiException;
import se.vaxel.ami.VoicemailBox;

/**
 * vaxel check as a command: options, outputs and exit codes, with the PBX mocked at our own AMI
 * interface. What the rules find on a real PBX is proven by CheckIT.
 */
class CheckCommandTest {
  @TempDir Path tmp;

  private final AmiClient ami = mock(AmiClient.class);
  private final AmiConnector connector = mock(AmiConnector.class);
  private final Map<String, String> env = Map.of("VAXEL_AMI_SECRET", "s3cret-not-shown");

  /** A PBX with every mailbox but none of vaxel's dialplan loaded. */
  @BeforeEach
  void pbxWithMailboxesButNoDialplan() {
    when(connector.open(any())).thenReturn(ami);
    when(ami.voicemailUsers()).thenReturn(List.of(
        new VoicemailBox("vaxel", "2101", "Calle Carlsson", "calle.carlsson@bjurholm.se", "",
            "", "", false, 0, 0, 100, 0)));
    when(ami.showDialplan()).thenReturn(List.of());
    when(ami.dbGetTree(anyString())).thenReturn(Map.of());
    when(ami.getvar(anyString())).thenReturn(Optional.of("0"));
  }

  private Cli.Run check(String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "check";
    all[1] = "-f=" + Cli.SHIPPED;
    System.arraycopy(args, 0, all, 2, args.length);
    return Cli.run(connector, env, all);
  }

  @Test
  void aPbxWithoutOurDialplanIsStaleAndIncompleteSoExitThree() {
    Cli.Run r = check("--format", "json");

    assertEquals(3, r.code(), r::toString);
    assertTrue(r.out().contains("\"rule\": \"DIALPLAN-STALE\""), r::toString);
    assertTrue(r.out().contains("\"compliant\": false"), r::toString);
    assertTrue(r.out().contains("VM-MISSING"), "13 of the 14 mailboxes are missing");
  }

  @Test
  void nagiosFormatSpeaksThePluginApi() {
    Cli.Run r = check("--format", "nagios");

    assertEquals(2, r.code(), "errors are CRITICAL");
    assertTrue(r.out().startsWith("VAXEL CRITICAL - "), r::toString);
  }

  @Test
  void everyRequestedReportIsWrittenFromOneCheck() throws Exception {
    Path json = tmp.resolve("check.json");
    Path html = tmp.resolve("check.html");
    Path prom = tmp.resolve("vaxel.prom");

    Cli.Run r = check("--format", "json", "-o", json.toString(),
        "--report", "html=" + html, "--report", "prometheus=" + prom);

    assertEquals(3, r.code(), r::toString);
    assertEquals("", r.out(), "with -o nothing goes to standard output");
    assertTrue(Files.readString(json).contains("\"findings\""));
    assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"));
    assertTrue(Files.readString(prom).contains("vaxel_check_compliant 0"));
    verify(connector).open(any());
  }

  @Test
  void aReportPathThatIsADirectoryIsBadInputNamedInWords() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("reports"));
    Files.writeString(dir.resolve("yesterday.json"), "{}");

    Cli.Run r = check("--format", "json", "-o", dir.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().startsWith("vaxel: " + dir + ": "), r::toString);
    assertFalse(r.err().contains("Exception"), r::toString);
    assertEquals("{}", Files.readString(dir.resolve("yesterday.json")));
  }

  @Test
  void reportDirWritesEachOrganisationsOwnReportInEachFormatAsked() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("reports"));

    Cli.Run r = check("--format", "text", "--report-dir", "json=" + dir,
        "--report-dir", "html=" + dir, "--report-dir", dir.toString());

    assertEquals(3, r.code(), r::toString);
    String json = Files.readString(dir.resolve("bjurholm.json"));
    assertTrue(json.contains("\"organisation\": {\n    \"id\": \"bjurholm\",\n    \"name\": "
        + "\"Bjurholms kommun\""), json);
    // In the organisation's language (Bjurholm's is Swedish), from sv/report.html.ftl.
    String html = Files.readString(dir.resolve("bjurholm.html"));
    assertTrue(html.contains("<html lang=\"sv\">") && html.contains("<title>vaxel-kontroll av "),
        html);
    assertTrue(Files.readString(dir.resolve("bjurholm.txt"))
        .contains(" for Bjurholms kommun (bjurholm) at "), "the --format default");
    assertFalse(r.out().contains("Bjurholms kommun (bjurholm)"),
        "standard output keeps a lone staff file's report as it was");
    verify(connector).open(any());
  }

  @Test
  void reportDirThatIsNotADirectoryIsBadInputBeforeThePbxIsContacted() {
    Cli.Run r = check("--report-dir", "json=" + tmp.resolve("missing"));

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("missing is not a directory; make it first"), r::toString);
    verify(connector, never()).open(any());
  }

  @Test
  void aFailedCheckReplacesEveryOrganisationsReportInReportDir() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("reports"));
    // Yesterday's reports of two organisations, and a file that is nobody's report.
    Files.writeString(dir.resolve("alfa.prom"), "vaxel_check_compliant 1\n");
    Files.writeString(dir.resolve("beta.prom"), "vaxel_check_compliant 1\n");
    Files.writeString(dir.resolve("notes.txt"), "mine");

    Cli.Run r = Cli.run(connector, env, "check", "-f=" + tmp.resolve("no-such.yaml"),
        "--report-dir", "prometheus=" + dir);

    assertEquals(2, r.code(), r::toString);
    for (String org : List.of("alfa", "beta")) {
      String prom = Files.readString(dir.resolve(org + ".prom"));
      assertTrue(prom.contains("vaxel_check_organisation_failed{organisation=\"" + org + "\"} 1"),
          prom);
      assertTrue(prom.contains("vaxel_check_organisation_compliant{organisation=\"" + org
          + "\"} 0"), prom);
    }
    assertEquals("mine", Files.readString(dir.resolve("notes.txt")));
  }

  @Test
  void baselineDirComparesEachOrganisationWithItsOwnReport() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("reports"));
    check("--format", "json", "--report-dir", "json=" + dir);

    Cli.Run r = check("--format", "json", "--baseline", dir.toString());

    assertTrue(r.out().contains("\"status\": \"known\""), r::toString);
    assertFalse(r.out().contains("\"status\": \"new\""), "nothing changed since: " + r);
  }

  @Test
  void unknownReportFormatIsBadInputBeforeThePbxIsContacted() {
    Cli.Run r = check("--report", "pdf=" + tmp.resolve("x.pdf"));

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("pdf"), r::toString);
    verify(connector, never()).open(any());
  }

  @Test
  void unknownFormatIsBadInput() {
    Cli.Run r = check("--format", "xml");

    assertEquals(2, r.code(), r::toString);
    verify(connector, never()).open(any());
  }

  /** Monitoring Plugins guidelines: a plugin that cannot run says UNKNOWN (3), in one line. */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "--bogus|Unknown option: '--bogus'",
      "--probe-timeout=x|Invalid value for option '--probe-timeout'",
      "--date=2026-13-01|Invalid value for option '--date'"})
  void aNagiosCheckGivenBadOptionsIsUnknownWithAStatusLine(String option, String reason) {
    for (List<String> order : List.of(List.of("--format", "nagios", option),
        List.of(option, "--format=nagios"))) {
      Cli.Run r = check(order.toArray(String[]::new));

      assertEquals(3, r.code(), r::toString);
      assertTrue(r.out().startsWith("VAXEL UNKNOWN - could not check: " + reason), r::toString);
      assertEquals(1, r.out().lines().count(), r::toString);
      assertTrue(r.err().contains("Try 'vaxel check --help'"), "stderr as before: " + r);
      verify(connector, never()).open(any());
    }
  }

  @Test
  void otherFormatsGivenBadOptionsStayBadInput() {
    Cli.Run r = check("--format", "nagios", "--format", "json", "--bogus");

    assertEquals(2, r.code(), r::toString);
    assertEquals("", r.out(), r::toString);
  }

  @Test
  void aNagiosCheckOfAMissingStaffFileSaysNoSuchFile() {
    Path missing = tmp.resolve("nope.yaml");

    Cli.Run r = Cli.run(connector, env, "check", "-f", missing.toString(), "--format", "nagios");

    assertEquals(3, r.code(), r::toString);
    assertTrue(r.out().startsWith("VAXEL UNKNOWN - could not check: " + missing
        + ": no such file"), r::toString);
  }

  @Test
  void missingBaselineIsNotedAndTheCheckGoesOn() {
    Cli.Run r = check("--format", "json", "--baseline", tmp.resolve("none.json").toString());

    assertEquals(3, r.code(), r::toString);
    assertTrue(r.err().contains("no baseline yet"), r::toString);
    assertTrue(r.out().contains("\"findings\""), r::toString);
  }

  @Test
  void malformedBaselineIsBadInputWithItsPosition() throws Exception {
    Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"checkedAt\": ");

    Cli.Run r = check("--baseline", bad.toString());

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains(bad.toString() + ":1:"), r::toString);
    verify(connector, never()).open(any());
  }

  @Test
  void unreachablePbxIsExitThreeInOneLineWithoutTheSecret() {
    when(connector.open(any())).thenThrow(new AmiException(AmiException.Kind.UNREACHABLE,
        "cannot reach the AMI at 127.0.0.1:5038: Connection refused"));

    Cli.Run r = check();

    assertEquals(3, r.code(), r::toString);
    assertEquals(1, r.err().lines().count(), r::toString);
    assertFalse((r.out() + r.err()).contains("s3cret-not-shown"));
  }

  @Test
  void noSecretIsBadInput() {
    Cli.Run r = Cli.run(connector, Map.of(), "check", "-f=" + Cli.SHIPPED);

    assertEquals(2, r.code(), r::toString);
    assertTrue(r.err().contains("VAXEL_AMI_SECRET"), r::toString);
    verify(connector, never()).open(any());
  }

  @Test
  void nagiosSaysUnknownWhenThePbxCannotBeReached() {
    when(connector.open(any())).thenThrow(new AmiException(AmiException.Kind.UNREACHABLE,
        "cannot reach the AMI at 127.0.0.1:5038: Connection refused"));

    Cli.Run r = check("--format", "nagios");

    assertEquals(3, r.code(), r::toString);
    assertTrue(r.out().startsWith("VAXEL UNKNOWN - could not check: cannot reach the AMI"),
        r::toString);
  }

  @Test
  void nagiosSaysUnknownForABrokenStaffFile() throws Exception {
    Path broken = tmp.resolve("staff.yaml");
    Files.writeString(broken, "organisation: [\n");

    Cli.Run r = Cli.run(connector, env, "check", "-f", broken.toString(), "--format", "nagios");

    assertEquals(3, r.code(), r::toString);
    assertTrue(r.out().startsWith("VAXEL UNKNOWN - could not check: 1 problem(s) in staff.yaml"),
        r::toString);
  }

  @Test
  void aCheckThatFailsOverwritesYesterdaysReportsWithAnIncompleteOne() throws Exception {
    Path prom = tmp.resolve("vaxel.prom");
    Path json = tmp.resolve("check.json");
    Files.writeString(prom, "vaxel_check_compliant 1\n");
    when(ami.voicemailUsers()).thenThrow(new AmiException(AmiException.Kind.TIMEOUT,
        "VoicemailUsersList: no answer within 60 s"));

    Cli.Run r = check("--format", "json", "-o", json.toString(),
        "--report", "prometheus=" + prom);

    assertEquals(3, r.code(), r::toString);
    assertTrue(Files.readString(prom).contains("vaxel_check_compliant 0"));
    assertTrue(Files.readString(prom).contains("vaxel_check_incomplete 1"));
    assertTrue(Files.readString(json).contains("no answer within 60 s"));
  }

  /** One way a check fails, as measured in issue 7: what to run and what it must say. */
  record Failure(String name, Map<String, String> env, List<String> args, int exit,
      String reason) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Failure> failures() {
    Map<String, String> secret = Map.of("VAXEL_AMI_SECRET", "s3cret-not-shown");
    return Stream.of(
        new Failure("missing secret file", Map.of("VAXEL_AMI_SECRET_FILE", "/nonexistent/secret"),
            List.of("-f=" + Cli.SHIPPED), 2, "/nonexistent/secret"),
        new Failure("broken staff.yaml", secret, List.of("-f=BROKEN"), 2,
            "1 problem(s) in staff.yaml, first: "),
        new Failure("bad --ami", secret, List.of("-f=" + Cli.SHIPPED, "--ami", "pbx example:x"),
            2, "is not HOST, HOST:PORT"),
        new Failure("corrupt baseline", secret,
            List.of("-f=" + Cli.SHIPPED, "--baseline", "CORRUPT"), 2, "corrupt.json:1:"),
        new Failure("unknown --report format", secret,
            List.of("-f=" + Cli.SHIPPED, "--report", "pdf=x.pdf"), 2, "unknown format"),
        new Failure("PBX out of reach", secret, List.of("-f=" + Cli.SHIPPED, "--ami", "UNREACHABLE"),
            3, "cannot reach the AMI"));
  }

  /** Yesterday's reports, all compliant, in every format. */
  private Map<String, Path> yesterdaysReports() throws Exception {
    Map<String, String> yesterday = Map.of(
        "json", "{\"summary\": {\"compliant\": true, \"incomplete\": []}}\n",
        "prometheus", "vaxel_check_compliant 1\nvaxel_check_incomplete 0\n",
        "nagios", "VAXEL OK - 16 people compliant | errors=0;;0;0\n",
        "text", "Compliant: 16 people checked.\n",
        "html", "<!DOCTYPE html><p>Compliant</p>\n",
        "junit", "<testsuites failures=\"0\"/>\n");
    Map<String, Path> files = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, String> e : yesterday.entrySet()) {
      Path file = tmp.resolve("report." + e.getKey());
      Files.writeString(file, e.getValue());
      files.put(e.getKey(), file);
    }
    return files;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailedCheckReplacesEveryReportWithCouldNotCheck(Failure failure) throws Exception {
    Cli.Run r = runFailing(failure, "json");

    assertEquals(failure.exit(), r.code(), r::toString);
    assertFalse(r.err().isBlank(), "the failure is said on stderr too");
    assertFalse((r.out() + r.err()).contains("s3cret-not-shown"));
    for (Path file : reports.values()) {
      String text = Files.readString(file);
      assertTrue(text.contains(failure.reason()),
          file + " does not give the reason '" + failure.reason() + "':\n" + text);
      assertFalse(text.contains("s3cret-not-shown"), file.toString());
    }
    String prom = Files.readString(reports.get("prometheus"));
    assertTrue(prom.contains("\nvaxel_check_compliant 0\n"), prom);
    assertTrue(prom.contains("\nvaxel_check_failed 1\n"), prom);
    assertTrue(prom.contains("\nvaxel_check_incomplete 1\n"), prom);
    String json = Files.readString(reports.get("json"));
    assertTrue(json.contains("\"compliant\": false"), json);
    assertTrue(json.contains("\"could not check: "), json);
    assertTrue(Files.readString(reports.get("nagios")).startsWith("VAXEL UNKNOWN - could not "
        + "check: "));
    assertFalse(Files.readString(reports.get("text")).contains("Compliant"));
    assertFalse(Files.readString(reports.get("html")).contains("<p>Compliant</p>"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("failures")
  void aFailedNagiosCheckIsUnknownWhateverTheCause(Failure failure) throws Exception {
    Cli.Run r = runFailing(failure, "nagios");

    assertEquals(3, r.code(), r::toString);
    assertTrue(r.out().startsWith("VAXEL UNKNOWN - could not check: "), r::toString);
    assertTrue(r.out().contains(failure.reason()), r::toString);
    assertTrue(Files.readString(reports.get("prometheus")).contains("vaxel_check_failed 1"));
  }

  private Map<String, Path> reports;

  /** Runs the failing check in FORMAT to stdout, with yesterday's reports as --report files. */
  private Cli.Run runFailing(Failure failure, String format) throws Exception {
    reports = yesterdaysReports();
    Path broken = tmp.resolve("broken.yaml");
    Files.writeString(broken, "organisation: [\n");
    Path corrupt = tmp.resolve("corrupt.json");
    Files.writeString(corrupt, "{\"checkedAt\": ");
    when(connector.open(any())).thenAnswer(call -> {
      AmiSettings settings = call.getArgument(0);
      if (settings.host().equals("UNREACHABLE")) {
        throw new AmiException(AmiException.Kind.UNREACHABLE,
            "cannot reach the AMI at UNREACHABLE:5038: Connection refused");
      }
      return ami;
    });
    List<String> args = new ArrayList<>(List.of("check", "--format", format));
    for (String a : failure.args()) {
      args.add(a.replace("BROKEN", broken.toString()).replace("CORRUPT", corrupt.toString())
          .replace("x.pdf", tmp.resolve("x.pdf").toString()));
    }
    reports.forEach((f, file) -> {
      args.add("--report");
      args.add(f + "=" + file);
    });
    return Cli.run(connector, failure.env(), args.toArray(String[]::new));
  }
}
