package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.CheckResult;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class PrometheusFormatterTest {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final String VALUE = "\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
  private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=" + VALUE;
  private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) (" + NAME + ") (.+)");
  private static final Pattern SAMPLE = Pattern.compile(
      "(" + NAME + ")(\\{" + LABEL + "(?:," + LABEL + ")*})? (-?[0-9]+(?:\\.[0-9]+)?)");

  @Test
  void everyLineIsAValidCommentOrSampleOfADeclaredGauge() {
    String text = Format.PROMETHEUS.render(Fixtures.report());

    assertTrue(text.endsWith("\n"), "the textfile collector wants a final newline");
    List<String> declared = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher comment = COMMENT.matcher(line);
      Matcher sample = SAMPLE.matcher(line);
      if (comment.matches()) {
        if (comment.group(1).equals("TYPE")) {
          assertEquals("gauge", comment.group(3), line);
          declared.add(comment.group(2));
        }
      } else {
        assertTrue(sample.matches(), () -> "not exposition format: " + line);
        assertEquals(declared.get(declared.size() - 1), sample.group(1),
            () -> "sample before its TYPE: " + line);
      }
    }
    assertEquals(List.of("vaxel_check_findings", "vaxel_check_people", "vaxel_check_compliant",
        "vaxel_check_incomplete", "vaxel_check_failed", "vaxel_check_timestamp_seconds"),
        declared);
    assertTrue(text.contains("\nvaxel_check_failed 0\n"), text);
  }

  @Test
  void aCheckThatCouldNotRunIsFailedNotCompliantAndSaysWhyInAComment() {
    String text = Format.PROMETHEUS.render(Report.couldNotCheck(
        Instant.parse("2026-11-21T02:00:00Z"), "pbx:5038", 16,
        "cannot reach the AMI at pbx:5038:\nConnection refused"));

    assertTrue(text.startsWith("# could not check: cannot reach the AMI at pbx:5038:\\x0a"
        + "Connection refused\n"), text);
    assertTrue(text.contains("\nvaxel_check_compliant 0\n"), text);
    assertTrue(text.contains("\nvaxel_check_incomplete 1\n"), text);
    assertTrue(text.contains("\nvaxel_check_failed 1\n"), text);
    assertTrue(text.contains("\nvaxel_check_findings{rule=\"VM-MISSING\",severity=\"error\"} 0\n"),
        "every rule keeps its series: " + text);
  }

  @Test
  void everyRuleThatRanHasALineEvenWithNothingFound() {
    String text = Format.PROMETHEUS.render(Fixtures.report());

    assertTrue(text.contains(
        "\nvaxel_check_findings{rule=\"MAILBOX-FULL\",severity=\"error\"} 0\n"));
    assertTrue(text.contains(
        "\nvaxel_check_findings{rule=\"VM-ORPHAN\",severity=\"warning\"} 1\n"));
    assertEquals(Fixtures.RULES.size(), text.lines()
        .filter(l -> l.startsWith("vaxel_check_findings{")).count());
  }

  @Test
  void compliantAndIncompleteAreZeroOrOne() {
    String clean = Format.PROMETHEUS.render(Fixtures.report(List.of(), List.of()));
    String incomplete = Format.PROMETHEUS.render(
        Fixtures.report(List.of(), List.of(Fixtures.INCOMPLETE)));

    assertTrue(clean.contains("\nvaxel_check_compliant 1\n"));
    assertTrue(clean.contains("\nvaxel_check_incomplete 0\n"));
    assertTrue(incomplete.contains("\nvaxel_check_compliant 0\n"));
    assertTrue(incomplete.contains("\nvaxel_check_incomplete 1\n"));
    assertTrue(clean.contains("\nvaxel_check_people 3\n"));
  }

  @Test
  void theTimestampIsUnixSecondsWithMillisecondsWhenThereAreAny() {
    CheckResult r = new CheckResult(Instant.parse("2026-11-21T02:00:00.250Z"), "pbx", 0,
        List.of(), List.of(), List.of());

    assertTrue(Format.PROMETHEUS.render(Report.of(r, Map.of()))
        .endsWith("\nvaxel_check_timestamp_seconds 1795226400.25\n"));
    assertTrue(Format.PROMETHEUS.render(Fixtures.report())
        .endsWith("\nvaxel_check_timestamp_seconds 1795226400\n"));
  }

  @Test
  void labelValuesAreEscaped() {
    Finding odd = new Finding("A\"B\\C\nD", Severity.WARNING, null, null, "odd rule id");

    String text = Format.PROMETHEUS.render(Fixtures.report(List.of(odd), List.of()));

    String line = "vaxel_check_findings{rule=\"A\\\"B\\\\C\\nD\",severity=\"warning\"} 1";
    assertTrue(text.contains("\n" + line + "\n"), text);
    assertTrue(SAMPLE.matcher(line).matches());
  }
}
