package se.vaxel.staff;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import se.vaxel.model.Person;
import se.vaxel.model.Staff;

/**
 * Finds a person from what a member of staff types: their id, their name, part of it, with or
 * without å, ä, ö and é ("Asa Oberg" finds Åsa Öberg).
 */
public final class PersonFinder {

  /**
   * Either the one person meant, or the candidates to offer instead (maybe none).
   *
   * @param ambiguous whether the candidates all match the query (rather than resemble it)
   */
  public record Match(Person person, List<Person> candidates, boolean ambiguous) {
    public boolean found() {
      return person != null;
    }
  }

  private static final int MAX_CANDIDATES = 8;

  private PersonFinder() {}

  public static Match find(Staff staff, String query) {
    String q = fold(query);
    if (q.isEmpty()) {
      return new Match(null, List.of(), false);
    }
    var byId = staff.byId(q);
    if (byId.isPresent()) {
      return new Match(byId.get(), List.of(), false);
    }
    List<Person> exact = staff.people().stream().filter(p -> fold(p.fullName()).equals(q)).toList();
    if (exact.size() == 1) {
      return new Match(exact.get(0), List.of(), false);
    }
    if (!exact.isEmpty()) {
      return new Match(null, limit(exact), true);
    }
    // "Eva Lena" and "karl-johan" find Eva-Lena and Karl Johan: hyphens count as spaces.
    String[] words = q.split("[ -]");
    List<Person> partial = staff.people().stream()
        .filter(p -> containsAllWords(searchText(p), words))
        .toList();
    if (partial.size() == 1) {
      return new Match(partial.get(0), List.of(), false);
    }
    if (!partial.isEmpty()) {
      return new Match(null, limit(partial), true);
    }
    int allowed = Math.max(2, q.length() / 3);
    return new Match(null, staff.people().stream()
        .map(p -> new Scored(p, Math.min(Nearest.distance(q, fold(p.fullName())),
            Nearest.distance(q, p.id()))))
        .filter(s -> s.distance <= allowed)
        .sorted(Comparator.comparingInt(Scored::distance))
        .limit(MAX_CANDIDATES)
        .map(Scored::person)
        .toList(), false);
  }

  private record Scored(Person person, int distance) {}

  private static List<Person> limit(List<Person> people) {
    return people.stream().limit(MAX_CANDIDATES).toList();
  }

  private static String searchText(Person p) {
    return fold(p.fullName() + " " + p.id().replace('.', ' ')
        + (p.extension() == null ? "" : " " + p.extension()));
  }

  private static boolean containsAllWords(String text, String[] words) {
    List<String> tokens = Arrays.asList(text.split("[ -]"));
    for (String w : words) {
      if (tokens.stream().noneMatch(t -> t.startsWith(w))) {
        return false;
      }
    }
    return true;
  }

  /** Lower case, without diacritics, single spaces: how people type names. */
  static String fold(String s) {
    String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
    return decomposed.replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).trim()
        .replaceAll("\\s+", " ");
  }
}
