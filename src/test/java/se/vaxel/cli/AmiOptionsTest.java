package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiSettings;

class AmiOptionsTest {
  private static AmiSettings settings(String address, String user, Map<String, String> env) {
    AmiOptions o = new AmiOptions();
    o.address = address;
    o.user = user;
    o.timeoutSeconds = 10;
    return o.settings(Main.context(null, null, env, Cli.CLOCK));
  }

  private static AmiSettings settings(String address) {
    return settings(address, null, Map.of("VAXEL_AMI_SECRET", "s"));
  }

  @Test
  void hostAlonePortAndBracketedIpv6AreUnderstood() {
    assertEquals("pbx.example.se:5038", settings("pbx.example.se").address());
    assertEquals(5039, settings("10.0.0.5:5039").port());
    AmiSettings v6 = settings("[::1]:5040");
    assertEquals("::1", v6.host());
    assertEquals(5040, v6.port());
  }

  @Test
  void theEnvironmentFillsWhatTheCommandLineLeavesOut() {
    AmiSettings s = settings(null, null, Map.of("VAXEL_AMI", "pbx:6000",
        "VAXEL_AMI_USER", "vaxel-check", "VAXEL_AMI_SECRET", "s"));
    assertEquals("pbx", s.host());
    assertEquals(6000, s.port());
    assertEquals("vaxel-check", s.user());
  }

  @Test
  void malformedAddressesAreBadInput() {
    for (String bad : new String[] {"[", "pbx:99x", "a b", "pbx:", "[::1"}) {
      VaxelException e = assertThrows(VaxelException.class, () -> settings(bad), bad);
      assertEquals(ExitCode.BAD_INPUT, e.exitCode());
      assertTrue(e.getMessage().contains(bad), e.getMessage());
    }
  }

  @Test
  void aUserNameThatWouldAddAmiHeadersIsBadInput() {
    VaxelException e = assertThrows(VaxelException.class,
        () -> settings("pbx", "vaxel\r\nAction: Originate", Map.of("VAXEL_AMI_SECRET", "s")));
    assertEquals(ExitCode.BAD_INPUT, e.exitCode());
  }
}
