package se.vaxel.calendar.source;

/**
 * The calendar source's configuration cannot work for anyone (an address template that is not
 * an http(s) URL, an unreadable credentials file, a state directory that cannot be written):
 * bad input, reported before any calendar is read. The message says what, where and what to do,
 * and never holds the secret.
 */
public final class SourceSetupException extends Exception {
  public SourceSetupException(String message) {
    super(message);
  }
}
