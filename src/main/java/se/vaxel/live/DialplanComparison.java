package se.vaxel.live;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import se.vaxel.ami.DialplanEntry;
import se.vaxel.model.DialplanContexts;

/**
 * Whether the dialplan Asterisk has loaded is, priority by priority, the one staff.yaml
 * generates: the one owner of "is the loaded dialplan ours", for {@code check}
 * (DIALPLAN-STALE), {@code plan} and {@code apply}'s verification after a reload.
 *
 * <p>Every context vaxel owns is compared as a whole: a changed, missing or extra priority, hint,
 * {@code include =>} or {@code switch =>} is a difference. That covers a hand edit, a template
 * that wrote more than staff.yaml asks for, and an older definition of one of our contexts
 * loaded ahead of ours (Asterisk keeps the first definition of a priority, so the older one is
 * what ShowDialPlan lists). An include or a switch is all it takes to reach dialplan vaxel did
 * not write, and the dialplan we generate jumps only into our own contexts, so nothing outside
 * them needs reading.
 *
 * <p>Application names are compared ignoring case (Asterisk finds applications that way); data,
 * labels and hints exactly, since ShowDialPlan hands them back verbatim (see docs/dialplan.md).
 */
public final class DialplanComparison {

  /** How many differences a result keeps for messages; the rest are only counted. */
  public static final int DETAIL_LIMIT = 20;

  /** Application data longer than this is cut in messages. */
  private static final int SHOWN_DATA = 80;

  /** What kind of difference. */
  public enum Kind {
    /** A context of ours that Asterisk does not have at all. */
    CONTEXT_NOT_LOADED,
    /** The generated text defines a context that is not one of ours: nothing checks it. */
    CONTEXT_NOT_OURS,
    /** An entry generated but not loaded. */
    MISSING,
    /** An entry loaded but not generated. */
    EXTRA,
    /** The same priority (or hint) loaded with other contents. */
    CHANGED
  }

  /**
   * One difference.
   *
   * @param context the context it is in
   * @param generated what staff.yaml generates there; null for EXTRA and the context kinds
   * @param loaded what Asterisk has there; null for MISSING and the context kinds
   */
  public record Difference(Kind kind, String context, DialplanEntry generated,
      DialplanEntry loaded) {

    public Difference {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(context, "context");
    }

    /** E.g. {@code vaxel-staff-route s,1: loaded Hangup(), generated Set(LOCAL(ext)=${ARG1})}. */
    public String describe() {
      if (kind == Kind.CONTEXT_NOT_LOADED) {
        return "context " + context + " is not loaded";
      }
      if (kind == Kind.CONTEXT_NOT_OURS) {
        return "context " + context + " is generated but is not one of vaxel's contexts";
      }
      DialplanEntry any = generated != null ? generated : loaded;
      String where = context + " " + where(any);
      if (kind == Kind.EXTRA) {
        return where + ": loaded " + what(loaded) + ", not generated";
      }
      if (kind == Kind.MISSING) {
        return where + ": missing, generated " + what(generated);
      }
      return where + ": loaded " + what(loaded) + ", generated " + what(generated);
    }

    private static String where(DialplanEntry e) {
      return switch (e.priority()) {
        case DialplanEntry.INCLUDE -> "include => " + e.application();
        case DialplanEntry.SWITCH -> "switch => " + e.application();
        case DialplanEntry.HINT -> e.extension() + ",hint";
        default -> e.extension() + "," + e.priority();
      };
    }

    private static String what(DialplanEntry e) {
      if (!e.isPriority()) {
        return e.isHint() ? e.application() : "it";
      }
      String data = e.appData().length() > SHOWN_DATA
          ? e.appData().substring(0, SHOWN_DATA) + "..." : e.appData();
      return (e.label().isEmpty() ? "" : "(" + e.label() + ") ") + e.application()
          + "(" + data + ")";
    }
  }

  /**
   * @param differences the first {@link #DETAIL_LIMIT} differences, in dialplan order
   * @param count how many there are in all
   */
  public record Result(List<Difference> differences, int count) {
    public static final Result SAME = new Result(List.of(), 0);

    public Result {
      differences = List.copyOf(differences);
    }

    public boolean same() {
      return count == 0;
    }
  }

  private DialplanComparison() {}

  /**
   * @param ours which contexts are vaxel's: a generated context that is not is a difference
   * @param loaded what ShowDialPlan listed for the contexts we own (LoadedDialplan.read: the
   *     fixed ones always, an empty list when not loaded, and every loaded part); a part we
   *     generate that is not among them is not loaded, and a loaded part we do not generate
   *     (left over from a larger staff.yaml) is extra
   */
  public static Result compare(DialplanContexts ours, GeneratedDialplan generated,
      Map<String, List<DialplanEntry>> loaded) {
    List<Difference> kept = new ArrayList<>();
    int[] count = {0};
    Set<String> contexts = new LinkedHashSet<>(generated.contexts().keySet());
    contexts.addAll(loaded.keySet());
    for (String context : contexts) {
      if (!ours.owns(context)) {
        add(kept, count, new Difference(Kind.CONTEXT_NOT_OURS, context, null, null));
        continue;
      }
      List<DialplanEntry> want = generated.contexts().getOrDefault(context, List.of());
      List<DialplanEntry> have = loaded.getOrDefault(context, List.of());
      if (have.isEmpty() && !want.isEmpty()) {
        add(kept, count, new Difference(Kind.CONTEXT_NOT_LOADED, context, null, null));
        continue;
      }
      Map<Key, DialplanEntry> byKey = new HashMap<>(have.size() * 2);
      for (DialplanEntry e : have) {
        byKey.putIfAbsent(key(e), e);
      }
      for (DialplanEntry w : want) {
        DialplanEntry h = byKey.remove(key(w));
        if (h == null) {
          add(kept, count, new Difference(Kind.MISSING, context, w, null));
        } else if (!equal(w, h)) {
          add(kept, count, new Difference(Kind.CHANGED, context, w, h));
        }
      }
      for (DialplanEntry h : have) {
        if (byKey.remove(key(h)) != null) {
          add(kept, count, new Difference(Kind.EXTRA, context, null, h));
        }
      }
    }
    return new Result(kept, count[0]);
  }

  private static void add(List<Difference> kept, int[] count, Difference d) {
    if (kept.size() < DETAIL_LIMIT) {
      kept.add(d);
    }
    count[0]++;
  }

  /** A priority or hint by extension and number; an include or switch by what it names. */
  private record Key(int priority, String name) {}

  private static Key key(DialplanEntry e) {
    return new Key(e.priority(), e.isPriority() || e.isHint() ? e.extension() : e.application());
  }

  private static boolean equal(DialplanEntry generated, DialplanEntry loaded) {
    if (!generated.isPriority()) {
      return generated.application().equals(loaded.application());
    }
    return generated.label().equals(loaded.label())
        && generated.application().strip().equalsIgnoreCase(loaded.application().strip())
        && generated.appData().equals(loaded.appData());
  }
}
