package se.vaxel.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LastCheckTest {
  @TempDir Path dir;

  private Path report(String json) throws Exception {
    Path p = dir.resolve("check.json");
    Files.writeString(p, json);
    return p;
  }

  @Test
  void perOrganisationReportIsOnlyItsOwnOrganisations() throws Exception {
    Path p = report("{\"checkedAt\":\"2026-11-30T02:00:00Z\","
        + "\"organisation\":{\"id\":\"alfa\",\"name\":\"Alfa kommun\"},"
        + "\"findings\":[{\"rule\":\"GREETING-MISSING\",\"severity\":\"error\","
        + "\"message\":\"no greeting\",\"staff\":\"anna\"}]}");
    assertEquals(1, LastCheck.read(Optional.of(p), "alfa", "anna").orElseThrow()
        .findings().size());
    // A same-id person of another organisation: nothing of alfa's report is theirs.
    assertTrue(LastCheck.read(Optional.of(p), "beta", "anna").isEmpty());
  }

  @Test
  void platformReportMatchesEachFindingsOrganisation() throws Exception {
    Path p = report("{\"checkedAt\":\"2026-11-30T02:00:00Z\",\"findings\":["
        + "{\"rule\":\"A\",\"severity\":\"error\",\"message\":\"m\",\"staff\":\"anna\","
        + "\"organisation\":\"alfa\"},"
        + "{\"rule\":\"B\",\"severity\":\"error\",\"message\":\"m\",\"staff\":\"anna\","
        + "\"organisation\":\"beta\"}]}");
    LastCheck beta = LastCheck.read(Optional.of(p), "beta", "anna").orElseThrow();
    assertEquals(1, beta.findings().size());
    assertEquals("B", beta.findings().get(0).rule());
  }
}
