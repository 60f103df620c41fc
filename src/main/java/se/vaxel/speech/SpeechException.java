package se.vaxel.speech;

/**
 * Speech could not be made. The message is for the user: it says what failed and what to do,
 * and never carries the sentence or the engine's arguments (they may hold a name the log
 * should not, or an organisation's secret).
 */
public final class SpeechException extends RuntimeException {
  /** What went wrong, which the command line turns into an exit code (docs/speech.md). */
  public enum Kind {
    /** The organisation's configuration: a command that is not there, a broken template. */
    CONFIGURATION,
    /** The default engine is not installed on this host. */
    ENGINE_MISSING,
    /** The engine ran and failed, ran too long, or wrote something that is not usable audio. */
    ENGINE_FAILED,
    /** The sounds directory could not be written. */
    WRITE_FAILED
  }

  private final Kind kind;

  public SpeechException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public SpeechException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
