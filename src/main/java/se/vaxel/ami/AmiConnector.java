package se.vaxel.ami;

/**
 * Opens {@link AmiClient}s. Commands take an AmiConnector rather than calling {@link
 * #connect} directly, so their tests can hand in a connector that returns a mock client.
 */
@FunctionalInterface
public interface AmiConnector {

  /**
   * Connects and logs in.
   *
   * @throws AmiException UNREACHABLE, AUTH_FAILED or TIMEOUT when that fails
   */
  AmiClient open(AmiSettings settings);

  /** The real thing: connects to Asterisk with Asterisk-Java. */
  static AmiConnector live() {
    return AsteriskJavaClient::connect;
  }

  /** Shorthand for {@code live().open(settings)}. */
  static AmiClient connect(AmiSettings settings) {
    return AsteriskJavaClient.connect(settings);
  }
}
