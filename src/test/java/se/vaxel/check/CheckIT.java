package se.vaxel.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.Contact;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.ProbeFormat;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;
import se.vaxel.testing.SipPhone;

/**
 * {@code vaxel check} against the real Asterisk 22 of scripts/asterisk-sandbox: a compliant PBX
 * reports nothing, and each rule's violation, produced for real on the PBX (config edited and
 * reloaded, spool files removed or added, live overrides set, stale dialplans applied), is
 * reported as exactly that finding for exactly that person.
 *
 * <p>Every test starts from the compliant PBX of {@link #setUp()} ({@link #startsCompliant()}
 * checks that) and {@link #restore()} puts it back, so the tests run in any order.
 */
class CheckIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> EXTENSIONS = List.of("2201", "2202", "2203", "2204");
  /** Anna is away a whole working day and more: she has a temporary greeting. */
  private static final String ANNA = "2202";
  /** The sandbox has no SIP transport; the PJSIP test adds one on loopback. */
  private static final int SIP_PORT = 15060;

  @TempDir static Path dir;
  static Pbx pbx;
  static Sandbox sandbox;
  /** The staff.yaml that is applied: the compliant state. */
  static Path staff;
  static String pristinePjsip;
  static String mainVoicemail;

  @TempDir Path tmp;

  @BeforeAll
  static void setUp() throws IOException {
    sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    staff = write(dir, "staff.yaml", yaml(Variant.BASE));
    pristinePjsip = Files.readString(sandbox.etc().resolve("pjsip.conf"));
    apply(staff);
    mainVoicemail = Files.readString(sandbox.etc().resolve("voicemail.conf"));
    recordGreetings();
  }

  /** What a test changed in staff.yaml, as the generated dialplan sees it. */
  enum Variant {
    BASE,
    /** Bo is away from yesterday for ten days, alternate Per. */
    BO_AWAY,
    /** Per has an absence planned next month: only the planned context changes. */
    PER_AWAY_NEXT_MONTH,
    /** Callers ring for 30 s instead of 5. */
    LONG_RING,
    /** Devices are PJSIP endpoints named by extension. */
    PJSIP
  }

  /**
   * per 2201 and bo 2203 and dan 2204 present; anna 2202 away from two days ago for twelve
   * days, alternate per; eva has a mobile only (nothing on the PBX to check).
   */
  static String yaml(Variant v) {
    LocalDate today = LocalDate.now(ItStaff.ZONE);
    String bo = v != Variant.BO_AWAY ? "" : """
            absences:
              - from: %s
                until: %s
                reason: tjansteresa
                alternate: per.present
        """.formatted(today.minusDays(1), today.plusDays(10));
    String per = v != Variant.PER_AWAY_NEXT_MONTH ? "" : """
            absences:
              - from: %s
                until: %s
                reason: utbildning
                alternate: bo.present
        """.formatted(today.plusDays(30), today.plusDays(32));
    return """
        organisation:
          name: Testby kommun
          place: Testby
          switchboard: "100"
          phone: "0900-100 00"
          functional-mailbox: kommunen@testby.se
          language: sv
          timezone: Europe/Stockholm
        asterisk:
          voicemail-context: %s
          dialplan-context: %s
          device: "%s"
          ring-timeout: %d
        staff:
          - id: per.present
            first-name: Per
            last-name: Närvarande
            extension: "2201"
            email: per@testby.se
        %s  - id: anna.away
            first-name: Anna
            last-name: Borta
            extension: "2202"
            email: anna@testby.se
            absences:
              - from: %s
                until: %s
                reason: semester
                alternate: per.present
          - id: bo.present
            first-name: Bo
            last-name: Hemma
            extension: "2203"
            email: bo@testby.se
        %s  - id: dan.present
            first-name: Dan
            last-name: Hemma
            extension: "2204"
            email: dan@testby.se
          - id: eva.mobile
            first-name: Eva
            last-name: Mobil
            mobile: "070-000 00 00"
            email: eva@testby.se
        """.formatted(ItStaff.VOICEMAIL_CONTEXT, ItStaff.CONTEXT,
        v == Variant.PJSIP ? "PJSIP/${EXTEN}" : Pbx.DEVICE, v == Variant.LONG_RING ? 30 : 5,
        per, today.minusDays(2), today.plusDays(10), bo);
  }

  @BeforeEach
  void startsCompliant() {
    Check c = check(staff);
    assertEquals(List.of(), c.findings(), "the test does not start from the compliant PBX");
    assertEquals(0, c.code(), c.out() + c.err());
  }

  /** Back to the applied base staff, no live overrides, and the greetings of setUp. */
  @AfterEach
  void restore() throws IOException {
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(se.vaxel.testing.ItStaff.OVERRIDE_FAMILY);
    }
    Path pjsip = sandbox.etc().resolve("pjsip.conf");
    if (!Files.readString(pjsip).equals(pristinePjsip)) {
      Files.writeString(pjsip, pristinePjsip);
      sandbox.cli("module reload res_pjsip.so");
    }
    Path vm = sandbox.etc().resolve("voicemail.conf");
    if (!Files.readString(vm).equals(mainVoicemail)) {
      Files.writeString(vm, mainVoicemail);
      sandbox.cli("voicemail reload");
    }
    apply(staff);
    for (String ext : EXTENSIONS) {
      deleteTree(mailbox(ext).resolve("INBOX"));
      Files.deleteIfExists(mailbox(ext).resolve("temp.gsm"));
    }
    recordGreetings();
  }

  @Test
  void compliantSetupReportsNothing() {
    Check c = check(staff);

    assertEquals(0, c.code(), c.err());
    assertEquals(List.of(), c.findings());
    JsonNode summary = c.json().get("summary");
    assertEquals(5, summary.get("people").asInt());
    assertTrue(summary.get("compliant").asBoolean(), summary.toString());
    assertEquals(0, summary.get("incomplete").size(), summary.toString());
    assertEquals(sandbox.host() + ":" + sandbox.port(), c.json().get("pbx").asText());
  }

  @Test
  void mailboxRemovedFromTheLiveConfigIsVmMissing() throws IOException {
    editMailboxes("2201 => ,Per Närvarande,per@testby.se\n", "");

    Check c = check(staff);

    assertEquals(List.of("VM-MISSING error per.present 2201"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).contains("no mailbox 2201@vaxel-it"), c.message(0));
  }

  @Test
  void renamedMailboxIsVmName() throws IOException {
    editMailboxes(",Bo Hemma,", ",Bo Gammalnamn,");

    Check c = check(staff);

    assertEquals(List.of("VM-NAME warning bo.present 2203"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).contains("'Bo Gammalnamn'") && c.message(0).contains("'Bo Hemma'"),
        c.message(0));
  }

  @Test
  void changedEmailIsVmEmail() throws IOException {
    editMailboxes(",dan@testby.se", ",dan@gamla.testby.se");

    Check c = check(staff);

    assertEquals(List.of("VM-EMAIL warning dan.present 2204"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).contains("'dan@gamla.testby.se'"), c.message(0));
  }

  @Test
  void mailboxOfSomeoneWhoLeftIsVmOrphan() throws IOException {
    editMailboxes("2204 => ,Dan Hemma,dan@testby.se\n",
        "2204 => ,Dan Hemma,dan@testby.se\n2299 => ,Olle Slutat,olle@testby.se\n");

    Check c = check(staff);

    assertEquals(List.of("VM-ORPHAN warning null 2299"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).startsWith("mailbox 2299@vaxel-it (Olle Slutat) belongs to nobody"),
        c.message(0));
  }

  @Test
  void deletedUnavailableGreetingIsGreetingMissing() throws IOException {
    Files.delete(mailbox("2203").resolve("unavail.gsm"));

    Check c = check(staff);

    assertEquals(List.of("GREETING-MISSING error bo.present 2203"), c.findings(), c.out());
    assertEquals(1, c.code());
  }

  /**
   * app_voicemail records greetings in each format of voicemail.conf's format= (wav49 gives
   * .WAV): the probe finds a greeting in any of them. Each round gives every mailbox its
   * unavailable greeting in another format only, and Anna her temporary one.
   */
  @Test
  void greetingsInEveryFormatAreFound() throws IOException {
    List<String> formats = ProbeFormat.GREETING_FORMATS;
    for (int round = 0; round < formats.size(); round += EXTENSIONS.size()) {
      List<Path> recorded = new ArrayList<>();
      for (int i = 0; i < EXTENSIONS.size(); i++) {
        String format = formats.get((round + i) % formats.size());
        Path mailbox = mailbox(EXTENSIONS.get(i));
        Files.delete(mailbox.resolve("unavail.gsm"));
        recorded.add(mailbox.resolve("unavail." + format));
        greeting(EXTENSIONS.get(i), "unavail." + format);
      }
      String temp = "temp." + formats.get((round + 1) % formats.size());
      Files.delete(mailbox(ANNA).resolve("temp.gsm"));
      greeting(ANNA, temp);

      Check c = check(staff);

      assertEquals(List.of(), c.findings(), "formats " + recorded + ", " + temp + ": " + c.out());
      assertEquals(0, c.code(), c.out());
      for (Path p : recorded) {
        Files.delete(p);
      }
      Files.delete(mailbox(ANNA).resolve(temp));
      recordGreetings();
    }
  }

  @Test
  void absenceThatTheLoadedDialplanDoesNotKnowIsNotRoutedAndStale() throws IOException {
    // Bo recorded his temporary greeting before leaving; only `vaxel apply` was forgotten.
    greeting("2203", "temp.gsm");
    Path boAway = write(tmp, "staff.yaml", yaml(Variant.BO_AWAY));

    Check c = check(boAway);

    assertEquals(List.of("DIALPLAN-STALE error null null",
        "ABSENCE-NOT-ROUTED error bo.present 2203"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(1).contains("calls should go to 2201 (Per Närvarande), but the loaded "
        + "dialplan rings 2203 as if they were present"), c.message(1));
    assertEquals("2203", pbx.call(ItStaff.CONTEXT, "2203", RING), "the PBX rings Bo himself");
  }

  @Test
  void alternateMadeAwayLiveIsAbsenceAlternateUnavailable() throws IOException {
    // Per has a temporary greeting of his own, so his live absence is no finding of its own.
    greeting("2201", "temp.gsm");
    Pbx.Run set = pbx.vaxel("absence", "set", "per.present", "--until",
        LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "--alternate", "bo.present",
        "-f", staff.toString());
    assertEquals(0, set.code(), set.err());

    Check c = check(staff);

    assertEquals(List.of("ABSENCE-ALTERNATE-UNAVAILABLE warning anna.away 2202"), c.findings(),
        c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).startsWith("alternate per.present (Per Närvarande) is away too")
        && c.message(0).contains("(live override)"), c.message(0));
    assertEquals("100", pbx.call(ItStaff.CONTEXT, ANNA, RING), "Anna's calls reach the "
        + "switchboard, not Per");
  }

  @Test
  void deletedTemporaryGreetingOfSomeoneAwayIsAbsenceNoTempGreeting() throws IOException {
    Files.delete(mailbox(ANNA).resolve("temp.gsm"));

    Check c = check(staff);

    assertEquals(List.of("ABSENCE-NO-TEMP-GREETING warning anna.away 2202"), c.findings(),
        c.out());
    assertEquals(1, c.code());
  }

  @Test
  void changedStaffFileNotAppliedIsDialplanStale() throws IOException {
    Path changed = write(tmp, "staff.yaml", yaml(Variant.PER_AWAY_NEXT_MONTH));

    Check c = check(changed);

    assertEquals(List.of("DIALPLAN-STALE error null null"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).contains("vaxel-it-staff-planned-p0001 2201,1: missing, generated "
        + "NoOp(per.present)"), c.message(0));
    assertTrue(c.message(0).contains("Run vaxel apply"), c.message(0));
  }

  @Test
  void weeklyContactIsReadBackFromTheLoadedDialplan() throws IOException {
    LocalDate today = LocalDate.now(ItStaff.ZONE);
    Path thisWeek = write(tmp, "this-week.yaml", withAnnasWeeklyContact(today));
    Path nextWeek = write(tmp, "next-week.yaml", withAnnasWeeklyContact(today.plusDays(7)));
    apply(thisWeek);

    Check applied = check(thisWeek);
    Check other = check(nextWeek);

    assertEquals(List.of(), applied.findings(), applied.out());
    assertEquals("2204", pbx.call(ItStaff.CONTEXT, ANNA, RING), "Dan takes Anna's calls");
    assertEquals(List.of("DIALPLAN-STALE error null null",
        "ABSENCE-NOT-ROUTED error anna.away 2202"), other.findings(), other.out());
    assertTrue(other.message(1).contains("calls should go to 2201 (Per Närvarande), but the "
        + "loaded dialplan routes them to 2204 (Dan Hemma)"), other.message(1));
  }

  /** The base staff with Dan as Anna's contact in the ISO week of {@code day}. */
  private static String withAnnasWeeklyContact(LocalDate day) {
    String yaml = yaml(Variant.BASE).replaceFirst("alternate: per.present\n",
        "alternate: per.present\n        weekly-contacts:\n          "
            + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) + ": dan.present\n");
    assertTrue(yaml.contains(": dan.present\n"), yaml);
    return yaml;
  }

  @Test
  void routeThatHangsUpIsDialplanStaleThoughTheFingerprintIsOurs() throws IOException {
    Path fragment = sandbox.etc().resolve("vaxel/testby-kommun/extensions.conf");
    String text = Files.readString(fragment, StandardCharsets.UTF_8);
    String first = "exten => s,1,Set(LOCAL(ext)=${ARG1})";
    assertTrue(text.contains(first), text);
    Files.writeString(fragment, text.replace(first, "exten => s,1,Hangup()"));
    sandbox.cli("dialplan reload");

    Pbx.Run nagios = pbx.vaxel("check", "-f", staff.toString(), "--format", "nagios");
    Check json = check(staff);

    assertEquals(2, nagios.code(), "Nagios CRITICAL: " + nagios.out() + nagios.err());
    assertEquals(List.of("DIALPLAN-STALE error null null"), json.findings(), json.out());
    assertTrue(json.message(0).startsWith("the loaded dialplan differs from what staff.yaml "
        + "generates in 1 place: vaxel-it-staff-route s,1: loaded Hangup(), generated "
        + "Set(LOCAL(ext)=${ARG1})."), json.message(0));
    assertEquals("none", pbx.call(ItStaff.CONTEXT, "2201", RING), "nobody's phone rings");
    Pbx.Run plan = pbx.vaxel("plan", "-f", staff.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(1, plan.code(), plan.out() + plan.err());
    assertTrue(plan.out().contains("Dialplan: reload, 1 difference (loaded sha256:"), plan.out());
    assertTrue(plan.out().contains("  ~ vaxel-it-staff-route s,1: loaded Hangup(), generated "
        + "Set(LOCAL(ext)=${ARG1})\n"), plan.out());
  }

  @Test
  void olderContextAheadOfOurIncludeIsDialplanStaleAndApplyCannotVerify() throws IOException {
    Path main = sandbox.etc().resolve("extensions.conf");
    String before = Files.readString(main, StandardCharsets.UTF_8);
    String include = "#include \"vaxel/extensions.conf\"";
    assertTrue(before.contains(include), before);
    try {
      Files.writeString(main, before.replace(include, String.join("\n",
          "[" + ItStaff.CONTEXT + "]",
          "exten => 2201,1,Dial(Local/2203@" + Pbx.PHONES + ",5)",
          "exten => 2299,1,Dial(Local/2299@" + Pbx.PHONES + ",5)",
          "", include)));
      sandbox.cli("dialplan reload");

      Check c = check(staff);
      Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
          sandbox.etc().toString());

      assertEquals(List.of("DIALPLAN-STALE error null null", "VM-ORPHAN warning null 2299"),
          c.findings(), c.out());
      // Our 2201 is in the included part vaxel-it-staff-p0001; the older context's own 2201
      // is found before any include, so calls reach it: an extra extension in our context.
      assertTrue(c.message(0).contains("in 2 places: vaxel-it-staff 2201,1: loaded "
          + "Dial(Local/2203@vaxel-test-phones,5), not generated; "
          + "vaxel-it-staff 2299,1: loaded Dial(Local/2299@vaxel-test-phones,5), not generated"),
          c.message(0));
      assertEquals("2203", pbx.call(ItStaff.CONTEXT, "2201", RING), "the older 2201 wins");
      assertEquals(3, apply.code(), apply.out() + apply.err());
      assertTrue(apply.err().contains("vaxel-it-staff 2201,1"), apply.err());
    } finally {
      Files.writeString(main, before);
      sandbox.cli("dialplan reload");
    }
  }

  @Test
  void contextIncludedFromOursIsDialplanStale() throws IOException {
    Path main = sandbox.etc().resolve("extensions.conf");
    String before = Files.readString(main, StandardCharsets.UTF_8);
    try {
      Files.writeString(main, before + String.join("\n", "",
          "[" + ItStaff.CONTEXT + "]", "include => " + Pbx.PHONES, ""));
      sandbox.cli("dialplan reload");

      Check c = check(staff);

      assertEquals(List.of("DIALPLAN-STALE error null null"), c.findings(), c.out());
      assertTrue(c.message(0).contains("in 1 place: vaxel-it-staff include => "
          + Pbx.PHONES + ": loaded it, not generated"), c.message(0));
      assertEquals("2299", pbx.call(ItStaff.CONTEXT, "2299", RING),
          "the include makes any number ring");
    } finally {
      Files.writeString(main, before);
      sandbox.cli("dialplan reload");
    }
  }

  @Test
  void dialplanRingingLongerThanThePolicyIsRingTimeoutAndStale() throws IOException {
    apply(write(tmp, "staff.yaml", yaml(Variant.LONG_RING)));

    Check c = check(staff);

    assertEquals(List.of("DIALPLAN-STALE error null null", "RING-TIMEOUT warning null null"),
        c.findings(), c.out());
    assertEquals(1, c.code());
    assertEquals("the loaded dialplan rings for up to 30 s before voicemail or re-routing; the "
        + "policy's ring timeout is 5 s", c.message(1));
  }

  @Test
  void inboxAtMaxmsgIsMailboxFull() throws IOException {
    Path vm = sandbox.etc().resolve("voicemail.conf");
    assertTrue(mainVoicemail.contains("\n[general]\n"), "no [general] in voicemail.conf");
    Files.writeString(vm, mainVoicemail.replace("\n[general]\n", "\n[general]\nmaxmsg=2\n"));
    sandbox.cli("voicemail reload");
    Instant now = Instant.now();
    message("2204", 0, now);
    message("2204", 1, now);

    Check c = check(staff);

    assertEquals(List.of("MAILBOX-FULL error dan.present 2204"), c.findings(), c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).contains("(2 of 2 messages)"), c.message(0));
  }

  @Test
  void unheardMessageLeftTwoWeeksAgoIsVoicemailUnanswered() throws IOException {
    Instant leftAt = Instant.now().minus(Duration.ofDays(14));
    message("2203", 0, leftAt);

    Check c = check(staff);

    assertEquals(List.of("VOICEMAIL-UNANSWERED warning bo.present 2203"), c.findings(),
        c.out());
    assertEquals(1, c.code());
    assertTrue(c.message(0).contains("was left on " + LocalDate.ofInstant(leftAt, ItStaff.ZONE)),
        c.message(0));
  }

  /**
   * PJSIP endpoints named by extension, phones that register as desk phones do: Per's phone
   * registered and was then unplugged, so qualify marks its contact Unreachable; Bo's phone never
   * registered; Dan's is plugged in and answers. Anna's never registered either, but she is away,
   * and a phone switched off for the holidays is no fault.
   */
  @Test
  void presentPeopleWithoutAReachableContactAreEndpointUnreachable() throws IOException {
    Path pjsipStaff = write(tmp, "staff.yaml", yaml(Variant.PJSIP));
    apply(pjsipStaff);
    Files.writeString(sandbox.etc().resolve("pjsip.conf"), pristinePjsip + """

        [vaxel-it-udp]
        type=transport
        protocol=udp
        bind=127.0.0.1:%d
        %s%s%s%s""".formatted(SIP_PORT, endpoint("2201"), endpoint(ANNA), endpoint("2203"),
        endpoint("2204")));
    sandbox.cli("module reload res_pjsip.so");
    InetSocketAddress asterisk = new InetSocketAddress(sandbox.host(), SIP_PORT);
    SipPhone.register("2201", asterisk, Duration.ofSeconds(5)).close();
    try (SipPhone dan = SipPhone.register("2204", asterisk, Duration.ofSeconds(5))) {
      awaitContacts(Map.of("2201", "Unreachable", "2204", "Reachable"));

      Check c = check(pjsipStaff);

      assertEquals(List.of("ENDPOINT-UNREACHABLE warning per.present 2201",
          "ENDPOINT-UNREACHABLE warning bo.present 2203"), c.findings(), c.out());
      assertEquals(1, c.code());
      assertEquals("device PJSIP/2201 has no reachable contact: calls go straight to voicemail",
          c.message(0));
    }
  }

  @Test
  void nagiosReportsAnErrorAsCritical() throws IOException {
    Files.delete(mailbox("2201").resolve("unavail.gsm"));

    Pbx.Run run = pbx.vaxel("check", "-f", staff.toString(), "--format", "nagios");

    assertEquals(2, run.code(), run.out() + run.err());
    List<String> lines = run.out().lines().toList();
    assertTrue(lines.get(0).startsWith("VAXEL CRITICAL - 1 error, 0 warnings in 1 person | "
        + "errors=1;;0;0 warnings=0;0;;0 people=5;;;0 incomplete=0;;;0"), lines.get(0));
    assertEquals(2, lines.size(), run.out());
    assertTrue(lines.get(1).startsWith("error GREETING-MISSING Per Närvarande, ext. 2201: "),
        lines.get(1));
  }

  @Test
  void prometheusFileIsReplacedWhole() throws IOException {
    Files.delete(mailbox("2201").resolve("unavail.gsm"));
    Path prom = tmp.resolve("vaxel.prom");
    Files.writeString(prom, "previous run\n");
    // A reader that has the previous file open keeps reading it whole: the new file is
    // renamed into place, not written into the old one.
    Path reader = tmp.resolve("reader-of-previous-run");
    Files.createLink(reader, prom);

    Pbx.Run run = pbx.vaxel("check", "-f", staff.toString(), "--format", "prometheus",
        "-o", prom.toString());

    assertEquals(1, run.code(), run.out() + run.err());
    assertEquals("", run.out());
    String text = Files.readString(prom);
    assertTrue(text.contains("\nvaxel_check_findings{rule=\"GREETING-MISSING\",severity=\"error\"}"
        + " 1\n"), text);
    assertTrue(text.contains("\nvaxel_check_findings{rule=\"VM-MISSING\",severity=\"error\"} 0\n"),
        text);
    assertTrue(text.contains("\nvaxel_check_compliant 0\n"), text);
    assertEquals("previous run\n", Files.readString(reader));
    try (Stream<Path> files = Files.list(tmp)) {
      assertEquals(List.of("reader-of-previous-run", "vaxel.prom"),
          files.map(p -> p.getFileName().toString()).sorted().toList(), "temporary file left");
    }
  }

  @Test
  void baselineMarksKnownAndNewFindingsAndListsTheResolved() throws IOException {
    Files.delete(mailbox("2201").resolve("unavail.gsm"));
    Files.delete(mailbox(ANNA).resolve("temp.gsm"));
    Path baseline = tmp.resolve("last-night.json");
    Pbx.Run lastNight = pbx.vaxel("check", "-f", staff.toString(), "--format", "json",
        "-o", baseline.toString());
    assertEquals(1, lastNight.code(), lastNight.err());
    // Overnight Anna records her temporary greeting and a leaver's mailbox is added back.
    greeting(ANNA, "temp.gsm");
    editMailboxes("2204 => ,Dan Hemma,dan@testby.se\n",
        "2204 => ,Dan Hemma,dan@testby.se\n2299 => ,Olle Slutat,olle@testby.se\n");

    Check c = check(staff, "--baseline", baseline.toString());

    assertEquals(1, c.code(), c.err());
    assertEquals(List.of("GREETING-MISSING error per.present 2201 known",
        "VM-ORPHAN warning null 2299 new"), rows(c.json().get("findings")));
    assertEquals(List.of("ABSENCE-NO-TEMP-GREETING warning anna.away 2202"),
        rows(c.json().get("resolved")));
  }

  @Test
  void unreachablePbxIsExitThreeWithOneErrorLine() {
    Map<String, String> env = pbx.env();
    env.put("VAXEL_AMI", "127.0.0.1:1");

    Pbx.Run run = Pbx.vaxel(env, "check", "-f", staff.toString(), "--format", "json");

    assertEquals(3, run.code(), run.out() + run.err());
    assertEquals(1, run.err().lines().count(), run.err());
    assertEquals("", run.out());
  }

  /** The sandbox's read-only AMI user may not run the greeting probe: never "compliant". */
  @Test
  void readOnlyAmiUserCannotCheckGreetingsAndIsNeverCompliant() {
    Map<String, String> env = pbx.env();
    env.put("VAXEL_AMI_USER", "vaxel-check");

    Pbx.Run json = Pbx.vaxel(env, "check", "-f", staff.toString(), "--format", "json");
    Pbx.Run text = Pbx.vaxel(env, "check", "-f", staff.toString());
    Pbx.Run nagios = Pbx.vaxel(env, "check", "-f", staff.toString(), "--format", "nagios");

    assertEquals(3, json.code(), json.out() + json.err());
    JsonNode summary = parse(json.out()).get("summary");
    assertFalse(summary.get("compliant").asBoolean(), summary.toString());
    assertEquals(1, summary.get("incomplete").size(), summary.toString());
    String gap = summary.get("incomplete").get(0).asText();
    assertTrue(gap.startsWith("greetings: ") && gap.contains("Permission denied"), gap);
    assertEquals(0, parse(json.out()).get("findings").size(), json.out());

    assertEquals(3, text.code(), text.out() + text.err());
    assertTrue(text.out().contains("Could not check: greetings: "), text.out());
    assertFalse(text.out().contains("Compliant"), text.out());

    assertEquals(3, nagios.code(), nagios.out());
    assertTrue(nagios.out().startsWith("VAXEL UNKNOWN - check incomplete"), nagios.out());
  }

  // ---------------------------------------------------------------------------------------

  /** One run of {@code vaxel check --format json}, parsed. */
  record Check(int code, String out, String err, JsonNode json) {
    /** "RULE severity staff extension" per finding, in report order. */
    List<String> findings() {
      return rows(json.get("findings"));
    }

    String message(int i) {
      return json.get("findings").get(i).get("message").asText();
    }
  }

  static Check check(Path staffFile, String... more) {
    List<String> args = new ArrayList<>(List.of("check", "-f", staffFile.toString(),
        "--format", "json"));
    args.addAll(List.of(more));
    Pbx.Run run = pbx.vaxel(args.toArray(String[]::new));
    if (run.out().isBlank()) {
      fail("vaxel check printed no report, exit " + run.code() + ": " + run.err());
    }
    return new Check(run.code(), run.out(), run.err(), parse(run.out()));
  }

  static List<String> rows(JsonNode findings) {
    List<String> rows = new ArrayList<>();
    for (JsonNode f : findings) {
      rows.add(f.get("rule").asText() + " " + f.get("severity").asText() + " "
          + f.get("staff").asText() + " " + f.get("extension").asText()
          + (f.has("status") ? " " + f.get("status").asText() : ""));
    }
    return rows;
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }

  static void apply(Path staffFile) {
    Pbx.Run run = pbx.vaxel("apply", "-f", staffFile.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, run.code(), run.out() + run.err());
  }

  static Path write(Path in, String name, String text) throws IOException {
    Path file = in.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /** Edits the applied mailboxes as someone would by hand, and reloads app_voicemail. */
  static void editMailboxes(String from, String to) throws IOException {
    Path fragment = sandbox.etc().resolve("vaxel/testby-kommun/voicemail.conf");
    String text = Files.readString(fragment, StandardCharsets.UTF_8);
    assertTrue(text.contains(from), "'" + from + "' is not in " + fragment + ":\n" + text);
    Files.writeString(fragment, text.replace(from, to), StandardCharsets.UTF_8);
    sandbox.cli("voicemail reload");
  }

  static Path mailbox(String ext) {
    return sandbox.spool().resolve(ItStaff.VOICEMAIL_CONTEXT).resolve(ext);
  }

  /** Everyone's unavailable greeting, and Anna's temporary one: she is away all week. */
  static void recordGreetings() throws IOException {
    for (String ext : EXTENSIONS) {
      copy(mailbox(ext).resolve("unavail.gsm"));
    }
    greeting(ANNA, "temp.gsm");
  }

  static void greeting(String ext, String file) throws IOException {
    copy(mailbox(ext).resolve(file));
  }

  private static void copy(Path to) throws IOException {
    Path sound = sandbox.root().resolve("usr/share/asterisk/sounds/en_US_f_Allison/vm-goodbye.gsm");
    Files.createDirectories(to.getParent());
    Files.copy(sound, to, StandardCopyOption.REPLACE_EXISTING);
    sandbox.inChroot("chown", "-R", "asterisk:asterisk", "/var/spool/asterisk/voicemail");
  }

  /** An unheard message as app_voicemail leaves it: INBOX/msgNNNN.txt and its recording. */
  static void message(String ext, int n, Instant leftAt) throws IOException {
    Path inbox = Files.createDirectories(mailbox(ext).resolve("INBOX"));
    String base = "msg%04d".formatted(n);
    Path txt = inbox.resolve(base + ".txt");
    Files.writeString(txt, """
        ;
        ; Message Information file
        ;
        [message]
        origmailbox=%s
        context=%s
        exten=%s
        callerid="Testare" <0701234567>
        origtime=%d
        duration=2
        """.formatted(ext, ItStaff.CONTEXT, ext, leftAt.getEpochSecond()));
    copy(inbox.resolve(base + ".gsm"));
    FileTime time = FileTime.from(leftAt.truncatedTo(ChronoUnit.SECONDS));
    Files.setLastModifiedTime(txt, time);
    Files.setLastModifiedTime(inbox.resolve(base + ".gsm"), time);
  }

  /** An endpoint its phone registers for, without auth, qualified every second. */
  static String endpoint(String ext) {
    return """

        [%s]
        type=endpoint
        aors=%s
        context=%s

        [%s]
        type=aor
        max_contacts=1
        qualify_frequency=1
        qualify_timeout=0.5
        """.formatted(ext, ext, ItStaff.CONTEXT, ext);
  }

  /** Waits for qualify to settle the contacts' statuses (it runs every second). */
  static void awaitContacts(Map<String, String> statuses) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    List<Contact> contacts = List.of();
    while (System.nanoTime() < deadline) {
      try (AmiClient ami = pbx.connect()) {
        contacts = ami.pjsipContacts();
      }
      List<Contact> seen = contacts;
      if (statuses.entrySet().stream().allMatch(s -> seen.stream().anyMatch(c ->
          c.aor().equals(s.getKey()) && c.status().equalsIgnoreCase(s.getValue())))) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
    fail("qualify did not settle to " + statuses + ": " + contacts);
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
