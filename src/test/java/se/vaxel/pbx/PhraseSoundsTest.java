package se.vaxel.pbx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Language;
import se.vaxel.model.Staff;
import se.vaxel.render.Templates;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.PhraseKit;
import se.vaxel.speech.SoundStore;
import se.vaxel.speech.SpeechEngine;
import se.vaxel.staff.StaffLoader;

/**
 * The phrase kits as apply's sound producer: the kit of every language in use is made once,
 * and a kit nobody speaks any more is removed.
 */
class PhraseSoundsTest {
  @TempDir Path dir;
  private Path calls;
  private Path tts;
  private final PhraseKit kit = new PhraseKit(new Templates(Optional.empty()));
  private final PhraseSounds sounds = new PhraseSounds(kit);

  @BeforeEach
  void engine() throws Exception {
    // A "speech command" that counts its runs and writes a tenth of a second of tone.
    float rate = 8000;
    byte[] pcm = new byte[800 * 2];
    for (int i = 0; i < 800; i++) {
      short v = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    Path wav = dir.resolve("tone.wav");
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm),
        new AudioFormat(rate, 16, 1, true, false), 800), AudioFileFormat.Type.WAVE, wav.toFile());
    calls = dir.resolve("calls");
    tts = dir.resolve("tts");
    Files.writeString(tts, "#!/bin/sh\ncat >> " + calls + "; echo >> " + calls + "; cat " + wav
        + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(tts, PosixFilePermissions.fromString("rwx------"));
  }

  private Staff staff(String boLanguage) throws Exception {
    return new StaffLoader().parse("t.yaml", """
        organisation:
          id: bjurholm
          name: Bjurholms kommun
          place: Bjurholm
          switchboard: "100"
          phone: "0934-140 00"
          functional-mailbox: kommunen@bjurholm.se
          language: sv
          timezone: Europe/Stockholm
        speech:
          announcement: true
          sounds-dir: %s
          command: [%s]
        staff:
          - id: anna.berg
            first-name: Anna
            last-name: Berg
            email: anna@bjurholm.se
            extension: "2102"
          - id: bo.lind
            first-name: Bo
            last-name: Lind
            email: bo@bjurholm.se
            extension: "2103"
            language: %s
        """.formatted(dir.resolve("sounds"), tts, boLanguage));
  }

  private int engineRuns() throws IOException {
    return Files.exists(calls) ? (int) Files.readAllLines(calls).stream()
        .filter(l -> !l.isEmpty()).count() : 0;
  }

  private Set<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve("sounds").resolve("bjurholm"))) {
      return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  /** The file names of one language's kit, as PhraseKit names them. */
  private Set<String> kitFiles(Staff staff, Language language) {
    SpeechEngine engine = AbsenceAnnouncements.engine(staff.speech());
    Set<String> out = new HashSet<>();
    for (String words : kit.needed(staff).get(language).values()) {
      out.add(SoundStore.phraseName(engine, words, language) + ".wav");
    }
    return out;
  }

  @Test
  void theKitOfEveryLanguageInUseIsMadeOnceAndAnUnusedOneGoes() throws Exception {
    Staff mixed = staff("en");
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    sounds.ensure(mixed, now);
    Set<String> sv = kitFiles(mixed, Language.SV);
    Set<String> en = kitFiles(mixed, Language.EN);
    assertTrue(sv.size() > 150 && en.size() > 150, sv.size() + " sv, " + en.size() + " en");
    Set<String> both = new HashSet<>(sv);
    both.addAll(en);
    assertEquals(sv.size() + en.size(), both.size(), "the languages share no file");
    assertEquals(both, files());
    assertEquals(both.size(), engineRuns(), "one run per distinct phrase");

    sounds.ensure(mixed, now);
    assertEquals(both.size(), engineRuns(), "the second ensure speaks nothing");
    assertEquals(0, sounds.retain(mixed, List.of(), now), "every file is in use");

    // Bo now speaks Swedish: nobody needs the English kit any more.
    Staff swedish = staff("sv");
    assertEquals(Map.of(Language.SV, kit.needed(mixed).get(Language.SV)), kit.needed(swedish));
    assertEquals(en.size(), sounds.retain(swedish, List.of(), now));
    assertEquals(sv, files());
  }
}
