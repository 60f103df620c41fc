package se.vaxel.compliance;

/** How bad a deviation is: an error breaks a rule callers meet, a warning weakens one. */
public enum Severity {
  ERROR,
  WARNING;

  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
