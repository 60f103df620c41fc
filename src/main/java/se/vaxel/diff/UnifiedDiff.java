package se.vaxel.diff;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.algorithm.myers.MyersDiffWithLinearSpace;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.ChangeDelta;
import com.github.difflib.patch.Chunk;
import com.github.difflib.patch.DeleteDelta;
import com.github.difflib.patch.InsertDelta;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A file's change as a unified diff ({@code diff -u}, three lines of context), the form an
 * administrator reads before an apply and {@code patch} understands. The only class that knows
 * java-diff-utils.
 *
 * <p>Myers' algorithm, in linear space, on the lines the two texts share. A generated file of
 * 50,000 mailboxes whose every line changed (an e-mail domain renamed) is Myers' quadratic
 * case: 42 s for that file alone, and apply plans before it writes. A line found in only one
 * of the texts can never be matched, so those are set aside before comparing and the diff is
 * built around the matches in the rest (GNU diff discards them the same way): the same
 * number of lines added and removed, the worst case now about as fast as a small change.
 */
public final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /**
   * @param added lines only in the new text
   * @param removed lines only in the old text
   * @param lines the unified diff, without line ends; empty when the texts are equal
   */
  public record FileDiff(int added, int removed, List<String> lines) {
    public FileDiff {
      lines = List.copyOf(lines);
    }
  }

  /**
   * The change from {@code before} (empty: the file does not exist yet) to {@code after}.
   *
   * @param path the file's name in the headers, as {@code a/PATH} and {@code b/PATH}
   */
  public static FileDiff of(String path, Optional<String> before, String after) {
    List<String> from = before.map(UnifiedDiff::lines).orElse(List.of());
    List<String> to = lines(after);
    Patch<String> patch = diff(from, to);
    int added = 0;
    int removed = 0;
    for (AbstractDelta<String> delta : patch.getDeltas()) {
      added += delta.getTarget().size();
      removed += delta.getSource().size();
    }
    if (patch.getDeltas().isEmpty()) {
      return new FileDiff(0, 0, List.of());
    }
    List<String> unified = UnifiedDiffUtils.generateUnifiedDiff(
        before.isPresent() ? "a/" + path : "/dev/null", "b/" + path, from, patch, CONTEXT);
    return new FileDiff(added, removed, unified);
  }

  /** The diff of the lines both texts have, widened to the whole texts around its matches. */
  private static Patch<String> diff(List<String> from, List<String> to) {
    Set<String> inFrom = new HashSet<>(from);
    Set<String> inTo = new HashSet<>(to);
    int[] fromIndex = IntStream.range(0, from.size()).filter(i -> inTo.contains(from.get(i)))
        .toArray();
    int[] toIndex = IntStream.range(0, to.size()).filter(j -> inFrom.contains(to.get(j)))
        .toArray();
    List<String> shared = Arrays.stream(fromIndex).mapToObj(from::get).toList();
    List<String> sharedTo = Arrays.stream(toIndex).mapToObj(to::get).toList();
    Patch<String> reduced = DiffUtils.diff(shared, sharedTo, new MyersDiffWithLinearSpace<>());

    Patch<String> patch = new Patch<>();
    int a = 0;
    int b = 0;
    int nextFrom = 0;
    int nextTo = 0;
    List<AbstractDelta<String>> deltas = new ArrayList<>(reduced.getDeltas());
    deltas.sort(Comparator.comparingInt(d -> d.getSource().getPosition()));
    deltas.add(null); // the end: everything after the last match
    for (AbstractDelta<String> delta : deltas) {
      int equalUntil = delta == null ? shared.size() : delta.getSource().getPosition();
      for (; a < equalUntil; a++, b++) {
        add(patch, from, to, nextFrom, fromIndex[a], nextTo, toIndex[b]);
        nextFrom = fromIndex[a] + 1;
        nextTo = toIndex[b] + 1;
      }
      if (delta != null) {
        a += delta.getSource().size();
        b += delta.getTarget().size();
      }
    }
    add(patch, from, to, nextFrom, from.size(), nextTo, to.size());
    return patch;
  }

  /** The change of from[i, iEnd) into to[j, jEnd), if either is not empty. */
  private static void add(Patch<String> patch, List<String> from, List<String> to, int i,
      int iEnd, int j, int jEnd) {
    Chunk<String> source = new Chunk<>(i, new ArrayList<>(from.subList(i, iEnd)));
    Chunk<String> target = new Chunk<>(j, new ArrayList<>(to.subList(j, jEnd)));
    if (iEnd > i && jEnd > j) {
      patch.addDelta(new ChangeDelta<>(source, target));
    } else if (iEnd > i) {
      patch.addDelta(new DeleteDelta<>(source, target));
    } else if (jEnd > j) {
      patch.addDelta(new InsertDelta<>(source, target));
    }
  }

  /** The lines of a text; a last line without a line end is a line too. */
  private static List<String> lines(String text) {
    if (text.isEmpty()) {
      return List.of();
    }
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return List.of(body.split("\n", -1));
  }
}
