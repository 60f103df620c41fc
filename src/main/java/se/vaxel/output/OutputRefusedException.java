package se.vaxel.output;

import java.io.IOException;
import java.util.List;

/**
 * vaxel will not write into this output directory as it is. Each problem is one sentence that
 * names the file, says what is wrong and what to do; all that were found are reported at once,
 * and nothing was written.
 */
public final class OutputRefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public OutputRefusedException(List<String> problems) {
    super(String.join("\n", problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a refusal needs a reason");
    }
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
