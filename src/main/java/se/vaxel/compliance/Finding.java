package se.vaxel.compliance;

import java.util.Objects;

/**
 * One deviation from the rules, for one person (or for nobody in staff.yaml: an orphan, or the
 * PBX as a whole).
 *
 * @param staffId null for orphans and PBX-wide findings
 * @param extension null where no extension is concerned
 */
public record Finding(
    String rule, Severity severity, String staffId, String extension, String message) {

  public Finding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  /** What makes two findings "the same" across runs, for --baseline. */
  public String key() {
    return rule + "|" + (staffId == null ? "" : staffId) + "|"
        + (extension == null ? "" : extension);
  }
}
