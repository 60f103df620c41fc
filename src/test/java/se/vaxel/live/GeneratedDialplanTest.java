package se.vaxel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.live.CapturedDialplan.ABSENCE;
import static se.vaxel.live.CapturedDialplan.ROUTE;
import static se.vaxel.live.CapturedDialplan.STAFF;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.model.DialplanContexts;
import se.vaxel.render.AsteriskConfig;
import se.vaxel.render.Templates;
import se.vaxel.staff.StaffLoader;

/** Reading our generated extensions.conf as ShowDialPlan lists it once Asterisk loaded it. */
class GeneratedDialplanTest {

  /** The settings of {@link CapturedDialplan}, with five people 2201-2205 and no absences. */
  private static final String CAPTURED_STAFF = """
      organisation:
        name: Testby kommun
        place: Testby
        switchboard: "100"
        phone: "0900-100 00"
        functional-mailbox: kommunen@testby.se
        language: sv
        timezone: Europe/Stockholm
      asterisk:
        voicemail-context: vaxel-it
        dialplan-context: vaxel-it-staff
        device: "Local/${EXTEN}@vaxel-test-phones"
        ring-timeout: 5
      staff:
      """ + person("2201") + person("2202") + person("2203") + person("2204") + person("2205");

  private static String person(String ext) {
    return "  - {id: p" + ext + ", first-name: P, last-name: N" + ext + ", extension: \"" + ext
        + "\", email: p" + ext + "@testby.se}\n";
  }

  private static GeneratedDialplan generated() throws Exception {
    AsteriskConfig.Rendered r = new AsteriskConfig(new Templates(Optional.empty()), "test")
        .render(new StaffLoader().parse("t.yaml", CAPTURED_STAFF));
    return GeneratedDialplan.parse(r.extensionsConf(), r.fingerprint());
  }

  @Test
  void whatShowDialPlanListedIsWhatTheParserReadsFromTheSameText() {
    GeneratedDialplan parsed = GeneratedDialplan.parse(CapturedDialplan.QUIRKS_CONF, "");

    assertEquals(new HashSet<>(CapturedDialplan.quirks()),
        new HashSet<>(parsed.contexts().get("dpcap")));
  }

  @Test
  void theShippedTemplateReadsAsTheEntriesTheRealAsteriskListed() throws Exception {
    GeneratedDialplan g = generated();

    // The staff context's own extensions are the feature codes (PhoneCodesDialplanTest,
    // PhoneCodesIT); after them, its parts.
    assertEquals(CapturedDialplan.includes(STAFF, 1), g.contexts().get(STAFF).stream()
        .filter(e -> e.priority() == DialplanEntry.INCLUDE).toList());
    assertEquals(CapturedDialplan.staff(5), g.contexts().get(CapturedDialplan.STAFF_P1).stream()
        .sorted(java.util.Comparator.comparing(DialplanEntry::extension)
            .thenComparingInt(DialplanEntry::priority))
        .toList());
    assertEquals(new HashSet<>(CapturedDialplan.route().subList(1, 22)),
        new HashSet<>(g.contexts().get(ROUTE).stream()
            .filter(e -> !e.extension().equals("fingerprint")).toList()));
    assertEquals(List.of(CapturedDialplan.e(ROUTE, "fingerprint", 1, "", "Return",
        g.fingerprint())), g.contexts().get(ROUTE).stream()
            .filter(e -> e.extension().equals("fingerprint")).toList());
    assertEquals(CapturedDialplan.absence(), g.contexts().get(ABSENCE));
    assertEquals(CapturedDialplan.includes(CapturedDialplan.PLANNED, 1),
        g.contexts().get(CapturedDialplan.PLANNED));
    assertEquals(List.of(CapturedDialplan.e(CapturedDialplan.PLANNED_P1, "_X.", 1, "", "Return",
        "")), g.contexts().get(CapturedDialplan.PLANNED_P1));
  }

  @Test
  void theShippedTemplateDefinesOurContextsAndOnePartOfStaffAndPlannedForFivePeople()
      throws Exception {
    DialplanContexts ours = DialplanContexts.of(CapturedDialplan.SETTINGS);
    assertEquals(List.of(ours.staff(), CapturedDialplan.STAFF_P1, ours.route(), ours.absence(),
        ours.planned(), CapturedDialplan.PLANNED_P1, ours.codes(), ours.probe()),
        List.copyOf(generated().contexts().keySet()));
    assertTrue(generated().contexts().keySet().stream().allMatch(ours::owns));
  }

  @Test
  void theFirstDefinitionOfAPriorityIsKeptAsAsteriskKeepsIt() {
    GeneratedDialplan g = GeneratedDialplan.parse(String.join("\n",
        "[a]", "exten => 1,1,NoOp(first)", "exten => 1,1,NoOp(second)", " same => n,Hangup()"),
        "");

    assertEquals(List.of(CapturedDialplan.e("a", "1", 1, "", "NoOp", "first"),
        CapturedDialplan.e("a", "1", 2, "", "Hangup", "")), g.contexts().get("a"));
  }

  @Test
  void aLineOutsideTheSubsetFailsNamingIt() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GeneratedDialplan.parse("[a]\nexten => 1,1,NoOp()\n#exec /bin/true\n", ""));
    assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("#exec"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> GeneratedDialplan.parse("[a]\nsame => n,NoOp()\n", ""));
    assertThrows(IllegalArgumentException.class,
        () -> GeneratedDialplan.parse("exten => 1,1,NoOp()\n", ""));
  }
}
