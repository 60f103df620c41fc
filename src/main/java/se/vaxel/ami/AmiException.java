package se.vaxel.ami;

/**
 * Anything that went wrong talking to the PBX, as one human line.
 *
 * <p>Unchecked so that every {@link AmiClient} method (and lambdas around it) can fail without
 * ceremony; the CLI catches it once and maps {@link #kind()} to an exit code. Messages never
 * contain the AMI secret: they are built from the host, user and action name, and from Asterisk's
 * own error text, which never sees the secret (login uses an MD5 challenge).
 */
public class AmiException extends RuntimeException {

  /** What kind of failure, so callers can pick an exit code without parsing messages. */
  public enum Kind {
    /** The settings cannot be used: no secret, unreadable secret file. Bad input (exit 2). */
    SETTINGS,
    /** No AMI at that address: refused, unknown host, link dropped. */
    UNREACHABLE,
    /** Asterisk refused the login (wrong user or secret, or not allowed from this host). */
    AUTH_FAILED,
    /** Asterisk did not answer (or finish a list) within the configured timeout. */
    TIMEOUT,
    /** Asterisk answered the action with an error, e.g. "Permission denied". */
    ACTION_FAILED,
    /**
     * A list arrived short or corrupt (see {@link AmiIncompleteException}), or the peer sent more
     * than vaxel holds in memory. What was read must not pass for the PBX's state.
     */
    INCOMPLETE
  }

  private final Kind kind;

  public AmiException(Kind kind, String message) {
    this(kind, message, null);
  }

  public AmiException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
