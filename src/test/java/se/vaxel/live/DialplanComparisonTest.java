package se.vaxel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.live.CapturedDialplan.ABSENCE;
import static se.vaxel.live.CapturedDialplan.PLANNED;
import static se.vaxel.live.CapturedDialplan.PLANNED_P1;
import static se.vaxel.live.CapturedDialplan.ROUTE;
import static se.vaxel.live.CapturedDialplan.STAFF;
import static se.vaxel.live.CapturedDialplan.STAFF_P1;
import static se.vaxel.live.CapturedDialplan.e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.model.DialplanContexts;

/** The comparison on entries the real Asterisk listed ({@link CapturedDialplan}). */
class DialplanComparisonTest {

  private static Map<String, List<DialplanEntry>> captured() {
    Map<String, List<DialplanEntry>> out = new LinkedHashMap<>();
    out.put(STAFF, new ArrayList<>(CapturedDialplan.includes(STAFF, 1)));
    out.put(STAFF_P1, new ArrayList<>(CapturedDialplan.staff(5)));
    out.put(ROUTE, new ArrayList<>(CapturedDialplan.route()));
    out.put(ABSENCE, new ArrayList<>(CapturedDialplan.absence()));
    out.put(PLANNED, new ArrayList<>(CapturedDialplan.includes(PLANNED, 1)));
    out.put(PLANNED_P1, new ArrayList<>(CapturedDialplan.planned()));
    return out;
  }

  private static final DialplanContexts OURS = DialplanContexts.of(CapturedDialplan.SETTINGS);

  private static final GeneratedDialplan GENERATED =
      new GeneratedDialplan(CapturedDialplan.FINGERPRINT, captured());

  @Test
  void theSameEntriesInAnotherOrderCompareEqual() {
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.values().forEach(java.util.Collections::reverse);

    assertTrue(DialplanComparison.compare(OURS, GENERATED, loaded).same());
  }

  @Test
  void applicationNamesDifferingInCaseOnlyCompareEqualDataDoesNot() {
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.get(STAFF_P1).set(2, e(STAFF_P1, "2201", 2, "", "HANGUP", ""));
    assertTrue(DialplanComparison.compare(OURS, GENERATED, loaded).same());

    loaded.get(STAFF_P1).set(2, e(STAFF_P1, "2201", 2, "", "Hangup", " "));
    assertEquals(List.of("vaxel-it-staff-p0001 2201,2: loaded Hangup( ), generated Hangup()"),
        describe(DialplanComparison.compare(OURS, GENERATED, loaded)));
  }

  @Test
  void routeThatHangsUpIsADifferenceNamingContextExtensionAndPriority() {
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.get(ROUTE).set(1, e(ROUTE, "s", 1, "", "Hangup", ""));

    assertEquals(List.of(
        "vaxel-it-staff-route s,1: loaded Hangup(), generated Set(LOCAL(ext)=${ARG1})"),
        describe(DialplanComparison.compare(OURS, GENERATED, loaded)));
  }

  @Test
  void anOlderDefinitionLoadedFirstShowsAsItsPrioritiesAndExtraExtensions() {
    // [vaxel-it-staff] from an older extensions.conf ahead of our include: Asterisk kept its
    // 2201,1 and 2299, refused our 2201,1 and added our other priorities.
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.get(STAFF_P1).set(1, e(STAFF_P1, "2201", 1, "", "Dial", "PJSIP/2201,30"));
    loaded.get(STAFF_P1).add(e(STAFF_P1, "2299", 1, "", "Dial", "PJSIP/2299,30"));

    assertEquals(List.of(
        "vaxel-it-staff-p0001 2201,1: loaded Dial(PJSIP/2201,30), generated "
            + "Gosub(vaxel-it-staff-route,s,1(2201))",
        "vaxel-it-staff-p0001 2299,1: loaded Dial(PJSIP/2299,30), not generated"),
        describe(DialplanComparison.compare(OURS, GENERATED, loaded)));
  }

  @Test
  void anIncludeOrSwitchInOurContextIsADifference() {
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.get(ROUTE).add(e(ROUTE, "", DialplanEntry.INCLUDE, "", "from-evil", ""));
    loaded.get(PLANNED).add(e(PLANNED, "", DialplanEntry.SWITCH, "", "Loopback/x@y", ""));

    assertEquals(List.of(
        "vaxel-it-staff-route include => from-evil: loaded it, not generated",
        "vaxel-it-staff-planned switch => Loopback/x@y: loaded it, not generated"),
        describe(DialplanComparison.compare(OURS, GENERATED, loaded)));
  }

  @Test
  void aChangedLabelOrHintIsADifference() {
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.get(ROUTE).set(12, e(ROUTE, "s", 12, "elsewhere", "Set", "VAXEL_ROUTE=switchboard"));
    loaded.get(STAFF_P1).set(0, e(STAFF_P1, "2201", DialplanEntry.HINT, "", "PJSIP/2201", ""));

    assertEquals(List.of(
        "vaxel-it-staff-p0001 2201,hint: loaded PJSIP/2201, generated "
            + "Local/2201@vaxel-test-phones,CustomPresence:2201",
        "vaxel-it-staff-route s,12: loaded (elsewhere) Set(VAXEL_ROUTE=switchboard), generated "
            + "(switchboard) Set(VAXEL_ROUTE=switchboard)"),
        describe(DialplanComparison.compare(OURS, GENERATED, loaded)));
  }

  @Test
  void aMissingContextIsOneDifferenceAMissingPriorityAnother() {
    Map<String, List<DialplanEntry>> loaded = captured();
    loaded.put(ABSENCE, List.of());
    loaded.put(PLANNED_P1, new ArrayList<>(loaded.get(PLANNED_P1).subList(1, 13)));

    assertEquals(List.of("context vaxel-it-staff-absence is not loaded",
        "vaxel-it-staff-planned-p0001 2202,1: missing, generated NoOp(anna.away)"),
        describe(DialplanComparison.compare(OURS, GENERATED, loaded)));
  }

  @Test
  void aGeneratedContextThatIsNotOursIsADifferenceThoughNothingLoadedIsRead() {
    Map<String, List<DialplanEntry>> generated = captured();
    generated.put("vaxel-it-extra", List.of(e("vaxel-it-extra", "1", 1, "", "System", "true")));

    assertEquals(List.of(
        "context vaxel-it-extra is generated but is not one of vaxel's contexts"),
        describe(DialplanComparison.compare(OURS,
            new GeneratedDialplan(CapturedDialplan.FINGERPRINT, generated), captured())));
  }

  @Test
  void aGeneratedPartThatIsNotLoadedIsNotLoadedAndALeftoverPartIsExtra() {
    String part1 = STAFF_P1;
    String part2 = STAFF + "-p0002";
    Map<String, List<DialplanEntry>> generated = captured();
    generated.put(STAFF, List.of(e(STAFF, "", DialplanEntry.INCLUDE, "", part1, ""),
        e(STAFF, "", DialplanEntry.INCLUDE, "", part2, "")));
    generated.put(part1, List.of(e(part1, "2201", 1, "", "NoOp", "")));
    generated.put(part2, List.of(e(part2, "3201", 1, "", "NoOp", "")));
    Map<String, List<DialplanEntry>> loaded = new LinkedHashMap<>(generated);
    loaded.remove(part2);
    String leftover = STAFF + "-p0003";
    loaded.put(leftover, List.of(e(leftover, "4201", 1, "", "NoOp", "")));

    assertEquals(List.of("context vaxel-it-staff-p0002 is not loaded",
        "vaxel-it-staff-p0003 4201,1: loaded NoOp(), not generated"),
        describe(DialplanComparison.compare(OURS,
            new GeneratedDialplan(CapturedDialplan.FINGERPRINT, generated), loaded)));
  }

  @Test
  void hintsLoadedWhereNoneAreGeneratedAreExtra() {
    Map<String, List<DialplanEntry>> generated = captured();
    generated.get(STAFF_P1).removeIf(DialplanEntry::isHint);

    DialplanComparison.Result result = DialplanComparison.compare(OURS,
        new GeneratedDialplan(CapturedDialplan.FINGERPRINT, generated), captured());

    assertEquals(5, result.count());
    assertEquals("vaxel-it-staff-p0001 2201,hint: loaded "
        + "Local/2201@vaxel-test-phones,CustomPresence:2201, not generated",
        result.differences().get(0).describe());
  }

  @Test
  void theFirstTwentyDifferencesAreKeptAndAllCounted() {
    Map<String, List<DialplanEntry>> loaded = captured();
    for (int i = 0; i < 1000; i++) {
      loaded.get(STAFF_P1).add(e(STAFF_P1, Integer.toString(3000 + i), 1, "", "NoOp", ""));
    }

    DialplanComparison.Result result = DialplanComparison.compare(OURS, GENERATED, loaded);

    assertEquals(1000, result.count());
    assertEquals(DialplanComparison.DETAIL_LIMIT, result.differences().size());
    assertEquals("vaxel-it-staff-p0001 3000,1: loaded NoOp(), not generated",
        result.differences().get(0).describe());
  }

  private static List<String> describe(DialplanComparison.Result result) {
    assertEquals(result.differences().size(), result.count());
    return result.differences().stream().map(DialplanComparison.Difference::describe).toList();
  }
}
