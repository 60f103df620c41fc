package se.vaxel.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path dir;

  @Test
  void appendsOneJsonObjectALineAndNeverRewrites() throws Exception {
    Path file = dir.resolve("log/audit.jsonl");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"earlier\":true}\n");
    AuditLog log = new AuditLog(file);
    log.append(Instant.parse("2026-11-30T10:00:00Z"), "op", "absence-set", "o/anna", null,
        Map.of("reason", "semester"));
    log.append(Instant.parse("2026-11-30T10:05:00Z"), "anna", "absence-clear", "o/anna",
        Map.of("reason", "semester"), null);
    List<String> lines = Files.readAllLines(file);
    assertEquals(3, lines.size());
    assertEquals("{\"earlier\":true}", lines.get(0));
    JsonNode first = new ObjectMapper().readTree(lines.get(1));
    assertEquals("2026-11-30T10:00:00Z", first.get("time").asText());
    assertEquals("op", first.get("who").asText());
    assertEquals("absence-set", first.get("what").asText());
    assertTrue(first.get("before").isNull());
    assertEquals("semester", first.get("after").get("reason").asText());
    JsonNode second = new ObjectMapper().readTree(lines.get(2));
    assertEquals("semester", second.get("before").get("reason").asText());
    assertTrue(second.get("after").isNull());
  }
}
