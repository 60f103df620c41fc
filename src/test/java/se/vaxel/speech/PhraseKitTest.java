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
    assertTrue(PhraseKit.keys().size() <= 220, PhraseKit.keys().size() + " phrases");
    for (Language l : Language.values()) {
      Map<String, String> phrases = kit.phrases(l);
      assertEquals(PhraseKit.keys(), phrases.keySet().stream().toList(), l.code());
      Set<String> silent = phrases.entrySet().stream().filter(e -> e.getValue().isEmpty())
          .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
      Set<String> halves = java.util.stream.IntStream.range(0, 24).mapToObj(h -> "half-" + h)
          .collect(java.util.stream.Collectors.toSet());
      assertEquals(l == Language.SV ? halves : Set.of(), silent, l.code());
    }
    assertEquals("", kit.phrases(Language.SV).get("half-14"));
    assertEquals("p.m.", kit.phrases(Language.EN).get("half-14"));
    assertEquals("noon", kit.phrases(Language.EN).get("oclock-12"));
    assertEquals("och fem", kit.phrases(Language.SV).get("minute-5"));
    assertEquals("annat,", kit.phrases(Language.SV).get("reason-annat"));
    assertEquals("other,", kit.phrases(Language.EN).get("reason-annat"));
    assertTrue(!PhraseKit.keys().contains("reason-sjuk"));
  }

  /**
   * The kit says every minute of the day as the announcements do: the {clock} slot's phrases
   * in order are SpokenWords.time's words, in both languages.
   */
  @Test
  void theKitSaysEveryTimeAsTheAnnouncementsDo() {
    for (Language l : Language.values()) {
      SpokenWords w = new SpokenWords(l);
      for (int minute = 0; minute < 24 * 60; minute++) {
        java.time.LocalDateTime t = java.time.LocalDate.of(2026, 12, 1).atStartOfDay()
            .plusMinutes(minute);
        assertEquals(w.time(t.toLocalTime()).words(),
            kit.say(l, java.util.List.of("{clock}"), "", t, ""), l.code() + " " + t);
      }
    }
    assertEquals("Frånvaro registrerad: möte, till klockan åtta och fem i dag.",
        kit.say(Language.SV, PhraseKit.AWAY_TIME, "mote",
            java.time.LocalDateTime.of(2026, 12, 1, 8, 5), ""));
    assertEquals("Absence registered: meeting, until eight oh five a.m. today.",
        kit.say(Language.EN, PhraseKit.AWAY_TIME, "mote",
            java.time.LocalDateTime.of(2026, 12, 1, 8, 5), ""));
  }

  @Test
  void onlyThePeopleWithAnotherLanguageNeedItsKit() throws Exception {
    String yaml = """
        organisation:
          name: Bjurholms kommun
          place: Bjurholm
          switchboard: "100"
          phone: "0934-140 00"
          functional-mailbox: kommunen@bjurholm.se
          language: sv
          timezone: Europe/Stockholm
        speech:
          announcement: true
        staff:
          - id: anna.berg
            first-name: Anna
            last-name: Berg
            extension: "2102"
            email: anna.berg@bjurholm.se
          - id: bo.lind
            first-name: Bo
            last-name: Lind
            extension: "2103"
            email: bo.lind@bjurholm.se
            language: %s
          - id: eva.mobil
            first-name: Eva
            last-name: Mobil
            mobile: "070-000 00 00"
            email: eva@bjurholm.se
            language: %s
        """;
    se.vaxel.staff.StaffLoader loader = new se.vaxel.staff.StaffLoader();
    se.vaxel.model.Staff mixed = loader.parse("t.yaml", yaml.formatted("en", "sv"));
    assertEquals(java.util.List.of(Language.SV, Language.EN),
        java.util.List.copyOf(PhraseKit.languages(mixed)));
    assertEquals(Optional.of(Language.EN), PhraseKit.ownLanguage(mixed, mixed.people().get(1)));
    assertEquals(Optional.empty(), PhraseKit.ownLanguage(mixed, mixed.people().get(0)));
    assertEquals(Set.of(Language.SV, Language.EN), kit.needed(mixed).keySet());
    assertEquals("Welcome back.", kit.needed(mixed).get(Language.EN).get("back"));
    // Someone without an extension never dials a code: no kit for her language.
    se.vaxel.model.Staff noPhone = loader.parse("t.yaml", yaml.formatted("sv", "en"));
    assertEquals(Set.of(Language.SV), PhraseKit.languages(noPhone));
    assertEquals(Set.of(Language.SV), kit.needed(noPhone).keySet());
    // Without speech nothing is made and nobody needs a label.
    se.vaxel.model.Staff off = loader.parse("t.yaml",
        yaml.formatted("en", "sv").replace("speech:\n  announcement: true\n", ""));
    assertEquals(Map.of(), kit.needed(off));
    assertEquals(Optional.empty(), PhraseKit.ownLanguage(off, off.people().get(1)));
    assertEquals(Set.of(Language.SV), kit.playback(off).keySet());
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
