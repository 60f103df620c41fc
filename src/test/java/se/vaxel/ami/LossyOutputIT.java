package se.vaxel.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.vaxel.testing.Sandbox;

/**
 * The real Asterisk drops AMI output for a reader that falls behind (docs/ami.md): through a
 * {@link StallingProxy}, the sandbox's user vaxel-lossy (Asterisk's default writetimeout of
 * 100 ms) loses part of a 10,000-mailbox VoicemailUsersList, which the client must report as
 * incomplete; user vaxel (writetimeout = 10000) gets it whole through the same proxy.
 */
class LossyOutputIT {

  private static final String CONTEXT = "vaxel-lossy-it";
  private static final String FRAGMENT = "vaxel-lossy-it.conf";
  private static final String INCLUDE = "#tryinclude \"" + FRAGMENT + "\"";
  private static final int MAILBOXES = 10_000;
  private static Sandbox sandbox;
  private static StallingProxy proxy;

  @BeforeAll
  static void loadManyMailboxes() throws IOException {
    sandbox = Sandbox.get();
    StringBuilder conf = new StringBuilder("[" + CONTEXT + "]\n");
    for (int i = 0; i < MAILBOXES; i++) {
      conf.append(200000 + i).append(" => ,Person ").append(i).append(",p").append(i)
          .append("@example.org\n");
    }
    Files.writeString(sandbox.etc().resolve(FRAGMENT), conf, StandardCharsets.UTF_8);
    Path voicemail = sandbox.etc().resolve("voicemail.conf");
    if (!Files.readString(voicemail).contains(INCLUDE)) {
      Files.writeString(voicemail, Files.readString(voicemail) + "\n" + INCLUDE + "\n");
    }
    sandbox.cli("module reload app_voicemail.so");
    // Stalls of 300 ms, far past the default writetimeout of 100 ms, about ten times a list.
    proxy = new StallingProxy(new InetSocketAddress(sandbox.host(), sandbox.port()), 512 << 10, 300);
  }

  @AfterAll
  static void unload() throws IOException {
    if (proxy != null) {
      proxy.close();
    }
    if (sandbox != null) {
      Path voicemail = sandbox.etc().resolve("voicemail.conf");
      Files.writeString(voicemail, Files.readString(voicemail).replace("\n" + INCLUDE + "\n", ""));
      Files.deleteIfExists(sandbox.etc().resolve(FRAGMENT));
      sandbox.cli("module reload app_voicemail.so");
    }
  }

  private static AmiClient connect(String user) {
    return AmiConnector.connect(
        AmiSettings.of("127.0.0.1", proxy.port(), user, sandbox.secret())
            .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(60)));
  }

  @Test
  void theDefaultWritetimeoutLosesOutputAndTheClientSaysSo() {
    try (AmiClient client = connect("vaxel-lossy")) {
      AmiIncompleteException e = assertThrows(AmiIncompleteException.class, client::voicemailUsers);
      assertTrue(e.getMessage().startsWith("VoicemailUsersList from the AMI at 127.0.0.1:"
          + proxy.port() + " arrived incomplete twice ("), e.getMessage());
      assertTrue(e.getMessage().contains("'writetimeout = 10000' to the [vaxel-lossy] section"),
          e.getMessage());
    }
  }

  @Test
  void aLargeWritetimeoutGetsTheWholeListThroughTheSameStalls() {
    try (AmiClient client = connect("vaxel")) {
      long mine =
          client.voicemailUsers().stream().filter(box -> box.context().equals(CONTEXT)).count();
      assertEquals(MAILBOXES, mine);
    }
  }
}
