package se.vaxel.staff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Staff files (or a platform file and its staff files) that cannot be used, with every problem
 * found, file by file in the order the files were first named, each file's in source order.
 */
public final class StaffException extends Exception {
  private final List<Problem> problems;

  public StaffException(List<Problem> problems) {
    super(summary(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a StaffException needs at least one problem");
    }
    this.problems = inOrder(problems);
  }

  public List<Problem> problems() {
    return problems;
  }

  private static List<Problem> inOrder(List<Problem> problems) {
    Map<String, List<Problem>> byFile = new LinkedHashMap<>();
    for (Problem p : problems) {
      byFile.computeIfAbsent(p.file(), f -> new ArrayList<>()).add(p);
    }
    List<Problem> out = new ArrayList<>();
    for (List<Problem> file : byFile.values()) {
      file.sort(Problem.BY_POSITION);
      out.addAll(file);
    }
    return List.copyOf(out);
  }

  private static String summary(List<Problem> problems) {
    return inOrder(problems).stream()
        .map(Problem::toString)
        .collect(Collectors.joining(System.lineSeparator()));
  }
}
