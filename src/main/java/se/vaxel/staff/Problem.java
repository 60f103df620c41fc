package se.vaxel.staff;

import java.util.Comparator;
import java.util.Objects;

/**
 * One thing wrong with a staff file, at a 1-based line and column, printed the way compilers
 * and editors understand: {@code staff.yaml:12:16: unknown key 'frist-name'}.
 */
public record Problem(String file, int line, int column, String message) {

  /** Source order, which is the order a person fixes them in. */
  public static final Comparator<Problem> BY_POSITION =
      Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column);

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(message, "message");
    if (line < 1 || column < 1) {
      throw new IllegalArgumentException("line and column are 1-based: " + line + ":" + column);
    }
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + message;
  }
}
