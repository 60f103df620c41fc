package se.vaxel.model;

import java.util.List;

/**
 * The names the generated dialplan and its readers (apply, check) must agree on: the contexts
 * vaxel owns, all derived from {@code asterisk.dialplan-context}, and the AstDB families the
 * dialplan reads and writes.
 */
public record DialplanContexts(
    String staff, String route, String absence, String planned, String probe) {

  /** AstDB family of the switchboard's live absences; key = extension. */
  public static final String OVERRIDE_FAMILY = "vaxel-absence";

  /** AstDB family where the greeting probe of {@code vaxel check} leaves its results. */
  public static final String PROBE_FAMILY = "vaxel-probe";

  /** Every context vaxel owns, in the order the generated file defines them. */
  public List<String> all() {
    return List.of(staff, route, absence, planned, probe);
  }

  public static DialplanContexts of(AsteriskSettings settings) {
    String base = settings.dialplanContext();
    return new DialplanContexts(base, base + "-route", base + "-absence", base + "-planned",
        base + "-probe");
  }
}
