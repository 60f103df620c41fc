package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class NagiosFormatterTest {
  private static final String FIRST_LINE = "VAXEL (OK|WARNING|CRITICAL|UNKNOWN) - [^|\n]+ \\| "
      + "errors=\\d+;;0;0 warnings=\\d+;0;;0 people=\\d+;;;0 incomplete=\\d+;;;0";

  @Test
  void noFindingsIsOk() {
    assertStatus(NagiosFormatter.Status.OK, 0, List.of(), List.of(),
        "VAXEL OK - 3 people compliant | errors=0;;0;0 warnings=0;0;;0 people=3;;;0 "
            + "incomplete=0;;;0");
  }

  @Test
  void onlyWarningsIsWarning() {
    assertStatus(NagiosFormatter.Status.WARNING, 1, List.of(Fixtures.ANNA_NAME), List.of(),
        "VAXEL WARNING - 0 errors, 1 warning in 1 person | errors=0;;0;0 warnings=1;0;;0 "
            + "people=3;;;0 incomplete=0;;;0");
  }

  @Test
  void anyErrorIsCritical() {
    assertStatus(NagiosFormatter.Status.CRITICAL, 2,
        List.of(Fixtures.ANNA_NAME, Fixtures.STALE), List.of(),
        "VAXEL CRITICAL - 1 error, 1 warning in 1 person and the PBX | errors=1;;0;0 "
            + "warnings=1;0;;0 people=3;;;0 incomplete=0;;;0");
  }

  @Test
  void anIncompleteCheckIsUnknown() {
    assertStatus(NagiosFormatter.Status.UNKNOWN, 3, List.of(), List.of(Fixtures.INCOMPLETE),
        "VAXEL UNKNOWN - check incomplete, nothing found in what could be checked | "
            + "errors=0;;0;0 warnings=0;0;;0 people=3;;;0 incomplete=1;;;0");
  }

  @Test
  void anIncompleteCheckWithWarningsIsStillUnknown() {
    assertStatus(NagiosFormatter.Status.UNKNOWN, 3, List.of(Fixtures.ORPHAN),
        List.of(Fixtures.INCOMPLETE),
        "VAXEL UNKNOWN - 0 errors, 1 warning in the PBX; check incomplete | errors=0;;0;0 "
            + "warnings=1;0;;0 people=3;;;0 incomplete=1;;;0");
  }

  @Test
  void aKnownErrorStaysCriticalWhenTheCheckIsIncomplete() {
    assertEquals(NagiosFormatter.Status.CRITICAL, NagiosFormatter.status(Fixtures.night()));
  }

  @Test
  void aPipeInAMessageDoesNotStartPerformanceData() {
    Finding piped = new Finding("VM-NAME", Severity.WARNING, "anna.berg", "2102",
        "name is \"A|B\"\nsecond line");

    String[] lines = Format.NAGIOS.render(Fixtures.report(List.of(piped), List.of()))
        .split("\n");

    assertEquals(2, lines.length);
    assertTrue(lines[0].matches(FIRST_LINE), lines[0]);
    assertEquals("warning VM-NAME Anna Berg, ext. 2102: name is \"A/B\"\\x0asecond line",
        lines[1]);
  }

  @Test
  void longOutputIsCutShortForNagiosBuffers() {
    List<Finding> many = IntStream.range(0, 60).mapToObj(i -> new Finding("VM-ORPHAN",
        Severity.WARNING, null, Integer.toString(3000 + i), "orphan")).toList();

    String[] lines = Format.NAGIOS.render(Fixtures.report(many, List.of())).split("\n");

    assertEquals(1 + NagiosFormatter.LONG_OUTPUT_LINES + 1, lines.length);
    assertEquals("... and 10 more; see the full report", lines[lines.length - 1]);
  }

  private static void assertStatus(NagiosFormatter.Status status, int exitCode,
      List<Finding> findings, List<String> incomplete, String firstLine) {
    Report report = Fixtures.report(findings, incomplete);
    String[] lines = Format.NAGIOS.render(report).split("\n");

    assertEquals(status, NagiosFormatter.status(report.result()));
    assertEquals(exitCode, NagiosFormatter.status(report.result()).exitCode());
    assertEquals(firstLine, lines[0]);
    assertTrue(lines[0].matches(FIRST_LINE), lines[0]);
    assertEquals(1 + findings.size() + incomplete.size(), lines.length);
    for (int i = 1; i < lines.length; i++) {
      assertFalse(lines[i].contains("|"), lines[i]);
    }
  }
}
