package se.vaxel.cli;

/**
 * The one table of exit codes, shown in {@code --help} and in the README.
 *
 * <p>{@code vaxel check --format nagios} is the one exception: it speaks the Nagios plugin API
 * (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), because that is what its reader understands.
 */
public enum ExitCode {
  OK(0, "ok: nothing to report or change"),
  FINDINGS(1, "findings (check), or changes that would be made (plan)"),
  BAD_INPUT(2, "bad input: staff.yaml, options or arguments"),
  PBX_UNREACHABLE(3, "the PBX could not be reached, logged in to, checked completely, "
      + "or did not load what apply wrote (the previous configuration is then restored)"),
  INTERNAL(4, "internal error (a bug: please report it)");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
