package se.vaxel.staff;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the candidate closest to a misspelt word, if one is close enough. */
public final class Nearest {
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

  /** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
