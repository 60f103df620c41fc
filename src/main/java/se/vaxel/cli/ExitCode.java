package se.vaxel.cli;

/**
 * The one table of exit codes, shown in {@code --help} and in the README.
 *
 * <p>{@code vaxel check --format nagios} is the one exception: it speaks the Nagios plugin API
 * (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN), because that is what its reader understands.
 */
public enum ExitCode {
  OK(Key.OK, "ok: nothing to report or change"),
  FINDINGS(Key.FINDINGS, "findings (check), changes that would be made (plan), "
      + "or done in part: some calendars could not be read, or absences not announced "
      + "(calendar sync)"),
  BAD_INPUT(Key.BAD_INPUT, "bad input: staff.yaml, options or arguments"),
  PBX_UNREACHABLE(Key.PBX_UNREACHABLE, "the PBX could not be reached, logged in to, checked completely, "
      + "or did not load what apply wrote (the previous configuration is then restored)"),
  INTERNAL(Key.INTERNAL, "internal error (a bug: please report it)");

  /**
   * The codes as constants, for a command's {@code exitCodeList}: each command lists the codes
   * it can return by these keys alone, and {@link Main} fills in the meanings from this table,
   * so that the wording lives here once.
   */
  public static final class Key {
    public static final String OK = "0";
    public static final String FINDINGS = "1";
    public static final String BAD_INPUT = "2";
    public static final String PBX_UNREACHABLE = "3";
    public static final String INTERNAL = "4";

    private Key() {}
  }

  /** The heading every command's list of exit codes goes under. */
  public static final String HEADING = "%nExit codes:%n";

  private final int code;
  private final String meaning;

  ExitCode(String key, String meaning) {
    this.code = Integer.parseInt(key);
    this.meaning = meaning;
  }

  /** The entry for a code, or empty if the table has none. */
  public static java.util.Optional<ExitCode> of(int code) {
    return java.util.Arrays.stream(values()).filter(c -> c.code == code).findFirst();
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
