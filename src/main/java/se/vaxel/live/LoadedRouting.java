package se.vaxel.live;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The absence routing of the loaded dialplan, read back from ShowDialPlan, so a check can tell
 * where a call for an extension goes now without placing one.
 *
 * @param overridesHonoured the absence context consults AstDB (live absences take effect)
 * @param planned per extension, the windows of its planned-absence context
 * @param ringTimeouts the timeouts (seconds) of every Dial in the route context; {@link
 *     #UNBOUNDED_RING_TIMEOUT} for a Dial whose timeout is missing or unreadable
 */
public record LoadedRouting(
    boolean overridesHonoured, Map<String, List<Window>> planned, List<Integer> ringTimeouts) {

  public static final LoadedRouting NONE = new LoadedRouting(false, Map.of(), List.of());

  /**
   * A Dial without a timeout (or with 0, or a variable known only at call time): callers may
   * wait without limit, so it is longer than any policy's timeout.
   */
  public static final int UNBOUNDED_RING_TIMEOUT = Integer.MAX_VALUE;

  public LoadedRouting {
    planned = Map.copyOf(planned);
    ringTimeouts = List.copyOf(ringTimeouts);
  }

  /**
   * [start, end) in epoch seconds, in the ISO weeks {@code weeks} of time zone {@code zone}
   * only (empty: every week), and the extension (or "-") that takes the calls.
   *
   * @param zone the zone the dialplan computes the week in; null when the window has no weeks,
   *     or when the loaded dialplan computes none it could be read back from, so that a weekly
   *     window never matches
   */
  public record Window(long start, long end, Set<Integer> weeks, ZoneId zone, String target) {

    public Window {
      weeks = Set.copyOf(weeks);
    }

    /** A window for every week. */
    public Window(long start, long end, String target) {
      this(start, end, Set.of(), null, target);
    }

    public boolean contains(Instant t) {
      long s = t.getEpochSecond();
      if (s < start || s >= end) {
        return false;
      }
      return weeks.isEmpty() || zone != null
          && weeks.contains(t.atZone(zone).get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
  }

  /** Where the loaded planned-absence context sends calls for {@code extension} at {@code t}. */
  public Optional<String> plannedTarget(String extension, Instant t) {
    return planned.getOrDefault(extension, List.of()).stream()
        .filter(w -> w.contains(t))
        .map(Window::target)
        .findFirst();
  }
}
