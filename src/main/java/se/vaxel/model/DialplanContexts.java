package se.vaxel.model;

import java.util.List;

/**
 * The names the generated dialplan and its readers (apply, check, absence) must agree on for
 * one organisation: the contexts vaxel owns, all derived from {@code asterisk.dialplan-context},
 * and the AstDB families the dialplan reads and writes. The one owner of those names.
 *
 * @param overrideFamily AstDB family of the switchboard's live absences; key = extension
 * @param probeFamily AstDB family where the greeting probe of {@code vaxel check} leaves its
 *     results
 */
public record DialplanContexts(
    String staff, String route, String absence, String planned, String probe,
    String overrideFamily, String probeFamily) {

  /** The suffix that {@link #familyPrefix} drops, so the single-organisation names stay. */
  private static final String STAFF_SUFFIX = "-staff";

  /** Every context vaxel owns, in the order the generated file defines them. */
  public List<String> all() {
    return List.of(staff, route, absence, planned, probe);
  }

  /**
   * The families are named after the dialplan context without its "-staff": {@code vaxel-staff}
   * (the single-organisation default) keeps {@code vaxel-absence} and {@code vaxel-probe}, which
   * earlier vaxel versions used, and {@code vaxel-umea-staff} gets {@code vaxel-umea-absence}.
   * Two organisations on one PBX therefore need distinct dialplan contexts, which the platform
   * validation demands (docs/platform.md).
   */
  public static DialplanContexts of(AsteriskSettings settings) {
    String base = settings.dialplanContext();
    String prefix = familyPrefix(base);
    return new DialplanContexts(base, base + "-route", base + "-absence", base + "-planned",
        base + "-probe", prefix + "-absence", prefix + "-probe");
  }

  static String familyPrefix(String dialplanContext) {
    return dialplanContext.endsWith(STAFF_SUFFIX) && dialplanContext.length() > STAFF_SUFFIX.length()
        ? dialplanContext.substring(0, dialplanContext.length() - STAFF_SUFFIX.length())
        : dialplanContext;
  }
}
