package se.vaxel.ami;

/**
 * A list that Asterisk sent but that did not arrive whole, twice in a row: entries missing,
 * messages glued together, or its Complete event lost. Asterisk drops AMI output that it cannot
 * write within the AMI user's writetimeout (docs/ami.md); the message says what was lost and
 * the manager.conf line that prevents it.
 */
public final class AmiIncompleteException extends AmiException {

  public AmiIncompleteException(String message) {
    super(Kind.INCOMPLETE, message);
  }

  public AmiIncompleteException(String message, Throwable cause) {
    super(Kind.INCOMPLETE, message, cause);
  }
}
