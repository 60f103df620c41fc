package se.vaxel.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the last {@code vaxel check --format json} said about one person, for their page: only
 * what the report holds (its time and this person's findings), never a guess. Read on each
 * request: the nightly check replaces the file.
 *
 * @param checkedAt the report's {@code checkedAt}
 * @param findings this person's findings: rule and message
 * @param incomplete what that check could not check, in its words
 */
public record LastCheck(String checkedAt, List<Finding> findings, List<String> incomplete) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public record Finding(String rule, String severity, String message) {}

  /** Whether the report has a finding of {@code rule} for this person. */
  public boolean has(String rule) {
    return findings.stream().anyMatch(f -> f.rule().equals(rule));
  }

  /**
   * The report's view of {@code staffId} of organisation {@code org}; empty when there is no
   * report (not checked yet) or it cannot be read.
   */
  public static Optional<LastCheck> read(Optional<Path> report, String org, String staffId) {
    if (report.isEmpty()) {
      return Optional.empty();
    }
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(report.get()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (root == null || !root.hasNonNull("checkedAt")) {
      return Optional.empty();
    }
    // A per-organisation report names its organisation once, at the top ({"id", "name"}); a
    // platform's report names it on each finding. Either must be this person's organisation,
    // so a same-id person of another organisation never sees these findings.
    String reportOrg = root.path("organisation").path("id").asText(null);
    if (reportOrg != null && !reportOrg.equals(org)) {
      return Optional.empty();
    }
    List<Finding> mine = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      boolean orgMatches = !f.hasNonNull("organisation")
          || f.get("organisation").asText().equals(org);
      if (staffId.equals(f.path("staff").asText(null)) && orgMatches) {
        mine.add(new Finding(f.path("rule").asText(), f.path("severity").asText(),
            f.path("message").asText()));
      }
    }
    List<String> incomplete = new ArrayList<>();
    root.path("summary").path("incomplete").forEach(n -> incomplete.add(n.asText()));
    return Optional.of(new LastCheck(root.get("checkedAt").asText(), mine, incomplete));
  }
}
