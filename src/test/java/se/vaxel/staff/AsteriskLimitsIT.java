package se.vaxel.staff;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.PresenceEntry;
import se.vaxel.ami.VoicemailBox;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The bounds validation sets, against what the real Asterisk 22 keeps: a mailbox's full name of
 * {@link StaffReader#MAX_FULL_NAME_BYTES} bytes survives a load, one byte more is cut; a presence
 * message with the characters Asterisk escapes in PresenceStateList reads back as written.
 */
class AsteriskLimitsIT {
  private static final String CONTEXT = "vaxel-limits";
  /** 39 å and an a: 79 bytes of UTF-8, 40 characters. */
  private static final String LONGEST = "å".repeat(39) + "a";
  /** 40 å: 80 bytes, one more than a mailbox keeps. */
  private static final String TOO_LONG = "å".repeat(40);

  static Pbx pbx;

  @BeforeAll
  static void loadTwoMailboxes() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    assertEquals(StaffReader.MAX_FULL_NAME_BYTES, LONGEST.getBytes(UTF_8).length);
    assertEquals(StaffReader.MAX_FULL_NAME_BYTES + 1, TOO_LONG.getBytes(UTF_8).length);
    Files.writeString(sandbox.etc().resolve(CONTEXT + ".conf"), String.join("\n",
        "[" + CONTEXT + "]",
        "7901 => ," + LONGEST + ",longest@example.se",
        "8001 => ," + TOO_LONG + ",too.long@example.se",
        ""), UTF_8);
    Path voicemail = sandbox.etc().resolve("voicemail.conf");
    Files.writeString(voicemail, Files.readString(voicemail, UTF_8)
        + "\n#include \"" + CONTEXT + ".conf\"\n", UTF_8);
    try (AmiClient ami = pbx.connect()) {
      ami.reload("app_voicemail.so");
    }
  }

  @Test
  void fullNameOfTheLimitSurvivesALoadAndOneByteMoreIsCut() {
    Map<String, String> names;
    try (AmiClient ami = pbx.connect()) {
      names = ami.voicemailUsers().stream()
          .filter(box -> box.context().equals(CONTEXT))
          .collect(Collectors.toMap(VoicemailBox::mailbox, VoicemailBox::fullName));
    }
    assertEquals(LONGEST, names.get("7901"));
    String cut = names.get("8001");
    assertNotEquals(TOO_LONG, cut);
    assertTrue(cut.startsWith("å".repeat(39)) && !cut.endsWith("å".repeat(40)),
        () -> "cut after 79 bytes, in the middle of the 40th å: " + cut);
  }

  @Test
  void presenceWithTheCharactersAsteriskEscapesReadsBackAsWritten() {
    String message = "Borta t.o.m. 2026-12-10 - samtal till Seán O'Brien \"Nick\" ? 2102";
    String provider = "CustomPresence:7901";
    try (AmiClient ami = pbx.connect()) {
      ami.setvar("PRESENCE_STATE(" + provider + ")", "away,annat," + message);
      PresenceEntry listed = ami.presenceStates().stream()
          .filter(p -> p.provider().equals(provider))
          .findFirst().orElseThrow();
      assertEquals(new PresenceEntry(provider, "away", "annat", message), listed);
      assertEquals(listed, ami.presenceState(provider));
    }
  }
}
