package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
    Object inode = Files.readAttributes(first.file(), BasicFileAttributes.class).fileKey();
    byte[] bytes = Files.readAllBytes(first.file());

    SoundStore.Sound again = new SoundStore(dir.resolve("vaxel"), engine).ensure(SENTENCE,
        Language.SV);
    assertFalse(again.made());
    assertEquals(first.name(), again.name());
    assertEquals(1, engine.spoken.size(), "the engine ran once");
    assertEquals(inode, Files.readAttributes(first.file(), BasicFileAttributes.class).fileKey(),
        "the file was not rewritten");
    assertArrayEquals(bytes, Files.readAllBytes(first.file()));
  }

  /**
   * retain's grace protects a file this run names again as it does a new one: a reused file
   * older than the grace is renewed, so a concurrent retain that has not seen the new use
   * yet keeps it.
   */
  @Test
  void aReusedFileOlderThanTheGraceSurvivesRetain() throws IOException {
    SoundStore store = new SoundStore(dir, new FakeEngine("fake"));
    Path file = store.ensure(SENTENCE, Language.SV).file();
    Files.setLastModifiedTime(file,
        FileTime.from(Instant.now().minus(SoundStore.GRACE).minus(Duration.ofHours(1))));

    assertFalse(store.ensure(SENTENCE, Language.SV).made());
    assertEquals(0, store.retain(Set.of(), Instant.now()));
    assertTrue(Files.exists(file), "renewed by its reuse: kept");
  }

  /**
   * Anyone who may write the sounds directory could plant a link at a name vaxel will write
   * or remove; the file it leads to (the PBX configuration, say) is never written or removed.
   */
  @Test
  void aLinkPlantedAsAnAnnouncementNeverReachesItsTarget() throws IOException {
    Path victim = Files.writeString(dir.resolve("extensions.conf"), "[default]\n");
    Path org = Files.createDirectory(dir.resolve("org"));
    FakeEngine engine = new FakeEngine("fake");
    SoundStore store = new SoundStore(org, engine);
    Path planted = org.resolve(store.nameOf(SENTENCE, Language.SV) + ".wav");
    Files.createSymbolicLink(planted, victim);
    Path unused = Files.createSymbolicLink(
        org.resolve("announce-0123456789abcdef0123456789abcdef.wav"), victim);

    SoundStore.Sound sound = store.ensure(SENTENCE, Language.SV);
    assertTrue(sound.made(), "a link is no file of vaxel's: the sentence is made");
    assertFalse(Files.isSymbolicLink(planted), "the link was replaced by the file");
    assertEquals(8000, Wav.read(Files.readAllBytes(planted)).rate());
    assertEquals("[default]\n", Files.readString(victim));

    assertEquals(2, store.retain(Set.of(), Instant.now().plus(Duration.ofDays(1))));
    assertFalse(Files.exists(unused, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(planted));
    assertEquals("[default]\n", Files.readString(victim), "retain removed links, not targets");
  }

  @Test
  void anOrganisationDirectoryThatIsALinkIsRefused() throws IOException {
    Path elsewhere = Files.createDirectory(dir.resolve("etc-asterisk"));
    Path kept = Files.writeString(
        elsewhere.resolve("announce-0123456789abcdef0123456789abcdef.wav"), "not ours");
    Path org = Files.createSymbolicLink(dir.resolve("org"), elsewhere);
    SoundStore store = new SoundStore(org, new FakeEngine("fake"));

    SpeechException write = assertThrows(SpeechException.class,
        () -> store.ensure(SENTENCE, Language.SV));
    assertEquals(SpeechException.Kind.WRITE_FAILED, write.kind());
    assertTrue(write.getMessage().contains("symbolic link"), write.getMessage());
    SpeechException remove = assertThrows(SpeechException.class,
        () -> store.retain(Set.of(), Instant.now().plus(Duration.ofDays(1))));
    assertTrue(remove.getMessage().contains("symbolic link"), remove.getMessage());
    try (Stream<Path> files = Files.list(elsewhere)) {
      assertEquals(List.of(kept), files.toList(), "nothing written or removed there");
    }
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
