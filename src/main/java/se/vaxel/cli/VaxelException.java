package se.vaxel.cli;

/** A failure the user can act on: its message is printed as it is, then vaxel exits. */
public final class VaxelException extends RuntimeException {
  private final ExitCode exitCode;

  public VaxelException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
