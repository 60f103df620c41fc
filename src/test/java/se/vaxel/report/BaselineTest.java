package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class BaselineTest {
  @TempDir
  Path dir;

  @Test
  void jsonReportReadsBackAsItsOwnBaseline() throws Exception {
    Report report = Fixtures.report();
    Baseline baseline = Baseline.read(write(Format.JSON.render(report)));

    assertEquals(Fixtures.CHECKED_AT, baseline.checkedAt());
    assertEquals(Fixtures.PBX, baseline.pbx());
    assertEquals(report.findings(), baseline.findings());
  }

  @Test
  void reportMadeWithABaselineServesAsTheNextBaseline() throws Exception {
    Report report = Fixtures.withBaseline();
    Baseline baseline = Baseline.read(write(Format.JSON.render(report)));

    assertEquals(report.findings(), baseline.findings(), "status and resolved are not findings");
  }

  @Test
  void tonightsFindingsAreNewOrKnownAndTheGoneOnesResolved() {
    Baseline.Comparison c = Fixtures.lastNight().compare(Fixtures.night().findings());

    assertFalse(c.isNew(Fixtures.ANNA_GREETING));
    assertFalse(c.isNew(Fixtures.ORPHAN));
    assertTrue(c.isNew(Fixtures.ANNA_NAME));
    assertTrue(c.isNew(Fixtures.BO_MISSING));
    assertTrue(c.isNew(Fixtures.STALE));
    assertEquals("known", c.status(Fixtures.ORPHAN));
    assertEquals("new", c.status(Fixtures.STALE));
    assertEquals(List.of(Fixtures.BO_NAME_BEFORE), c.resolved());
    assertEquals(Instant.parse("2026-11-20T02:00:00Z"), c.since());
  }

  @Test
  void aFindingWhoseMessageChangedIsStillKnown() {
    Finding reworded = new Finding("GREETING-MISSING", Severity.ERROR, "anna.berg", "2102",
        "still no unavailable greeting");
    Baseline.Comparison c = Fixtures.lastNight().compare(List.of(reworded));

    assertFalse(c.isNew(reworded));
    assertEquals(List.of(Fixtures.BO_NAME_BEFORE, Fixtures.ORPHAN), c.resolved());
  }

  @Test
  void malformedJsonIsReportedWithFileLineAndColumn() throws IOException {
    Path file = write("""
        {
          "checkedAt": "2026-11-21T02:00:00Z",
          "pbx": "pbx"
          "findings": []
        }
        """);

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertTrue(e.getMessage().startsWith(file + ":4:3: "), e.getMessage());
    assertTrue(e.getMessage().contains("was expecting comma"), e.getMessage());
  }

  @Test
  void everySchemaProblemIsReportedAtItsPlace() throws IOException {
    Path file = write("""
        {
          "checkedAt": "yesterday",
          "pbx": "pbx",
          "findings": [
            {"rule": "VM-NAME", "severity": "fatal", "staff": null, "extension": null,
             "message": "m"},
            {"severity": "error", "staff": 7, "extension": null, "message": "m"},
            "VM-MISSING"
          ]
        }
        """);

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertEquals(file + " is not a report of vaxel check --format json:\n"
        + file + ":2:16: \"checkedAt\" must be an ISO-8601 instant such as "
        + "2026-11-21T02:00:00Z, not \"yesterday\"\n"
        + file + ":5:37: \"severity\" must be \"error\" or \"warning\", not \"fatal\"\n"
        + file + ":7:36: \"staff\" must be a string or null\n"
        + file + ":7:5: missing \"rule\"\n"
        + file + ":8:5: a finding must be an object", e.getMessage());
  }

  @Test
  void aReportMissingItsKeysIsNotABaseline() throws IOException {
    Path file = write("{\"summary\": {}}");

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertTrue(e.getMessage().contains(file + ":1:1: missing \"checkedAt\""), e.getMessage());
    assertTrue(e.getMessage().contains(file + ":1:1: missing \"pbx\""), e.getMessage());
    assertTrue(e.getMessage().contains(file + ":1:1: missing \"findings\""), e.getMessage());
  }

  @Test
  void jsonThatIsNotAnObjectIsNotABaseline() throws IOException {
    Path file = write("\n  [1, 2]");

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertTrue(e.getMessage().startsWith(file + ":2:3: expected a JSON object"), e.getMessage());
  }

  @Test
  void anEmptyFileIsNotABaseline() throws IOException {
    Path file = write("");

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertTrue(e.getMessage().startsWith(file + ":"), e.getMessage());
    assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
  }

  @Test
  void aMissingFileIsNamed() {
    Path file = dir.resolve("nowhere.json");

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertTrue(e.getMessage().startsWith(file + ": cannot read the baseline"), e.getMessage());
  }

  @Test
  void aDuplicateKeyIsRejected() throws IOException {
    Path file = write("{\"pbx\": \"a\", \"pbx\": \"b\"}");

    BaselineException e = assertThrows(BaselineException.class, () -> Baseline.read(file));

    assertTrue(e.getMessage().startsWith(file + ":1:"), e.getMessage());
    assertTrue(e.getMessage().contains("Duplicate field 'pbx'"), e.getMessage());
  }

  @Test
  void unknownKeysOfALaterVersionAreSkipped() throws Exception {
    Path file = write("""
        {"version": 2, "checkedAt": "2026-11-21T02:00:00Z", "pbx": "pbx",
         "findings": [{"rule": "VM-NAME", "severity": "warning", "staff": "a", "extension": "1",
                       "message": "m", "owner": {"team": ["it"]}}]}
        """);

    assertEquals(List.of(new Finding("VM-NAME", Severity.WARNING, "a", "1", "m")),
        Baseline.read(file).findings());
  }

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("baseline.json"), content);
  }
}
