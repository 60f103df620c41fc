package se.vaxel.staff;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.stream.Collectors;
import se.vaxel.model.Person;
import se.vaxel.model.Platform;
import se.vaxel.model.Staff;

/**
 * Finds a person from what a member of staff types: their id, their name, part of it, with or
 * without å, ä, ö and é ("Asa Oberg" finds Åsa Öberg), or on a platform of several
 * organisations {@code <org>/<id>} ("vannas/johan.ek"; the part after the slash may be a name
 * too). The one place that decides who a typed name means, for greeting and absence alike.
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

  /**
   * The person meant across a platform, or the candidates to offer instead (maybe none).
   *
   * @param ambiguous whether the candidates all match the query (rather than resemble it)
   * @param qualified whether the platform has several organisations, so that people are
   *     named {@code <org>/<id>} in messages
   */
  public record Found(
      Platform.Member member, List<Platform.Member> candidates, boolean ambiguous,
      boolean qualified, Optional<String> unknownOrganisation, List<String> organisations) {

    Found(Platform.Member member, List<Platform.Member> candidates, boolean ambiguous,
        boolean qualified) {
      this(member, candidates, ambiguous, qualified, Optional.empty(), List.of());
    }

    public boolean found() {
      return member != null;
    }

    /** The person's name for a message: the qualified id when there are organisations. */
    public String nameOf(Platform.Member m) {
      return qualified ? m.qualifiedId() : m.person().id();
    }

    /**
     * What to tell whoever typed {@code query} when no one was found: that it is ambiguous
     * (every match, by qualified id on a platform), or the people it resembles, or nothing.
     */
    public String problem(String query, String where) {
      if (unknownOrganisation.isPresent()) {
        return "'" + query + "': " + where + " has no organisation " + unknownOrganisation.get()
            + "; it has " + String.join(", ", organisations);
      }
      if (candidates.isEmpty()) {
        return "no one called '" + query + "' in " + where;
      }
      return (ambiguous ? "'" + query + "' is ambiguous" : "no one called '" + query + "'")
          + "; did you mean:" + candidates.stream()
              .map(m -> "\n  " + nameOf(m) + "  " + m.person().fullName()
                  + (m.person().extension() == null ? "" : "  (" + m.person().extension() + ")"))
              .collect(Collectors.joining());
    }
  }

  private static final int MAX_CANDIDATES = 8;

  private PersonFinder() {}

  /** Within one organisation's staff. */
  public static Match find(Staff staff, String query) {
    Found f = find(Platform.of(staff), query);
    return new Match(f.found() ? f.member().person() : null,
        f.candidates().stream().map(Platform.Member::person).toList(), f.ambiguous());
  }

  /**
   * Across every organisation of the platform: {@code <org>/<id>} names one person, and so
   * does a staff id, a name or part of one that only one person in all organisations has.
   * The same id or name in two organisations is ambiguous. Suggestions are the nearest people
   * in every organisation.
   */
  public static Found find(Platform platform, String query) {
    boolean qualified = platform.organisations().size() > 1;
    String q = fold(query);
    List<Platform.Member> members = platform.members();
    int slash = q.indexOf('/');
    if (slash >= 0) {
      String org = q.substring(0, slash).strip();
      q = q.substring(slash + 1).strip();
      String orgId = org;
      members = members.stream()
          .filter(m -> m.staff().organisation().id().equals(orgId))
          .toList();
      if (platform.organisation(orgId).isEmpty()) {
        return new Found(null, List.of(), false, qualified, Optional.of(orgId), platform.ids());
      }
    }
    if (q.isEmpty() || members.isEmpty()) {
      return new Found(null, List.of(), false, qualified);
    }
    String id = q;
    List<Platform.Member> byId = members.stream().filter(m -> m.person().id().equals(id)).toList();
    if (!byId.isEmpty()) {
      return found(byId, qualified);
    }
    String name = q;
    List<Platform.Member> exact =
        members.stream().filter(m -> fold(m.person().fullName()).equals(name)).toList();
    if (!exact.isEmpty()) {
      return found(exact, qualified);
    }
    // "Eva Lena" and "karl-johan" find Eva-Lena and Karl Johan: hyphens count as spaces.
    String[] words = q.split("[ -]");
    List<Platform.Member> partial = members.stream()
        .filter(m -> containsAllWords(searchText(m.person()), words))
        .toList();
    if (!partial.isEmpty()) {
      return found(partial, qualified);
    }
    int allowed = Math.max(2, q.length() / 3);
    return new Found(null, members.stream()
        .map(m -> new Scored(m, distance(name, m.person())))
        .filter(s -> s.distance <= allowed)
        .sorted(Comparator.comparingInt(Scored::distance))
        .limit(MAX_CANDIDATES)
        .map(Scored::member)
        .toList(), false, qualified);
  }

  /** One match is the person; several are ambiguous, every one of them listed (up to 8). */
  private static Found found(List<Platform.Member> matches, boolean qualified) {
    if (matches.size() == 1) {
      return new Found(matches.get(0), List.of(), false, qualified);
    }
    return new Found(null, matches.stream().limit(MAX_CANDIDATES).toList(), true, qualified);
  }

  /**
   * How far a query is from a person: from the whole name, the id, or any one word of them, so
   * that "kalle" is one edit from Calle Carlsson rather than ten from his whole name.
   */
  private static int distance(String query, Person p) {
    int best = Math.min(Nearest.distance(query, fold(p.fullName())),
        Nearest.distance(query, p.id()));
    if (!query.contains(" ")) {
      for (String word : searchText(p).split("[ -]")) {
        if (!word.isEmpty()) {
          best = Math.min(best, Nearest.distance(query, word));
        }
      }
    }
    return best;
  }

  private record Scored(Platform.Member member, int distance) {}

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
