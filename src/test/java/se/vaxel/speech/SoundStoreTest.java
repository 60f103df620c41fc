package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Language;

class SoundStoreTest {
  private static final String SENTENCE = "Du har ringt Calle Carlsson. Du kopplas nu till växeln.";

  @TempDir Path dir;

  @Test
  void theSameSentenceIsMadeOnceAndNeverRewritten() throws IOException {
    FakeEngine engine = new FakeEngine("fake");
    SoundStore store = new SoundStore(dir.resolve("vaxel"), engine);
    SoundStore.Sound first = store.ensure(SENTENCE, Language.SV);
    assertTrue(first.made());
    assertTrue(first.name().matches("announce-[0-9a-f]{32}"), first.name());
    assertEquals(dir.resolve("vaxel").resolve(first.name() + ".wav"), first.file());
    FileTime written = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(first.file(), written);

    SoundStore.Sound again = new SoundStore(dir.resolve("vaxel"), engine).ensure(SENTENCE,
        Language.SV);
    assertFalse(again.made());
    assertEquals(first.name(), again.name());
    assertEquals(1, engine.spoken.size(), "the engine ran once");
    assertEquals(written, Files.getLastModifiedTime(first.file()), "the file was not rewritten");
  }

  @Test
  void theFileIsWhatAsteriskPlays() throws IOException {
    SoundStore.Sound sound = new SoundStore(dir, new FakeEngine("fake")).ensure(SENTENCE,
        Language.SV);
    Wav.Pcm pcm = Wav.read(Files.readAllBytes(sound.file()));
    assertEquals(8000, pcm.rate());
    assertEquals(SENTENCE.length() * 0.02, pcm.seconds(), 0.01);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(sound.file()), files.toList(), "no temporary file is left");
    }
  }

  @Test
  void anotherSentenceLanguageOrEngineIsAnotherFile() {
    SoundStore store = new SoundStore(dir, new FakeEngine("fake"));
    String name = store.nameOf(SENTENCE, Language.SV);
    assertNotEquals(name, store.nameOf(SENTENCE + " ", Language.SV));
    assertNotEquals(name, store.nameOf(SENTENCE, Language.EN));
    assertNotEquals(name, new SoundStore(dir, new FakeEngine("other voice"))
        .nameOf(SENTENCE, Language.SV));
    assertEquals(name, new SoundStore(dir, new FakeEngine("fake")).nameOf(SENTENCE, Language.SV));
  }

  @Test
  void retainRemovesOnlyUnusedAnnouncements() throws IOException {
    SoundStore store = new SoundStore(dir, new FakeEngine("fake"));
    String kept = store.ensure(SENTENCE, Language.SV).name();
    String dropped = store.ensure("Something else.", Language.EN).name();
    Path mine = Files.writeString(dir.resolve("announce-mine.wav"), "not vaxel's");
    Path other = Files.writeString(dir.resolve("README"), "not vaxel's");

    Instant later = Instant.now().plus(SoundStore.GRACE).plusSeconds(60);
    assertEquals(1, store.retain(Set.of(kept), later));
    assertTrue(Files.exists(dir.resolve(kept + ".wav")));
    assertFalse(Files.exists(dir.resolve(dropped + ".wav")));
    assertTrue(Files.exists(mine));
    assertTrue(Files.exists(other));
    assertEquals(0, store.retain(Set.of(kept), later));
  }

  /**
   * The race with a concurrent absence set (docs/speech.md): a file made less than the grace
   * ago is kept though nothing names it yet; the same file older than that goes. Phrases alike.
   */
  @Test
  void retainKeepsAnUnusedFileYoungerThanTheGrace() throws IOException {
    Instant now = Instant.parse("2026-12-02T10:00:00Z");
    SoundStore store = new SoundStore(dir, new FakeEngine("fake"));
    SoundStore phrases = SoundStore.phrases(dir, new FakeEngine("fake"));
    Path young = store.ensure(SENTENCE, Language.SV).file();
    Path old = store.ensure("Something else.", Language.EN).file();
    Path youngPhrase = phrases.ensure("den sjätte", Language.SV).file();
    Path oldPhrase = phrases.ensure("den sjunde", Language.SV).file();
    Files.setLastModifiedTime(young, FileTime.from(now.minus(SoundStore.GRACE).plusSeconds(1)));
    Files.setLastModifiedTime(youngPhrase, FileTime.from(now.minusSeconds(5)));
    Files.setLastModifiedTime(old, FileTime.from(now.minus(SoundStore.GRACE).minusSeconds(1)));
    Files.setLastModifiedTime(oldPhrase, FileTime.from(now.minus(Duration.ofDays(1))));

    assertEquals(1, store.retain(Set.of(), now));
    assertEquals(1, phrases.retain(Set.of(), now));
    assertTrue(Files.exists(young), "younger than the grace: kept");
    assertTrue(Files.exists(youngPhrase));
    assertFalse(Files.exists(old), "older than the grace and unused: removed");
    assertFalse(Files.exists(oldPhrase));
    // The next apply, past the grace, removes what is still unused.
    assertEquals(1, store.retain(Set.of(), now.plus(SoundStore.GRACE).plusSeconds(2)));
    assertFalse(Files.exists(young));
  }

  /** Whoever writes, Asterisk's user must read: 0644 whatever the umask. */
  @Test
  void aFileIsReadableByEveryoneAndADirectoryTakesTheSoundsDirectorysPermissions() throws IOException {
    Path sounds = Files.createDirectory(dir.resolve("sounds"));
    Files.setAttribute(sounds, "unix:mode", 02775);
    SoundStore store = new SoundStore(sounds.resolve("org"), new FakeEngine("fake"));
    Path file = store.ensure(SENTENCE, Language.SV).file();
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(0775, (Integer) Files.getAttribute(sounds.resolve("org"), "unix:mode") & 0777,
        "group-writable like the sounds directory, whatever the umask");
  }

  @Test
  void anEngineThatWritesNoSpeechIsAnEngineFailure() {
    SpeechEngine silent = new SpeechEngine() {
      @Override
      public String id() {
        return "silent";
      }

      @Override
      public byte[] speak(String text, Language language) {
        return WavTest.wav(8000, 1, 16, new float[10], false);
      }
    };
    SpeechException e = assertThrows(SpeechException.class,
        () -> new SoundStore(dir, silent).ensure(SENTENCE, Language.SV));
    assertEquals(SpeechException.Kind.ENGINE_FAILED, e.kind());
    assertTrue(e.getMessage().contains("0.0 s of audio"), e.getMessage());
    assertFalse(e.getMessage().contains("Calle"), "the sentence stays out of messages");
  }

  @Test
  void anUnwritableDirectoryIsAWriteFailure() throws IOException {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    SpeechException e = assertThrows(SpeechException.class,
        () -> new SoundStore(file.resolve("vaxel"), new FakeEngine("fake")).ensure(SENTENCE,
            Language.SV));
    assertEquals(SpeechException.Kind.WRITE_FAILED, e.kind());
  }
}
