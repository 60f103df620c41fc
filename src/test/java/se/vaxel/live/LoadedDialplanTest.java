package se.vaxel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.live.CapturedDialplan.ABSENCE;
import static se.vaxel.live.CapturedDialplan.PLANNED;
import static se.vaxel.live.CapturedDialplan.ROUTE;
import static se.vaxel.live.CapturedDialplan.STAFF;
import static se.vaxel.live.CapturedDialplan.e;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.model.DialplanContexts;

/** Reading the generated dialplan back from what ShowDialPlan returned on the real Asterisk. */
class LoadedDialplanTest {
  private static final String FAMILY = "vaxel-it-absence";

  private static final Instant IN_ALL_WINDOWS = Instant.ofEpochSecond(1795400000);

  @Test
  void fingerprintIsWhatTheFingerprintExtensionReturns() {
    assertEquals(CapturedDialplan.FINGERPRINT,
        LoadedDialplan.fingerprint(CapturedDialplan.route()));
  }

  @Test
  void routeContextWithoutFingerprintGivesEmpty() {
    assertEquals("", LoadedDialplan.fingerprint(List.of()));
    assertEquals("", LoadedDialplan.fingerprint(CapturedDialplan.route().subList(1, 5)));
  }

  @Test
  void staffExtensionsAreTheDialableNonPatternOnes() {
    List<DialplanEntry> staff = new ArrayList<>(CapturedDialplan.staff(5));
    staff.add(e(STAFF, "_9X.", 1, "", "Hangup", ""));
    staff.add(e(STAFF, "2299", DialplanEntry.HINT, "", "PJSIP/2299", ""));
    assertEquals(Set.of("2201", "2202", "2203", "2204", "2205"),
        LoadedDialplan.extensions(staff));
  }

  @Test
  void oneShowDialPlanForTheWholePbxKeepsOurContextsAndEveryLoadedPart() {
    AmiClient ami = mock(AmiClient.class);
    List<DialplanEntry> whole = new ArrayList<>();
    whole.add(e("default", "1234", 1, "", "Dial", "PJSIP/1234"));
    CapturedDialplan.loaded(2500).values().forEach(whole::addAll);
    whole.add(e(STAFF + "-p0009", "9999", 1, "", "NoOp", "left over"));
    whole.add(e(STAFF + "-px", "1", 1, "", "NoOp", "not a part"));
    when(ami.showDialplan()).thenReturn(whole);

    Map<String, List<DialplanEntry>> read =
        LoadedDialplan.read(ami, DialplanContexts.of(CapturedDialplan.SETTINGS));

    assertEquals(List.of(STAFF, ROUTE, ABSENCE, PLANNED, CapturedDialplan.PROBE, STAFF + "-codes",
        STAFF + "-p0001", STAFF + "-p0002", STAFF + "-p0003", PLANNED + "-p0001",
        PLANNED + "-p0002", PLANNED + "-p0003", STAFF + "-p0009"),
        List.copyOf(read.keySet()));
    assertEquals(List.of(), read.get(CapturedDialplan.PROBE), "not loaded: empty");
    assertEquals(CapturedDialplan.loaded(2500).get(STAFF + "-p0002"), read.get(STAFF + "-p0002"));
    verify(ami).showDialplan();
    verifyNoMoreInteractions(ami);
  }

  @Test
  void reachableFollowsIncludesInOrderAndTheFirstContextWithAnExtensionWins() {
    Map<String, List<DialplanEntry>> dialplan = new LinkedHashMap<>(CapturedDialplan.loaded(2500));
    // 2201 again in part 3: Asterisk finds it in part 1 first, so this one is never reached.
    List<DialplanEntry> third = new ArrayList<>(dialplan.get(STAFF + "-p0003"));
    third.add(e(STAFF + "-p0003", "2201", 1, "", "Hangup", ""));
    dialplan.put(STAFF + "-p0003", third);
    // A part that is loaded but not included is not reached.
    dialplan.put(STAFF + "-p0004", List.of(e(STAFF + "-p0004", "9999", 1, "", "NoOp", "")));

    List<DialplanEntry> staff = LoadedDialplan.reachable(dialplan, STAFF);

    assertEquals(2500, LoadedDialplan.extensions(staff).size());
    assertTrue(LoadedDialplan.extensions(staff).contains("4700"), "the last part is reached");
    assertFalse(LoadedDialplan.extensions(staff).contains("9999"));
    assertEquals(List.of(e(STAFF + "-p0001", "2201", 1, "", "Gosub",
        "vaxel-it-staff-route,s,1(2201)")), staff.stream()
            .filter(x -> x.extension().equals("2201") && x.priority() == 1).toList());
    assertEquals(List.of(), LoadedDialplan.reachable(dialplan, "not-loaded"));

    LoadedRouting routing = LoadedDialplan.routing(CapturedDialplan.route(),
        CapturedDialplan.absence(), LoadedDialplan.reachable(dialplan, PLANNED), FAMILY);
    assertEquals(2499, routing.planned().size());
    assertEquals(Optional.of("2201"), routing.plannedTarget("4700", IN_ALL_WINDOWS),
        "a window in the last planned part");
  }

  @Test
  void plannedWindowsAreReadPerExtension() {
    LoadedRouting routing = capturedRouting();
    assertEquals(List.of(new LoadedRouting.Window(1795042800L, 1795734000L, "2201")),
        routing.planned().get("2202"));
    assertEquals(Set.of("2202", "2203", "2204", "2205"), routing.planned().keySet());
    assertEquals(Optional.of("2204"), routing.plannedTarget("2203", IN_ALL_WINDOWS));
    assertEquals(Optional.empty(), routing.plannedTarget("2201", IN_ALL_WINDOWS));
    assertEquals(Optional.empty(),
        routing.plannedTarget("2202", Instant.ofEpochSecond(1795734000L)), "end is exclusive");
  }

  @Test
  void severalWindowsKeepTheOrderTheDialplanTriesThem() {
    List<DialplanEntry> planned = List.of(
        e(PLANNED, "2202", 3, "", "ExecIf", "$[${EPOCH} >= 300 & ${EPOCH} < 400]?Return(-)"),
        e(PLANNED, "2202", 1, "", "NoOp", "anna.away"),
        e(PLANNED, "2202", 2, "", "ExecIf", "$[${EPOCH} >= 100 & ${EPOCH} < 200]?Return(2201)"));
    assertEquals(List.of(new LoadedRouting.Window(100, 200, "2201"),
            new LoadedRouting.Window(300, 400, "-")),
        LoadedDialplan.windows(planned).get("2202"));
  }

  @Test
  void windowsTolerateReformattedTemplates() {
    List<DialplanEntry> planned = List.of(e(PLANNED, "2202", 2, "", "execif",
        "$[ ${EPOCH}>=100  &  ${EPOCH}<200 ] ? Return( 2201 )"));
    assertEquals(List.of(new LoadedRouting.Window(100, 200, "2201")),
        LoadedDialplan.windows(planned).get("2202"));
  }

  @Test
  void weeklyWindowsTakeTheWeekOfTheCallInTheZoneTheDialplanComputesItIn() {
    // 2026-01-04T23:30Z is Sunday in week 1 in UTC, Monday 00:30 in week 2 in Stockholm.
    long sundayNightUtc = 1767569400L;
    List<DialplanEntry> planned = List.of(
        e(PLANNED, "2202", 1, "", "NoOp", "anna.away"),
        e(PLANNED, "2202", 2, "", "Set", "LOCAL(week)=${STRFTIME(${EPOCH},Europe/Stockholm,%V)}"),
        e(PLANNED, "2202", 3, "", "ExecIf",
            "$[${EPOCH} >= 100 & ${EPOCH} < 1800000000 & ${REGEX(\"^(02|04)$\" ${week})}]"
                + "?Return(2203)"),
        e(PLANNED, "2202", 4, "", "ExecIf",
            "$[${EPOCH} >= 100 & ${EPOCH} < 1800000000]?Return(2201)"),
        e(PLANNED, "2202", 5, "", "Return", ""));

    LoadedRouting routing = LoadedDialplan.routing(CapturedDialplan.route(),
        CapturedDialplan.absence(), planned, FAMILY);

    java.time.ZoneId stockholm = java.time.ZoneId.of("Europe/Stockholm");
    assertEquals(List.of(new LoadedRouting.Window(100, 1800000000, Set.of(2, 4), stockholm,
        "2203"), new LoadedRouting.Window(100, 1800000000, "2201")),
        routing.planned().get("2202"));
    assertEquals(Optional.of("2203"),
        routing.plannedTarget("2202", Instant.ofEpochSecond(sundayNightUtc)));
    assertEquals(Optional.of("2201"),
        routing.plannedTarget("2202", Instant.ofEpochSecond(sundayNightUtc - 3600)));
  }

  @Test
  void weeklyWindowsWithoutAWeekComputedBeforeThemNeverMatch() {
    List<DialplanEntry> planned = List.of(
        e(PLANNED, "2202", 2, "", "ExecIf",
            "$[${EPOCH} >= 100 & ${EPOCH} < 200 & ${REGEX(\"^(01)$\" ${week})}]?Return(2203)"),
        e(PLANNED, "2202", 3, "", "ExecIf",
            "$[${EPOCH} >= 100 & ${EPOCH} < 200 & ${REGEX(\"^(1|2)$\" ${week})}]?Return(2204)"));

    List<LoadedRouting.Window> windows = LoadedDialplan.windows(planned).get("2202");

    assertEquals(List.of(new LoadedRouting.Window(100, 200, Set.of(1), null, "2203")), windows);
    assertFalse(windows.get(0).contains(Instant.ofEpochSecond(150)));
  }

  @Test
  void otherExecIfsAndPatternExtensionsAreNotWindows() {
    List<DialplanEntry> planned = List.of(
        e(PLANNED, "2202", 2, "", "ExecIf", "$[${EPOCH} >= 100]?Return(2201)"),
        e(PLANNED, "2203", 2, "", "ExecIf", "$[${EPOCH} >= 1 & ${EPOCH} < 2]?Return()"),
        e(PLANNED, "_X.", 2, "", "ExecIf", "$[${EPOCH} >= 1 & ${EPOCH} < 2]?Return(2201)"));
    assertTrue(LoadedDialplan.windows(planned).isEmpty());
  }

  @Test
  void overridesAreHonouredWhenTheAbsenceContextReadsTheOverrideFamily() {
    assertTrue(capturedRouting().overridesHonoured());
  }

  @Test
  void anAbsenceContextThatIgnoresAstDbDoesNotHonourOverrides() {
    List<DialplanEntry> old = List.of(
        e(ABSENCE, "_X.", 1, "planned", "Goto", "vaxel-it-staff-planned,${EXTEN},1"));
    assertFalse(LoadedDialplan.routing(CapturedDialplan.route(), old,
        CapturedDialplan.planned(), FAMILY).overridesHonoured());
    List<DialplanEntry> otherFamily = List.of(e(ABSENCE, "_X.", 1, "", "GotoIf",
        "$[${DB_EXISTS(someone-else/${EXTEN})} = 0]?planned"));
    assertFalse(LoadedDialplan.readsOverrides(otherFamily, FAMILY));
  }

  @Test
  void ringTimeoutsAreTheSecondArgumentOfEveryDial() {
    assertEquals(List.of(5, 5, 5), capturedRouting().ringTimeouts());
  }

  @Test
  void dialWithoutAReadableTimeoutRingsUnbounded() {
    int unbounded = LoadedRouting.UNBOUNDED_RING_TIMEOUT;
    List<DialplanEntry> route = List.of(
        e(ROUTE, "s", 1, "", "Dial", "PJSIP/2201"),
        e(ROUTE, "s", 2, "", "Dial", "PJSIP/2201,${RING}"),
        e(ROUTE, "s", 3, "", "Dial", "PJSIP/2201,,tT"),
        e(ROUTE, "s", 4, "", "Dial", "PJSIP/2201,0"),
        e(ROUTE, "s", 5, "", "Dial", "PJSIP/2201,7.5,tT"),
        e(ROUTE, "s", 6, "", "Dial", "${IF($[1]?PJSIP/a,b:PJSIP/c)},25"));
    assertEquals(List.of(unbounded, unbounded, unbounded, unbounded, 8, 25),
        LoadedDialplan.ringTimeouts(route));
  }

  @Test
  void argumentsSplitOnlyAtTopLevelCommas() {
    assertEquals(List.of("${IF($[${A} = 1]?x,y:z)}", "5", "b\\,c"),
        LoadedDialplan.arguments("${IF($[${A} = 1]?x,y:z)},5,b\\,c"));
  }

  @Test
  void aContextThatIsNotLoadedGivesNoRouting() {
    assertSame(LoadedRouting.NONE,
        LoadedDialplan.routing(List.of(), CapturedDialplan.absence(), CapturedDialplan.planned(), FAMILY));
    assertSame(LoadedRouting.NONE,
        LoadedDialplan.routing(CapturedDialplan.route(), List.of(), CapturedDialplan.planned(), FAMILY));
    assertSame(LoadedRouting.NONE,
        LoadedDialplan.routing(CapturedDialplan.route(), CapturedDialplan.absence(), List.of(), FAMILY));
  }

  private static LoadedRouting capturedRouting() {
    return LoadedDialplan.routing(CapturedDialplan.route(), CapturedDialplan.absence(),
        CapturedDialplan.planned(), FAMILY);
  }

  @Test
  void thePhoneCodesInTheStaffContextAreNobodysExtension() {
    List<DialplanEntry> staff = List.of(
        e(STAFF_CONTEXT, "2201", 1, "", "Gosub", "x"),
        e(STAFF_CONTEXT, "#23#", 1, "", "Gosub", "codes"),
        e(STAFF_CONTEXT, "_*23*X*XXXXXX#", 1, "", "Gosub", "codes"));
    assertEquals(Set.of("2201"), LoadedDialplan.extensions(staff));
  }

  private static final String STAFF_CONTEXT = "vaxel-it-staff-p0001";
}
