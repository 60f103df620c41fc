package se.vaxel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names the generated dialplan and its readers (apply, check, absence) must agree on for
 * one organisation: the contexts vaxel owns, all derived from {@code asterisk.dialplan-context},
 * and the AstDB families the dialplan reads and writes. The one owner of those names.
 *
 * <p>The two contexts with one extension per person, {@link #staff()} and {@link #planned()},
 * hold no extensions themselves: they {@code include =>} parts of at most {@link #PART_SIZE}
 * extensions each, named {@code BASE-p0001}, {@code BASE-p0002}, ... ({@link #part}). Asterisk
 * adds an extension to a context in time proportional to the extensions already there, so one
 * context of 20,000 extensions took 3.0 s to load and the same split into parts of 1,000 took
 * 0.17 s (docs/apply.md). Calls still go to the base context; Asterisk follows the includes.
 *
 * @param codes the subroutines behind the staff's feature codes ({@code *23*}, {@code #23#},
 *     {@code *24*}, {@code #24*}; docs/phone-codes.md), which the staff context dials
 * @param overrideFamily AstDB family of the switchboard's live absences; key = extension
 * @param probeFamily AstDB family where the greeting probe of {@code vaxel check} leaves its
 *     results
 */
public record DialplanContexts(
    String staff, String route, String absence, String planned, String probe, String codes,
    String overrideFamily, String probeFamily) {

  /** The suffix that {@link #familyPrefix} drops, so the single-organisation names stay. */
  private static final String STAFF_SUFFIX = "-staff";

  /** The most extensions one part of {@link #staff()} or {@link #planned()} holds. */
  public static final int PART_SIZE = 1000;

  /** What a part's name adds to its base: "-p" and at least four digits. */
  private static final Pattern PART_SUFFIX = Pattern.compile("-p[0-9]{4,}");

  /**
   * The longest suffix a generated context adds to {@code dialplan-context}: a part of the
   * planned context, "-planned-p0001". Asterisk keeps 79 characters of a context name.
   */
  public static final int LONGEST_SUFFIX = "-planned-p0001".length();

  /**
   * The contexts whose names do not depend on the number of people, in the order the generated
   * file defines them. The parts of {@link #staff()} and {@link #planned()} are ours too; see
   * {@link #owns(String)}.
   */
  public List<String> all() {
    return List.of(staff, route, absence, planned, probe, codes);
  }

  /** Part {@code number} (from 1) of {@code base}: e.g. {@code vaxel-staff-p0001}. */
  public static String part(String base, int number) {
    if (number < 1) {
      throw new IllegalArgumentException("parts are numbered from 1: " + number);
    }
    return String.format("%s-p%04d", base, number);
  }

  /**
   * Whether a context with this name is vaxel's: one of {@link #all()} or a part of {@link
   * #staff()} or {@link #planned()}. A loaded context that is ours but not generated is a
   * difference (a leftover part after the organisation shrank), so the readers must see it.
   */
  public boolean owns(String context) {
    if (all().contains(context)) {
      return true;
    }
    return isPartOf(context, staff) || isPartOf(context, planned);
  }

  private static boolean isPartOf(String context, String base) {
    return context.length() > base.length() && context.startsWith(base)
        && PART_SUFFIX.matcher(context.substring(base.length())).matches();
  }

  /**
   * Splits what goes into {@link #staff()} or {@link #planned()}, in the order given, into
   * parts of at most {@link #PART_SIZE}: the first part holds the first 1,000, and so on.
   */
  public static <T> List<List<T>> parts(List<T> items) {
    List<List<T>> out = new ArrayList<>();
    for (int from = 0; from < items.size(); from += PART_SIZE) {
      out.add(List.copyOf(items.subList(from, Math.min(items.size(), from + PART_SIZE))));
    }
    return out;
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
        base + "-probe", base + "-codes", prefix + "-absence", prefix + "-probe");
  }

  static String familyPrefix(String dialplanContext) {
    return dialplanContext.endsWith(STAFF_SUFFIX) && dialplanContext.length() > STAFF_SUFFIX.length()
        ? dialplanContext.substring(0, dialplanContext.length() - STAFF_SUFFIX.length())
        : dialplanContext;
  }
}
