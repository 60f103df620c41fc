package se.vaxel.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import se.vaxel.live.LiveOverride.Origin;
import se.vaxel.model.Reason;

class LiveOverrideTest {

  private static final Instant FROM = Instant.ofEpochSecond(1_795_000_000L);
  private static final Instant UNTIL = FROM.plusSeconds(86_400);
  private static final String SOUND = "announce-0123456789abcdef0123456789abcdef";
  private static final String SB = "announce-fedcba9876543210fedcba9876543210";

  private static LiveOverride away() {
    return LiveOverride.away("2101", FROM, UNTIL, "2102", Reason.SEMESTER, "anna.berg",
        "calle.carlsson");
  }

  @Test
  void anOverrideOfAbsenceSetIsTheSevenFieldsItAlwaysWas() {
    assertEquals("away|1795000000|1795086400|2102|semester|anna.berg|calle.carlsson",
        away().encode());
  }

  @Test
  void optionalFieldsAreWrittenUpToTheLastOneThatIsSet() {
    assertEquals("away|1795000000|1795086400|2102|semester|anna.berg|calle.carlsson|phone",
        away().setByPhone().encode());
    assertEquals("away|1795000000|1795086400|2102|semester|anna.berg|calle.carlsson|web|operator1",
        away().by(Origin.WEB, "operator1").encode());
    assertEquals("away|1795000000|1795086400|2102|semester|anna.berg|calle.carlsson|||" + SOUND,
        away().withSound(SOUND).encode());
    assertEquals("away|1795000000|1795086400|2102|semester|anna.berg|calle.carlsson|||" + SOUND
        + "|" + SB, away().withSounds(SOUND, SB).encode());
  }

  @Test
  void aValueWithoutTheSwitchboardSoundReadsAsNone() {
    // Written before the eleventh field existed: the same override, no variant.
    LiveOverride o = LiveOverride.decode("2101",
        "away|1795000000|1795086400|2102|semester|anna.berg|calle.carlsson|||" + SOUND)
        .orElseThrow();
    assertEquals(SOUND, o.sound());
    assertEquals("", o.switchboardSound());
    assertEquals(SB, LiveOverride.decode("2101", away().withSounds(SOUND, SB).encode())
        .orElseThrow().switchboardSound());
  }

  @Test
  void everyEncodedOverrideDecodesToItself() {
    for (LiveOverride o : new LiveOverride[] {away(), away().setByPhone(),
        away().by(Origin.CALENDAR, "ev-1f2e").withSound(SOUND),
        away().by(Origin.WEB, "op").withSounds(SOUND, SB), away().withSounds("", SB),
        LiveOverride.present("2101", FROM, UNTIL, "calle.carlsson").by(Origin.WEB, "anna")}) {
      assertEquals(o, LiveOverride.decode("2101", o.encode()).orElseThrow());
    }
  }

  @Test
  void aValueWithAnOriginVaxelDoesNotKnowIsReadAsAManualOne() {
    // The dialplan routes on it all the same: vaxel must see it, and the sync must leave it.
    LiveOverride o = LiveOverride.decode("2101",
        "away|1795000000|1795086400|2102|semester||calle.carlsson|fax|someone").orElseThrow();
    assertEquals(Origin.OTHER, o.origin());
    assertEquals("someone", o.setBy());
    assertTrue(o.away());
    assertEquals("2102", o.target());
    assertEquals(UNTIL, o.until());
  }

  @Test
  void setByCannotAddAFieldOrALine() {
    assertThrows(IllegalArgumentException.class, () -> away().by(Origin.WEB, "a|b"));
    assertThrows(IllegalArgumentException.class, () -> away().by(Origin.WEB, "a\nb"));
    assertThrows(IllegalArgumentException.class, () -> away().by(Origin.WEB, "x".repeat(101)));
    assertThrows(IllegalArgumentException.class, () -> away().withSound("../../etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> away().withSounds(SOUND, "/etc/passwd"));
    assertThrows(IllegalArgumentException.class, () -> away().withSounds(SOUND, SB + "|x"));
    assertTrue(LiveOverride.decode("2101", away().encode() + "|||" + SOUND + "|announce-x")
        .isEmpty(), "a stored value vaxel did not write is not read as one");
  }
}
