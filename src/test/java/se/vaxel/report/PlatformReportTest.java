package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.compliance.CheckResult;

/** The total and the parts of a platform's report (decision 6 of docs/platform.md). */
class PlatformReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Alfa checked completely with nothing found; Beta's greetings could not be probed. */
  private static Report alfaCleanBetaIncomplete() {
    return Report.platform(List.of(
        Report.of(new CheckResult(Fixtures.CHECKED_AT, Fixtures.PBX, 3, Fixtures.RULES,
            List.of(), List.of()), Fixtures.names()).forOrganisation("alfa", Fixtures.ALFA_NAME),
        Report.of(new CheckResult(Fixtures.CHECKED_AT, Fixtures.PBX, 2, Fixtures.RULES,
            List.of(), List.of(Fixtures.INCOMPLETE)), Map.of())
            .forOrganisation("beta", Fixtures.BETA_NAME)));
  }

  @Test
  void theTotalIsNeverCompliantWhenOneOrganisationWasNotReadCompletely() throws Exception {
    Report r = alfaCleanBetaIncomplete();

    assertFalse(r.result().compliant());
    assertEquals(List.of("beta: " + Fixtures.INCOMPLETE), r.result().incomplete());
    assertEquals(NagiosFormatter.Status.UNKNOWN, NagiosFormatter.status(r.result()));
    assertTrue(Format.NAGIOS.render(r).startsWith("VAXEL UNKNOWN - check incomplete"));
    String text = Format.TEXT.render(r);
    assertTrue(text.contains("\nCompliant: 3 people"), "Alfa alone is compliant:\n" + text);
    assertTrue(text.contains("Total: Not compliant: no findings, but the check was incomplete"),
        text);
    String prom = Format.PROMETHEUS.render(r);
    assertTrue(prom.contains("\nvaxel_check_compliant 0\n"), prom);
    assertTrue(prom.contains("vaxel_check_organisation_compliant{organisation=\"alfa\"} 1"), prom);
    assertTrue(prom.contains("vaxel_check_organisation_compliant{organisation=\"beta\"} 0"), prom);
    JsonNode json = JSON.readTree(Format.JSON.render(r));
    assertFalse(json.get("summary").get("compliant").asBoolean());
    assertTrue(json.get("organisations").get(0).get("summary").get("compliant").asBoolean());
    assertFalse(Format.HTML.render(r).contains("status ok\">Compliant: 5"));
  }

  @Test
  void theNagiosFirstLineIsOneLineWithTotalsAndEachOrganisationsPerfdata() {
    String out = Format.NAGIOS.render(Fixtures.platform());
    String first = out.substring(0, out.indexOf('\n'));
    String perfdata = first.substring(first.indexOf(" | ") + 3);

    assertTrue(first.startsWith("VAXEL CRITICAL - 3 errors, 3 warnings in 3 people"), first);
    assertEquals(List.of("errors=3;;0;0", "warnings=3;0;;0", "people=5;;;0", "incomplete=1;;;0",
        "alfa_errors=3;;0;0", "alfa_warnings=2;0;;0", "alfa_people=3;;;0",
        "alfa_incomplete=1;;;0", "beta_errors=0;;0;0", "beta_warnings=1;0;;0",
        "beta_people=2;;;0", "beta_incomplete=0;;;0"), List.of(perfdata.split(" ")));
    assertTrue(out.contains("\n[beta] warning VM-NAME Anna Berg, ext. 4101: "), out);
  }

  @Test
  void sameStaffIdInTwoOrganisationsStaysTwoPeople() throws Exception {
    Report r = Fixtures.platform();

    assertEquals(3, r.peopleWithFindings(), "alfa/anna.berg, alfa/bo.lind, beta/anna.berg");
    JsonNode findings = JSON.readTree(Format.JSON.render(r)).get("findings");
    JsonNode beta = findings.get(findings.size() - 1);
    assertEquals("anna.berg", beta.get("staff").asText(), "staff stays the staff file's id");
    assertEquals("beta", beta.get("organisation").asText());
    assertTrue(Format.JUNIT.render(r).contains("classname=\"beta/anna.berg\" name=\"VM-NAME\">"));
  }

  @Test
  void everyFormatNamesEachOrganisationEscapedForIt() {
    Report r = Fixtures.platform();

    assertTrue(Format.TEXT.render(r).contains("== Beta & <Gamma> \"kommun\" (beta) =="));
    String html = Format.HTML.render(r);
    assertTrue(html.contains("<section id=\"org-beta\">\n<h2>Beta &amp; &lt;Gamma&gt; "
        + "&quot;kommun&quot; <span class=\"id\">beta</span></h2>"), html);
    assertFalse(html.contains("<Gamma>"));
    assertTrue(Format.JUNIT.render(r).contains("value=\"Beta &amp; &lt;Gamma&gt; &quot;kommun"
        + "&quot;\"") || Format.JUNIT.render(r.organisations().get(1)).contains(
            "<property name=\"organisationName\" value=\"Beta &amp; &lt;Gamma&gt;"));
    assertTrue(Format.PROMETHEUS.render(r).contains(
        "vaxel_check_organisation_findings{organisation=\"beta\",rule=\"VM-NAME\","
            + "severity=\"warning\"} 1"));
  }

  @Test
  void anOrganisationsOwnJsonReportServesAsItsBaselineNextNight() throws Exception {
    Report alfa = Fixtures.platform().organisations().get(0);
    Path file = Files.writeString(tmp.resolve("alfa.json"), Format.JSON.render(alfa));

    JsonNode json = JSON.readTree(file.toFile());
    assertEquals("alfa", json.get("organisation").get("id").asText());
    assertEquals("Alfa kommun", json.get("organisation").get("name").asText());
    Baseline read = Baseline.read(file);
    assertEquals(alfa.result().findings(), read.findings());
  }

  @Test
  void aPlatformNeedsLabelledParts() {
    assertThrows(IllegalArgumentException.class, () -> Report.platform(List.of(Fixtures.report())));
    assertThrows(IllegalArgumentException.class, () -> Report.platform(List.of()));
  }
}
