package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Language;
import se.vaxel.render.Templates;

class PhraseKitTest {
  /** Past the retain grace of every file made now. */
  static final java.time.Instant LATER = java.time.Instant.now().plus(SoundStore.GRACE).plusSeconds(60);
  private final PhraseKit kit = new PhraseKit(new Templates(Optional.empty()));

  @Test
  void everyLanguageHasEveryPhraseAndTheKitIsBounded() {
    assertTrue(PhraseKit.keys().size() <= 200, PhraseKit.keys().size() + " phrases");
    for (Language l : Language.values()) {
      Map<String, String> phrases = kit.phrases(l);
      assertEquals(PhraseKit.keys(), phrases.keySet().stream().toList(), l.code());
      Set<String> silent = phrases.entrySet().stream().filter(e -> e.getValue().isEmpty())
          .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
      assertEquals(l == Language.SV ? Set.of("minute-0") : Set.of(), silent, l.code());
    }
    assertEquals("", kit.phrases(Language.SV).get("minute-0"));
    assertEquals("annat,", kit.phrases(Language.SV).get("reason-annat"));
    assertEquals("other,", kit.phrases(Language.EN).get("reason-annat"));
    assertTrue(!PhraseKit.keys().contains("reason-sjuk"));
  }

  @Test
  void aSecondEnsureMakesNothingAndTheStoresKeepEachOthersFiles(@TempDir Path dir) {
    FakeEngine engine = new FakeEngine("fake-1");
    SoundStore phrases = SoundStore.phrases(dir, engine);
    int made = 0;
    for (String words : kit.phrases(Language.SV).values()) {
      if (!words.isEmpty()) {
        made += phrases.ensure(words, Language.SV).made() ? 1 : 0;
      }
    }
    int spoken = engine.spoken.size();
    assertTrue(made > 150 && made <= 200, made + " made");
    for (String words : kit.phrases(Language.SV).values()) {
      if (!words.isEmpty()) {
        assertTrue(!phrases.ensure(words, Language.SV).made(), words);
      }
    }
    assertEquals(spoken, engine.spoken.size(), "the second time speaks nothing");
    SoundStore announcements = new SoundStore(dir, engine);
    announcements.ensure("Du har ringt Anna Berg.", Language.SV);
    assertEquals(1, announcements.retain(Set.of(), LATER), "only the announcement goes");
    assertEquals(made - 1, phrases.retain(Set.of(phrases.nameOf("den sjätte", Language.SV)), LATER));
    assertTrue(Files.exists(dir.resolve(phrases.nameOf("den sjätte", Language.SV) + ".wav")));
  }

  @Test
  void anOverrideThatLosesPhrasesSaysWhichAllAtOnce(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("sv"));
    Files.writeString(dir.resolve("sv/phone-codes.ftl"), "registered = Klart.\nextra = x\n");
    PhraseKit own = new PhraseKit(new Templates(Optional.of(dir)));
    SpeechException e = assertThrows(SpeechException.class, () -> own.phrases(Language.SV));
    assertTrue(e.getMessage().contains("unknown phrase extra"), e.getMessage());
    assertTrue(e.getMessage().contains("no phrase through"), e.getMessage());
    assertTrue(e.getMessage().contains("no phrase digit-9"), e.getMessage());
  }
}
