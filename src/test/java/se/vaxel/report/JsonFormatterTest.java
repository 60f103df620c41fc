package se.vaxel.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import se.vaxel.compliance.Finding;
import se.vaxel.compliance.Severity;

class JsonFormatterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void keysAreTheDocumentedSchemaInItsOrder() throws Exception {
    JsonNode root = JSON.readTree(Format.JSON.render(Fixtures.report()));

    assertEquals(List.of("checkedAt", "pbx", "summary", "findings"), keys(root));
    assertEquals(List.of("people", "errors", "warnings", "compliant", "incomplete"),
        keys(root.get("summary")));
    for (JsonNode f : root.get("findings")) {
      assertEquals(List.of("rule", "severity", "staff", "extension", "message"), keys(f));
    }
    assertEquals("2026-11-21T02:00:00Z", root.get("checkedAt").asText());
    assertEquals(3, root.get("summary").get("errors").asInt());
    assertEquals(2, root.get("summary").get("warnings").asInt());
    assertFalse(root.get("summary").get("compliant").asBoolean());
  }

  @Test
  void withABaselineEachFindingHasAStatusAndTheResolvedAreListed() throws Exception {
    JsonNode root = JSON.readTree(Format.JSON.render(Fixtures.withBaseline()));

    assertEquals(List.of("checkedAt", "pbx", "summary", "findings", "resolved"), keys(root));
    for (JsonNode f : root.get("findings")) {
      assertEquals(List.of("rule", "severity", "staff", "extension", "message", "status"),
          keys(f));
    }
    assertEquals("bo.lind", root.get("resolved").get(0).get("staff").asText());
    assertEquals(1, root.get("resolved").size());
  }

  @Test
  void orphansAndPbxWideFindingsHaveNullStaff() throws Exception {
    JsonNode findings = JSON.readTree(Format.JSON.render(Fixtures.report())).get("findings");
    JsonNode stale = findings.get(0);
    JsonNode orphan = findings.get(4);

    assertEquals("VM-ORPHAN", orphan.get("rule").asText());
    assertTrue(orphan.get("staff").isNull());
    assertEquals("2199", orphan.get("extension").asText());
    assertTrue(stale.get("staff").isNull());
    assertTrue(stale.get("extension").isNull());
    assertEquals("error", stale.get("severity").asText());
  }

  @Test
  void anyTextSurvivesTheRoundTrip() throws Exception {
    String awkward = "<&>\"' \\ \n\t\u0001 Åsa Öberg \uD83D\uDCDE";
    Report report = Fixtures.report(List.of(
        new Finding("VM-NAME", Severity.WARNING, "asa.oberg", "2104", awkward)), List.of(awkward));

    String json = Format.JSON.render(report);
    JsonNode root = JSON.readTree(json);

    assertEquals(awkward, root.get("findings").get(0).get("message").asText());
    assertEquals(awkward, root.get("summary").get("incomplete").get(0).asText());
    assertFalse(json.contains("\u0001"), "control characters are escaped");
  }

  @Test
  void aCompleteRunWithoutFindingsIsCompliantAndAnIncompleteOneNot() throws Exception {
    JsonNode clean = JSON.readTree(Format.JSON.render(Fixtures.report(List.of(), List.of())));
    JsonNode incomplete = JSON.readTree(
        Format.JSON.render(Fixtures.report(List.of(), List.of(Fixtures.INCOMPLETE))));

    assertTrue(clean.get("summary").get("compliant").asBoolean());
    assertEquals(0, clean.get("findings").size());
    assertFalse(incomplete.get("summary").get("compliant").asBoolean());
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    node.fieldNames().forEachRemaining(keys::add);
    return keys;
  }
}
