package se.vaxel.report;

/**
 * A --baseline file that cannot be used: unreadable, not JSON, or not a vaxel check JSON report.
 * The message names the file, and the line and column of each problem.
 */
public class BaselineException extends Exception {
  public BaselineException(String message) {
    super(message);
  }
}
