package se.vaxel.compliance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import se.vaxel.live.Snapshot.Greeting;

class ComplianceTest {
  private final Compliance compliance = new Compliance();

  @Test
  void snapshotOfWhatStaffYamlGeneratesHasNoFindings() {
    Fixture f = Fixture.compliant();
    f.liveAway("2102", Fixture.at("2026-07-29T16:00"), "2103", "bo.lind");

    CheckResult result = compliance.run(f.input());

    assertEquals(List.of(), result.findings());
    assertTrue(result.compliant());
    assertEquals(4, result.people());
    assertEquals("127.0.0.1:5038", result.pbx());
    assertEquals(Fixture.NOW, result.checkedAt());
    assertEquals(Compliance.rules(), result.rules());
  }

  @Test
  void snapshotOfWhatStaffYamlGeneratesHasNoFindingsAtAnyPointOfAnAbsence() {
    // Before, at the start, at the weekly contact's Monday, on the last day, at the end, after.
    for (String moment : List.of("2026-07-19T23:59", "2026-07-20T00:00", "2026-07-27T00:00",
        "2026-08-09T23:59", "2026-08-10T00:00", "2026-08-12T09:00")) {
      Fixture f = Fixture.compliant(Fixture.staff(Fixture.STAFF), Fixture.at(moment));

      assertEquals(List.of(), compliance.run(f.input()).findings(), moment);
    }
  }

  @Test
  void rulesHaveUniqueIdsInReadmeOrder() {
    List<String> ids = Compliance.rules().stream().map(Rule::id).toList();

    assertEquals(List.of("VM-MISSING", "VM-NAME", "VM-EMAIL", "VM-ORPHAN", "GREETING-MISSING",
        "ABSENCE-NOT-ROUTED", "ABSENCE-ALTERNATE-UNAVAILABLE", "ABSENCE-NO-TEMP-GREETING",
        "ANNOUNCEMENT-MISSING",
        "DIALPLAN-STALE", "ENDPOINT-UNREACHABLE", "RING-TIMEOUT", "MAILBOX-FULL",
        "VOICEMAIL-UNANSWERED", "CALENDAR-NOT-SYNCED"), ids);
    assertEquals(ids.size(), new HashSet<>(ids).size());
  }

  @Test
  void everyRuleDescribesItselfInOneLine() {
    for (Rule rule : Compliance.rules()) {
      String description = rule.description();
      assertFalse(description.isBlank(), rule.id());
      assertFalse(description.contains("\n"), rule.id());
      assertTrue(description.length() <= 100, () -> rule.id() + ": " + description);
    }
  }

  @Test
  void findingsReadPbxFirstThenPerPersonInStaffOrderThenOrphans() {
    Fixture f = Fixture.compliant();
    f.mailboxes.put("2199", Fixture.mailbox("2199", "Olle Gammal", ""));
    f.mailboxes.remove("2103");
    f.mailboxes.put("2102", Fixture.mailbox("2102", "Anna Bergström", "anna@gammal.se"));
    f.greetings.put("2101", new Greeting(false, false, Optional.empty()));
    f.ringTimeouts.add(60);
    f.loaded("vaxel-staff-route", "s", 1, "Hangup", "");

    List<String> order = compliance.run(f.input()).findings().stream()
        .map(x -> x.rule() + " " + x.staffId() + " " + x.extension()).toList();

    assertEquals(List.of(
        "DIALPLAN-STALE null null",
        "RING-TIMEOUT null null",
        "GREETING-MISSING calle.carlsson 2101",
        "ABSENCE-NO-TEMP-GREETING calle.carlsson 2101",
        "VM-NAME anna.berg 2102",
        "VM-EMAIL anna.berg 2102",
        "VM-MISSING bo.lind 2103",
        "VM-ORPHAN null 2199"), order);
  }

  @Test
  void checkThatCouldNotReadEverythingIsNeverCompliant() {
    Fixture f = Fixture.compliant();
    f.greetings = null;
    f.incomplete.add("the greeting probe did not finish within 10 s");

    CheckResult result = compliance.run(f.input());

    assertEquals(List.of(), result.findings());
    assertEquals(List.of("the greeting probe did not finish within 10 s"), result.incomplete());
    assertFalse(result.compliant());
  }
}
