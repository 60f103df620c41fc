package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Which --listen hosts get the "behind a proxy without --trusted-proxy" warning. */
class ServeCommandLoopbackTest {
  @Test
  void loopbackHostsAreRecognisedWithoutALookup() {
    assertTrue(ServeCommand.loopback("127.0.0.1"));
    assertTrue(ServeCommand.loopback("localhost"));
    assertTrue(ServeCommand.loopback("[::1]"));
    assertFalse(ServeCommand.loopback("0.0.0.0"));
    assertFalse(ServeCommand.loopback("192.0.2.10"));
  }
}
