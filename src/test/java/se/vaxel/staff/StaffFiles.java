package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import se.vaxel.model.Staff;

/** Builds staff files inline for the tests, so each test shows the lines it is about. */
final class StaffFiles {
  static final String FILE = "test.yaml";

  /** A valid organisation; lines 1 to 9, so the first staff entry is on line 10. */
  static final String HEAD = """
      organisation:
        name: Bjurholms kommun
        place: Bjurholm
        switchboard: "100"
        phone: "0934-140 00"
        functional-mailbox: kommunen@bjurholm.se
        language: sv
        timezone: Europe/Stockholm
      staff:
      """;

  /** Anna Berg, lines 10 to 14 when it follows {@link #HEAD}. */
  static final String ANNA = """
        - id: anna.berg
          first-name: Anna
          last-name: Berg
          email: anna.berg@bjurholm.se
          extension: "2102"
      """;

  private StaffFiles() {}

  static Staff load(String yaml) throws StaffException {
    return new StaffLoader().parse(FILE, yaml);
  }

  static List<Problem> problems(String yaml) {
    return assertThrows(StaffException.class, () -> load(yaml)).problems();
  }

  /** Asserts the file has exactly one problem, at LINE:COLUMN, whose message has the text. */
  static Problem onlyProblem(String yaml, int line, int column, String messagePart) {
    List<Problem> problems = problems(yaml);
    assertEquals(1, problems.size(), () -> "expected one problem, got " + problems);
    Problem problem = problems.get(0);
    assertProblem(problem, line, column, messagePart);
    return problem;
  }

  static void assertProblem(Problem problem, int line, int column, String messagePart) {
    assertEquals(FILE + ":" + line + ":" + column + ":",
        problem.file() + ":" + problem.line() + ":" + problem.column() + ":",
        () -> "at the wrong place: " + problem);
    assertTrue(problem.message().contains(messagePart),
        () -> "expected '" + messagePart + "' in: " + problem);
  }
}
