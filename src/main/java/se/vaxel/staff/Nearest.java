package se.vaxel.staff;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/** "Did you mean": the candidate closest to a misspelt word, if one is close enough. */
public final class Nearest {
  private static final DamerauLevenshteinDistance DISTANCE = new DamerauLevenshteinDistance();

  private Nearest() {}

  /** Every candidate, the closest to {@code word} first (ties in their given order). */
  public static List<String> first(String word, List<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    return candidates.stream()
        .sorted(Comparator.comparingInt(c -> distance(lower, c.toLowerCase(Locale.ROOT))))
        .toList();
  }

  /**
   * The candidate at the smallest edit distance, counting a swap of two neighbouring letters as
   * one edit ({@code frist-name} is one edit from {@code first-name}). A candidate must be within
   * a third of the word's length, at least one edit, so that unrelated words are not suggested.
   */
  static Optional<String> to(String word, Iterable<String> candidates) {
    String lower = word.toLowerCase(Locale.ROOT);
    int allowed = Math.max(1, word.length() / 3);
    String best = null;
    int bestDistance = allowed + 1;
    for (String candidate : candidates) {
      if (Math.abs(candidate.length() - word.length()) >= bestDistance) {
        continue;
      }
      int d = distance(lower, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Damerau-Levenshtein distance (Levenshtein plus a swap of two letters as one edit), from
   * commons-text rather than a hand-written table.
   */
  static int distance(String a, String b) {
    return DISTANCE.apply(a, b);
  }
}
