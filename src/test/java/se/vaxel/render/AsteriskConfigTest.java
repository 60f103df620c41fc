package se.vaxel.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import se.vaxel.generate.Generator;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Staff;
import se.vaxel.output.OutputFile;
import se.vaxel.staff.StaffLoader;

class AsteriskConfigTest {
  private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");

  /**
   * Calle away in weeks 30 to 32 of 2026 with a contact per week; Elin away with an alternate
   * who has no extension; Nils with a mobile only.
   */
  private static final String STAFF = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: sv
        timezone: Europe/Stockholm
      asterisk:
        voicemail-context: vaxel
        dialplan-context: vaxel-staff
        device: "PJSIP/${EXTEN}"
        ring-timeout: 20
      staff:
        - id: calle.carlsson
          first-name: Calle
          last-name: Carlsson
          extension: "2101"
          email: calle.carlsson@bjurholm.se
          absences:
            - from: 2026-07-20
              until: 2026-08-09
              reason: semester
              alternate: anna.berg
              weekly-contacts:
                30: anna.berg
                31: bo.lind
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          extension: "2102"
          email: anna.berg@bjurholm.se
        - id: bo.lind
          first-name: Bo
          last-name: Lind
          extension: "2103"
          email: bo.lind@bjurholm.se
        - id: nils.ohman
          first-name: Nils
          last-name: Öhman
          mobile: "070-742 05 56"
          email: nils.ohman@bjurholm.se
        - id: elin.sandberg
          first-name: Elin
          last-name: Sandberg
          extension: "2131"
          email: elin.sandberg@bjurholm.se
          absences:
            - from: 2026-10-05
              until: 2026-10-09
              reason: utbildning
              alternate: nils.ohman
      """;

  private static Staff staff(String yaml) throws Exception {
    return new StaffLoader().parse("t.yaml", yaml);
  }

  private static AsteriskConfig.Rendered render(String yaml) throws Exception {
    return new AsteriskConfig(new Templates(Optional.empty()), "test").render(staff(yaml));
  }

  private static long stockholmMidnight(int year, int month, int day) {
    return ZonedDateTime.of(year, month, day, 0, 0, 0, 0, STOCKHOLM).toEpochSecond();
  }

  private static String window(long start, long end, String target) {
    return "ExecIf($[${EPOCH} >= " + start + " & ${EPOCH} < " + end + "]?Return(" + target + "))";
  }

  /** The lines of one [context] of a configuration file, without the header. */
  private static List<String> context(String conf, String name) {
    String after = conf.substring(conf.indexOf("[" + name + "]\n") + name.length() + 3);
    int next = after.indexOf("\n[");
    return (next < 0 ? after : after.substring(0, next + 1)).lines().toList();
  }

  @Test
  void configurationDoesNotDependOnTheDateItIsGeneratedOn() throws Exception {
    Staff staff = staff(STAFF);
    Generator generator = Rendering.of(Optional.empty(), "test").generator();

    Generator.Generated inSummer = generator.generate(staff, LocalDate.of(2026, 7, 22));
    Generator.Generated inAutumn = generator.generate(staff, LocalDate.of(2026, 11, 21));

    assertEquals(asteriskFiles(inSummer), asteriskFiles(inAutumn));
    assertEquals(2, asteriskFiles(inSummer).size());
    assertEquals(inSummer.fingerprint(), inAutumn.fingerprint());
  }

  @Test
  void fingerprintChangesWhenANameChanges() throws Exception {
    AsteriskConfig.Rendered before = render(STAFF);
    AsteriskConfig.Rendered after = render(STAFF.replace("last-name: Berg", "last-name: Bergman"));

    assertNotEquals(before.fingerprint(), after.fingerprint());
    assertTrue(after.voicemailConf().contains("2102 => ,Anna Bergman,anna.berg@bjurholm.se"));
  }

  @Test
  void fingerprintIsEmbeddedInBothFilesAndAnsweredByTheDialplan() throws Exception {
    AsteriskConfig.Rendered r = render(STAFF);

    assertTrue(r.fingerprint().matches("sha256:[0-9a-f]{32}"), r.fingerprint());
    assertTrue(r.voicemailConf().contains("; vaxel-fingerprint: " + r.fingerprint() + "\n"));
    assertTrue(r.extensionsConf().contains("; vaxel-fingerprint: " + r.fingerprint() + "\n"));
    assertTrue(r.extensionsConf().contains(
        "exten => fingerprint,1,Return(" + r.fingerprint() + ")\n"));
    assertFalse(r.extensionsConf().contains("@@"), "the fingerprint token was left in");
  }

  @Test
  void voicemailHasOneMailboxPerPersonWithAnExtension() throws Exception {
    AsteriskConfig.Rendered r = render(STAFF);

    assertEquals(List.of(
        "2101 => ,Calle Carlsson,calle.carlsson@bjurholm.se",
        "2102 => ,Anna Berg,anna.berg@bjurholm.se",
        "2103 => ,Bo Lind,bo.lind@bjurholm.se",
        "2131 => ,Elin Sandberg,elin.sandberg@bjurholm.se"),
        context(r.voicemailConf(), "vaxel").stream().filter(l -> !l.isBlank()).toList());
  }

  @Test
  void voicemailHasNoPinsAndSaysWhereTheyLive() throws Exception {
    String vm = render(STAFF).voicemailConf();

    assertTrue(vm.contains("passwordlocation=spooldir"));
    assertTrue(context(vm, "vaxel").stream().filter(l -> !l.isBlank())
        .allMatch(l -> l.matches("\\d+ => ,[^,]+,[^,]*")), vm);
  }

  @Test
  void personWithoutExtensionHasNoMailboxAndNoDialplan() throws Exception {
    AsteriskConfig.Rendered r = render(STAFF);

    assertFalse(r.voicemailConf().contains("Öhman"));
    assertFalse(r.extensionsConf().contains("nils.ohman"));
    assertFalse(r.extensionsConf().contains("Öhman"));
  }

  @Test
  void everyExtensionIsRoutedAndHasAHint() throws Exception {
    List<String> staffContext = context(render(STAFF).extensionsConf(), "vaxel-staff-p0001");

    for (String ext : List.of("2101", "2102", "2103", "2131")) {
      assertTrue(staffContext.contains(
          "exten => " + ext + ",1,Gosub(vaxel-staff-route,s,1(" + ext + "))"), ext);
      assertTrue(staffContext.contains(
          "exten => " + ext + ",hint,PJSIP/" + ext + ",CustomPresence:" + ext), ext);
    }
    assertEquals(4, staffContext.stream().filter(l -> l.contains(",hint,")).count());
  }

  @Test
  void plannedAbsenceWindowsAreStockholmMidnightsInEpochSeconds() throws Exception {
    List<String> planned = context(render(STAFF).extensionsConf(), "vaxel-staff-planned-p0001");

    // Elin: 5 to 9 October 2026 inclusive, summer time, so the window ends at 10 October 00:00.
    long start = stockholmMidnight(2026, 10, 5);
    long end = stockholmMidnight(2026, 10, 10);
    assertEquals(1_791_151_200L, start, "5 October 2026 00:00 CEST");
    int elin = planned.indexOf("exten => 2131,1,NoOp(elin.sandberg)");
    assertTrue(elin >= 0, () -> String.join("\n", planned));
    assertEquals(" same => n," + window(start, end, "-"), planned.get(elin + 1));
    assertEquals(" same => n,Return()", planned.get(elin + 2));
  }

  @Test
  void weeklyContactsAreDecidedFromTheWeekOfTheCallWithinOneWindow() throws Exception {
    List<String> planned = context(render(STAFF).extensionsConf(), "vaxel-staff-planned-p0001");

    // Calle: 20 July to 9 August 2026, alternate Anna, weekly contacts 30 Anna and 31 Bo.
    int calle = planned.indexOf("exten => 2101,1,NoOp(calle.carlsson)");
    assertTrue(calle >= 0, () -> String.join("\n", planned));
    long start = stockholmMidnight(2026, 7, 20);
    long end = stockholmMidnight(2026, 8, 10);
    assertEquals(List.of(
        " same => n,Set(LOCAL(week)=${STRFTIME(${EPOCH},Europe/Stockholm,%V)})",
        " same => n,ExecIf($[${EPOCH} >= " + start + " & ${EPOCH} < " + end
            + " & ${REGEX(\"^(31)$\" ${week})}]?Return(2103))",
        " same => n," + window(start, end, "2102"),
        " same => n,Return()"), planned.subList(calle + 1, calle + 5));
  }

  @Test
  void alternatingWeeklyContactsOverTwoYearsGiveOneLinePerContact() throws Exception {
    StringBuilder weekly = new StringBuilder();
    for (int w = 1; w <= 26; w++) {
      weekly.append("          ").append(w).append(": ").append(w % 2 == 1 ? "anna" : "bo")
          .append('\n');
    }
    String yaml = """
        organisation: {name: K, place: P, switchboard: "100", phone: "0934-140 00",
          functional-mailbox: k@k.se, language: sv, timezone: Europe/Stockholm}
        staff:
          - {id: anna, first-name: A, last-name: A, email: a@k.se, extension: "2102"}
          - {id: bo, first-name: B, last-name: B, email: b@k.se, extension: "2103"}
          - id: calle
            first-name: C
            last-name: C
            email: c@k.se
            extension: "2101"
            absences:
              - from: 2026-01-05
                until: 2027-12-31
                reason: foraldraledig
                weekly-contacts:
        """ + weekly;

    List<String> planned = context(render(yaml).extensionsConf(), "vaxel-staff-planned-p0001");

    int calle = planned.indexOf("exten => 2101,1,NoOp(calle)");
    assertEquals(List.of(
        " same => n,Set(LOCAL(week)=${STRFTIME(${EPOCH},Europe/Stockholm,%V)})",
        " same => n,ExecIf($[${EPOCH} >= 1767567600 & ${EPOCH} < 1830294000 & "
            + "${REGEX(\"^(01|03|05|07|09|11|13|15|17|19|21|23|25)$\" ${week})}]?Return(2102))",
        " same => n,ExecIf($[${EPOCH} >= 1767567600 & ${EPOCH} < 1830294000 & "
            + "${REGEX(\"^(02|04|06|08|10|12|14|16|18|20|22|24|26)$\" ${week})}]?Return(2103))",
        " same => n,ExecIf($[${EPOCH} >= 1767567600 & ${EPOCH} < 1830294000]?Return(-))",
        " same => n,Return()"), planned.subList(calle + 1, calle + 6));
  }

  @Test
  void partDayAbsenceWindowIsAtItsLocalTimes() throws Exception {
    String yaml = STAFF.replace("""
              - from: 2026-10-05
                until: 2026-10-09
                reason: utbildning
        """, """
              - from: 2026-11-24T09:00
                until: 2026-11-24T12:00
                reason: mote
        """);
    List<String> planned = context(render(yaml).extensionsConf(), "vaxel-staff-planned-p0001");

    long start = ZonedDateTime.of(2026, 11, 24, 9, 0, 0, 0, STOCKHOLM).toEpochSecond();
    long end = ZonedDateTime.of(2026, 11, 24, 12, 0, 0, 0, STOCKHOLM).toEpochSecond();
    assertTrue(planned.contains(" same => n," + window(start, end, "-")),
        () -> String.join("\n", planned));
  }

  @Test
  void onlyPeopleWithAbsencesHavePlannedEntries() throws Exception {
    List<String> planned = context(render(STAFF).extensionsConf(), "vaxel-staff-planned-p0001");

    assertEquals(List.of("exten => 2101,1,NoOp(calle.carlsson)",
        "exten => 2131,1,NoOp(elin.sandberg)", "exten => _X.,1,Return()"),
        planned.stream().filter(l -> l.startsWith("exten")).toList());
  }

  /** {@code n} people with extensions 10001.. listed in reverse; every third one away. */
  private static String many(int n, String asteriskExtra) {
    StringBuilder yaml = new StringBuilder(STAFF.substring(0, STAFF.indexOf("\nstaff:\n") + 1)
        .replace("  ring-timeout: 20\n", "  ring-timeout: 20\n" + asteriskExtra));
    yaml.append("staff:\n");
    for (int i = n; i >= 1; i--) {
      yaml.append("  - {id: p").append(i).append(", first-name: P, last-name: N")
          .append(", extension: \"").append(10000 + i).append("\", email: p").append(i)
          .append("@bjurholm.se");
      if (i % 3 == 0) {
        yaml.append(", absences: [{from: 2026-10-05, until: 2026-10-09, reason: semester, "
            + "alternate: p").append(i == 3 ? 1 : i - 1).append("}]");
      }
      yaml.append("}\n");
    }
    return yaml.toString();
  }

  @Test
  void staffAndPlannedAreSplitIntoIncludedPartsOfAThousandInOrderOfExtension()
      throws Exception {
    String conf = render(many(2500, "")).extensionsConf();

    assertEquals(List.of("include => vaxel-staff-p0001", "include => vaxel-staff-p0002",
        "include => vaxel-staff-p0003"),
        context(conf, "vaxel-staff").stream().filter(l -> l.startsWith("include")).toList());
    List<String> first = context(conf, "vaxel-staff-p0001").stream()
        .filter(l -> l.startsWith("exten") && l.contains(",1,")).toList();
    assertEquals(1000, first.size());
    assertEquals("exten => 10001,1,Gosub(vaxel-staff-route,s,1(10001))", first.get(0));
    assertEquals("exten => 11000,1,Gosub(vaxel-staff-route,s,1(11000))", first.get(999));
    assertEquals(500, context(conf, "vaxel-staff-p0003").stream()
        .filter(l -> l.contains(",hint,")).count());
    // 833 people away: one part, ending with the catch-all.
    assertEquals(List.of("include => vaxel-staff-planned-p0001"), context(conf,
        "vaxel-staff-planned").stream().filter(l -> l.startsWith("include")).toList());
    List<String> planned = context(conf, "vaxel-staff-planned-p0001").stream()
        .filter(l -> l.startsWith("exten")).toList();
    assertEquals(834, planned.size());
    assertEquals("exten => _X.,1,Return()", planned.get(833));
    assertFalse(conf.contains("[vaxel-staff-planned-p0002]"));
  }

  @Test
  void theCatchAllOfPlannedEndsItsLastPart() throws Exception {
    String conf = render(many(3300, "")).extensionsConf();

    assertEquals(List.of("include => vaxel-staff-planned-p0001",
        "include => vaxel-staff-planned-p0002"), context(conf, "vaxel-staff-planned").stream()
            .filter(l -> l.startsWith("include")).toList());
    assertFalse(context(conf, "vaxel-staff-planned-p0001").contains("exten => _X.,1,Return()"));
    assertTrue(context(conf, "vaxel-staff-planned-p0002").contains("exten => _X.,1,Return()"));
    assertEquals(100, context(conf, "vaxel-staff-planned-p0002").stream()
        .filter(l -> l.contains(",1,NoOp(")).count());
  }

  @Test
  void hintsFalseLeavesEveryHintOutAndNothingElse() throws Exception {
    String with = render(STAFF).extensionsConf();
    String without = render(STAFF.replace("  ring-timeout: 20\n",
        "  ring-timeout: 20\n  hints: false\n")).extensionsConf();

    assertEquals(4, with.lines().filter(l -> l.contains(",hint,")).count());
    assertEquals(0, without.lines().filter(l -> l.contains(",hint,")).count());
    assertEquals(
        with.lines().filter(l -> !l.contains(",hint,") && !l.contains("fingerprint")
            && !l.startsWith(";")).toList(),
        without.lines().filter(l -> !l.contains("fingerprint") && !l.startsWith(";")).toList());
  }

  @Test
  void contextsFollowTheConfiguredNames() throws Exception {
    String yaml = STAFF.replace("dialplan-context: vaxel-staff", "dialplan-context: kommun")
        .replace("voicemail-context: vaxel", "voicemail-context: bjurholm")
        .replace("device: \"PJSIP/${EXTEN}\"", "device: \"SIP/${EXTEN}\"")
        .replace("ring-timeout: 20", "ring-timeout: 25");
    AsteriskConfig.Rendered r = render(yaml);

    for (String ctx : List.of("[kommun]", "[kommun-route]", "[kommun-absence]",
        "[kommun-planned]")) {
      assertTrue(r.extensionsConf().contains(ctx + "\n"), ctx);
    }
    assertTrue(r.voicemailConf().contains("[bjurholm]\n"));
    assertTrue(r.extensionsConf().contains("VoiceMail(${ext}@bjurholm,u)"));
    assertTrue(r.extensionsConf().contains("Dial(SIP/${ext},25)"));
    assertTrue(r.extensionsConf().contains("Dial(SIP/100,25)"));
    assertFalse(r.extensionsConf().contains("vaxel-staff"));
  }

  private static Map<String, String> asteriskFiles(Generator.Generated g) {
    return g.files().stream().filter(f -> f.path().startsWith("asterisk/"))
        .collect(Collectors.toMap(OutputFile::path, OutputFile::content));
  }
}
