package se.vaxel.live;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.model.DialplanContexts;

/**
 * Reads vaxel's generated dialplan back from ShowDialPlan entries: what a loaded context says,
 * not what staff.yaml would generate. Pure functions of the entries, so they are tested on
 * entries captured from a real Asterisk.
 *
 * <p>The patterns match what {@code templates/asterisk/extensions.conf.ftl} writes, as Asterisk
 * hands it back (arguments verbatim, whitespace as written); they tolerate extra whitespace,
 * which costs nothing and keeps them readable.
 */
public final class LoadedDialplan {

  /** The extension of the route context whose Return carries the fingerprint. */
  static final String FINGERPRINT_EXTENSION = "fingerprint";

  /**
   * {@code $[${EPOCH} >= S & ${EPOCH} < E]?Return(T)}, the data of one planned window, or with
   * {@code & ${REGEX("^(WW|WW)$" ${week})}} before the "]" for the weeks of a weekly contact.
   */
  private static final Pattern WINDOW = Pattern.compile(
      "^\\s*\\$\\[\\s*\\$\\{EPOCH}\\s*>=\\s*(\\d+)\\s*&\\s*\\$\\{EPOCH}\\s*<\\s*(\\d+)\\s*"
          + "(?:&\\s*\\$\\{REGEX\\(\"\\^\\(([0-9|]*)\\)\\$\"\\s+\\$\\{week}\\)}\\s*)?"
          + "]\\s*\\?\\s*Return\\(\\s*([^)]*?)\\s*\\)\\s*$");

  /** One week of a window's REGEX: two digits, as STRFTIME's %V gives it. */
  private static final Pattern WEEK = Pattern.compile("^\\d{2}$");

  /** {@code LOCAL(week)=${STRFTIME(${EPOCH},ZONE,%V)}}: the ISO week of the call in ZONE. */
  private static final Pattern WEEK_OF_CALL = Pattern.compile(
      "^\\s*LOCAL\\(week\\)\\s*=\\s*\\$\\{STRFTIME\\(\\$\\{EPOCH},([^,]+),%V\\)}\\s*$");

  /** A Dial timeout in seconds; Asterisk also takes fractions. */
  private static final Pattern SECONDS = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?\\s*$");

  private LoadedDialplan() {}

  /**
   * Every context vaxel owns as Asterisk has it loaded, by name, in one ShowDialPlan for the
   * whole PBX however many people and parts there are: the contexts of {@link
   * DialplanContexts#all()} always (an empty list: not loaded), and every loaded part of the
   * staff and planned contexts ({@link DialplanContexts#owns}), in the order Asterisk lists them.
   *
   * @throws se.vaxel.ami.AmiException when the dialplan cannot be read: it could not be
   *     checked, which is never a difference
   */
  public static Map<String, List<DialplanEntry>> read(AmiClient ami, DialplanContexts contexts) {
    return group(ami.showDialplan(), contexts);
  }

  /**
   * {@link #read}'s grouping of a whole dialplan already read, for a reader that serves several
   * organisations from one ShowDialPlan.
   */
  public static Map<String, List<DialplanEntry>> group(List<DialplanEntry> whole,
      DialplanContexts contexts) {
    Map<String, List<DialplanEntry>> grouped = new LinkedHashMap<>();
    for (String context : contexts.all()) {
      grouped.put(context, new ArrayList<>());
    }
    for (DialplanEntry e : whole) {
      if (contexts.owns(e.context())) {
        grouped.computeIfAbsent(e.context(), k -> new ArrayList<>()).add(e);
      }
    }
    Map<String, List<DialplanEntry>> out = new LinkedHashMap<>();
    grouped.forEach((context, entries) -> out.put(context, List.copyOf(entries)));
    return out;
  }

  /**
   * What a call into {@code base} can reach through our contexts: the entries of {@code base}
   * and of the contexts it includes (and they include), in the order Asterisk searches them
   * (the context's own extensions, then each include in order, depth first). An extension
   * comes from the first context in that order that has it, as Asterisk finds it; the same
   * extension in a later context is never reached and is left out. Includes of contexts that
   * are not in {@code dialplan} (not ours, or not loaded) add nothing; {@link
   * DialplanComparison} reports them. Empty when {@code base} is not loaded.
   */
  public static List<DialplanEntry> reachable(Map<String, List<DialplanEntry>> dialplan,
      String base) {
    List<DialplanEntry> out = new ArrayList<>();
    Set<String> seenExtensions = new HashSet<>();
    visit(dialplan, base, new HashSet<>(), seenExtensions, out);
    return out;
  }

  private static void visit(Map<String, List<DialplanEntry>> dialplan, String context,
      Set<String> visited, Set<String> seenExtensions, List<DialplanEntry> out) {
    List<DialplanEntry> entries = dialplan.get(context);
    if (entries == null || !visited.add(context)) {
      return;
    }
    Set<String> here = new HashSet<>();
    for (DialplanEntry e : entries) {
      if ((e.isPriority() || e.isHint()) && !seenExtensions.contains(e.extension())) {
        out.add(e);
        // A hint alone does not stop Asterisk's search for a priority.
        if (e.isPriority()) {
          here.add(e.extension());
        }
      }
    }
    seenExtensions.addAll(here);
    for (DialplanEntry e : entries) {
      if (e.priority() == DialplanEntry.INCLUDE) {
        out.add(e);
        visit(dialplan, e.application(), visited, seenExtensions, out);
      }
    }
  }

  /** The data of the route context's {@code fingerprint} extension, "" when there is none. */
  public static String fingerprint(List<DialplanEntry> route) {
    return route.stream()
        .filter(e -> e.priority() == 1 && e.extension().equals(FINGERPRINT_EXTENSION))
        .map(e -> e.appData().strip())
        .findFirst()
        .orElse("");
  }

  /**
   * The dialable extensions of the staff context (its entries {@link #reachable} from it):
   * patterns are left out, and an extension that has only a hint cannot be called, so it is
   * left out too.
   */
  private static final Pattern PERSON_EXTENSION = Pattern.compile("[0-9]+");

  public static Set<String> extensions(List<DialplanEntry> staff) {
    Set<String> out = new TreeSet<>();
    for (DialplanEntry e : staff) {
      // Only what a person's extension can be (staff.yaml: digits only): the staff context
      // also answers the phone codes (#23#, and patterns such as _*23*X*XXXXXX#), which are
      // nobody's extension.
      if (e.isPriority() && PERSON_EXTENSION.matcher(e.extension()).matches()) {
        out.add(e.extension());
      }
    }
    return out;
  }

  /**
   * The absence routing of the three loaded contexts (for the planned context, its entries
   * {@link #reachable} from it); {@link LoadedRouting#NONE} when any of them is not loaded,
   * since a call then never reaches the absence decision.
   */
  public static LoadedRouting routing(List<DialplanEntry> route, List<DialplanEntry> absence,
      List<DialplanEntry> planned, String overrideFamily) {
    if (route.isEmpty() || absence.isEmpty() || planned.isEmpty()) {
      return LoadedRouting.NONE;
    }
    return new LoadedRouting(readsOverrides(absence, overrideFamily), windows(planned), ringTimeouts(route));
  }

  /** The absence context consults the override family (the generated first priority). */
  static boolean readsOverrides(List<DialplanEntry> absence, String overrideFamily) {
    Pattern dbExists = Pattern.compile(
        "DB_EXISTS\\(\\s*" + Pattern.quote(overrideFamily) + "/");
    return absence.stream()
        .anyMatch(e -> e.isPriority() && dbExists.matcher(e.appData()).find());
  }

  /**
   * Per non-pattern extension, its windows in the order the dialplan tries them. A window whose
   * weeks cannot be read is left out; weekly windows take the zone of the extension's
   * {@code Set(LOCAL(week)=...)}, none when there is no such step.
   */
  static Map<String, List<LoadedRouting.Window>> windows(List<DialplanEntry> planned) {
    Map<String, List<DialplanEntry>> byExtension = new LinkedHashMap<>();
    planned.stream()
        .filter(e -> e.isPriority() && !e.extension().startsWith("_"))
        .sorted(Comparator.comparing(DialplanEntry::extension)
            .thenComparingInt(DialplanEntry::priority))
        .forEach(e -> byExtension.computeIfAbsent(e.extension(), k -> new ArrayList<>()).add(e));
    Map<String, List<LoadedRouting.Window>> out = new LinkedHashMap<>();
    byExtension.forEach((ext, entries) -> {
      ZoneId zone = null;
      List<LoadedRouting.Window> windows = new ArrayList<>();
      for (DialplanEntry e : entries) {
        if (e.application().equalsIgnoreCase("Set")) {
          Matcher m = WEEK_OF_CALL.matcher(e.appData());
          if (m.matches()) {
            zone = zone(m.group(1).strip());
          }
        } else if (e.application().equalsIgnoreCase("ExecIf")) {
          window(e.appData(), zone).ifPresent(windows::add);
        }
      }
      if (!windows.isEmpty()) {
        out.put(ext, List.copyOf(windows));
      }
    });
    return out;
  }

  private static Optional<LoadedRouting.Window> window(String data, ZoneId zone) {
    Matcher m = WINDOW.matcher(data);
    if (!m.matches() || m.group(4).isEmpty()) {
      return Optional.empty();
    }
    Set<Integer> weeks = new TreeSet<>();
    if (m.group(3) != null) {
      for (String part : m.group(3).split("\\|")) {
        if (!WEEK.matcher(part).matches()) {
          return Optional.empty();
        }
        weeks.add(Integer.parseInt(part));
      }
    }
    return Optional.of(new LoadedRouting.Window(Long.parseLong(m.group(1)),
        Long.parseLong(m.group(2)), weeks, weeks.isEmpty() ? null : zone, m.group(4)));
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /**
   * The timeout of every Dial, in dialplan order. A Dial without a timeout, or with one that is
   * only known at call time (a variable), counts as {@link LoadedRouting#UNBOUNDED_RING_TIMEOUT}:
   * a check cannot show that callers stop waiting.
   */
  static List<Integer> ringTimeouts(List<DialplanEntry> route) {
    return route.stream()
        .filter(e -> e.isPriority() && e.application().equalsIgnoreCase("Dial"))
        .sorted(Comparator.comparing(DialplanEntry::extension)
            .thenComparingInt(DialplanEntry::priority))
        .map(e -> {
          List<String> args = arguments(e.appData());
          return args.size() < 2 ? LoadedRouting.UNBOUNDED_RING_TIMEOUT : seconds(args.get(1));
        })
        .toList();
  }

  private static int seconds(String text) {
    Matcher m = SECONDS.matcher(text);
    if (!m.matches() || m.group(1).length() > 9) {
      return LoadedRouting.UNBOUNDED_RING_TIMEOUT;
    }
    int whole = Integer.parseInt(m.group(1));
    boolean fraction = m.group(2) != null && !m.group(2).matches("0+");
    int rounded = fraction ? whole + 1 : whole;
    // Dial(dev,0) rings without limit too.
    return rounded == 0 ? LoadedRouting.UNBOUNDED_RING_TIMEOUT : rounded;
  }

  /**
   * Splits application data at the commas Asterisk splits at: not inside ${...}, $[...] or
   * (...), and not after a backslash.
   */
  static List<String> arguments(String data) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      if (c == '\\' && i + 1 < data.length()) {
        current.append(c).append(data.charAt(++i));
        continue;
      }
      if (c == '(' || c == '{' || c == '[') {
        depth++;
      } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    out.add(current.toString());
    return out;
  }
}
