package se.vaxel.staff;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Collects the problems of one file so that validation can carry on and report all of them.
 *
 * <p>Capped because a hostile file of many megabytes could otherwise make millions of them;
 * past the cap one last problem says how many more there were.
 */
final class Problems {
  static final int MAX = 1000;

  private final String file;
  private final List<Problem> problems = new ArrayList<>();
  /** Where the note about omitted problems goes: the first one left out. */
  private Problem firstOmitted;
  private int omitted;

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  /** Adds a problem at the node; returns it, or null when past the cap. */
  Problem add(Node node, String message) {
    return add(node.getStartMark(), message);
  }

  /** A problem at a SnakeYAML mark (0-based), or at the start of the file when it has none. */
  Problem add(Mark mark, String message) {
    if (mark == null) {
      return add(1, 1, message);
    }
    return add(mark.getLine() + 1, mark.getColumn() + 1, message);
  }

  /** A problem at a 1-based line and column. */
  Problem add(int line, int column, String message) {
    Problem problem = new Problem(file, line, column, message);
    if (problems.size() < MAX) {
      problems.add(problem);
      return problem;
    }
    if (omitted++ == 0) {
      firstOmitted = problem;
    }
    return null;
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  StaffException exception() {
    List<Problem> all = new ArrayList<>(problems);
    if (omitted > 0) {
      all.add(new Problem(file, firstOmitted.line(), firstOmitted.column(),
          "too many problems; " + omitted + " more not shown"));
    }
    return new StaffException(all);
  }
}
