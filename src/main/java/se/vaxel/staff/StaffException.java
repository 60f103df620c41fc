package se.vaxel.staff;

import java.util.List;
import java.util.stream.Collectors;

/** A staff file that cannot be used, with every problem found in it, in source order. */
public final class StaffException extends Exception {
  private final List<Problem> problems;

  public StaffException(List<Problem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a StaffException needs at least one problem");
    }
    this.problems = problems.stream().sorted(Problem.BY_POSITION).toList();
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    return problems.stream()
        .sorted(Problem.BY_POSITION)
        .map(Problem::toString)
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
