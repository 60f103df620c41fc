package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Language;

/** The organisation's command, played by small shell scripts. */
class CommandEngineTest {
  private static final String SENTENCE = "Du har ringt Calle Carlsson.";

  @TempDir Path dir;

  private Path script(String name, String body) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void theSentenceArrivesOnStdinAndTheLanguageInArgv() throws IOException {
    Path seen = dir.resolve("seen");
    Path wav = dir.resolve("tone.wav");
    Files.write(wav, WavTest.wav(16000, 1, 16, WavTest.tone(300, 16000, 0.5), false));
    Path tts = script("tts", "echo \"$@\" > " + seen + ".args; cat > " + seen
        + "; env > " + seen + ".env; cat " + wav);
    CommandEngine engine = new CommandEngine(List.of(tts.toString(), "--voice={lang}"),
        Duration.ofSeconds(10));
    byte[] audio = engine.speak(SENTENCE, Language.SV);
    assertEquals(16000, Wav.read(audio).rate());
    assertEquals(SENTENCE, Files.readString(seen));
    assertEquals("--voice=sv", Files.readString(Path.of(seen + ".args")).strip());
    assertFalse(Files.readString(Path.of(seen + ".env")).contains("VAXEL_"),
        "no VAXEL_ variable (the AMI secret) reaches the command");
  }

  @Test
  void aCommandThatRunsTooLongIsKilledWithWhatItStarted() throws IOException {
    Path pidFile = dir.resolve("child.pid");
    Path tts = script("slow", "sleep 300 & echo $! > " + pidFile + "; wait");
    CommandEngine engine = new CommandEngine(List.of(tts.toString()), Duration.ofMillis(1500));
    SpeechException e = assertThrows(SpeechException.class,
        () -> engine.speak(SENTENCE, Language.EN));
    assertEquals(SpeechException.Kind.ENGINE_FAILED, e.kind());
    assertTrue(e.getMessage().contains("ran longer than 1.5 s"), e.getMessage());
    long child = Long.parseLong(Files.readString(pidFile).strip());
    // Gone, or a zombie waiting for init to reap it (then /proc says state Z).
    assertFalse(ProcessHandle.of(child).map(CommandEngineTest::running).orElse(false),
        "the command's own child was killed too");
  }

  private static boolean running(ProcessHandle p) {
    try {
      String stat = Files.readString(Path.of("/proc/" + p.pid() + "/stat"));
      return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aFailingCommandIsNamedButNeitherItsArgumentsNorItsStderr() throws IOException {
    Path tts = script("failing", "cat; echo \"secret-key-123 $(cat)\" >&2; exit 7");
    CommandEngine engine = new CommandEngine(List.of(tts.toString(), "--key=secret-key-123"),
        Duration.ofSeconds(10));
    SpeechException e = assertThrows(SpeechException.class,
        () -> engine.speak(SENTENCE, Language.SV));
    assertEquals(SpeechException.Kind.ENGINE_FAILED, e.kind());
    assertTrue(e.getMessage().contains(tts.toString()) && e.getMessage().contains("exited 7"),
        e.getMessage());
    assertFalse(e.getMessage().contains("secret-key-123"), e.getMessage());
    assertFalse(e.getMessage().contains("Calle"), e.getMessage());
    assertFalse(engine.id().contains("secret-key-123"), engine.id());
  }

  @Test
  void theIdChangesWithTheArguments() {
    assertNotEquals(new CommandEngine(List.of("/usr/bin/tts", "--voice=a"), Duration.ofSeconds(1)).id(),
        new CommandEngine(List.of("/usr/bin/tts", "--voice=b"), Duration.ofSeconds(1)).id());
  }

  @Test
  void aBadConfigurationIsRefusedBeforeAnythingRuns() {
    for (List<String> argv : List.of(List.<String>of(), List.of("tts"),
        List.of("/usr/bin/tts", "{text}"))) {
      SpeechException e = assertThrows(SpeechException.class,
          () -> new CommandEngine(argv, Duration.ofSeconds(1)));
      assertEquals(SpeechException.Kind.CONFIGURATION, e.kind(), argv.toString());
    }
  }

  @Test
  void aMissingCommandIsTheOrganisationsConfiguration() {
    CommandEngine engine = new CommandEngine(List.of(dir.resolve("nope").toString()),
        Duration.ofSeconds(5));
    SpeechException e = assertThrows(SpeechException.class,
        () -> engine.speak(SENTENCE, Language.SV));
    assertEquals(SpeechException.Kind.CONFIGURATION, e.kind());
  }

  @Test
  void aMissingEspeakSaysHowToInstallIt() {
    EspeakEngine engine = new EspeakEngine(dir.resolve("espeak-ng").toString(),
        Duration.ofSeconds(5));
    SpeechException e = assertThrows(SpeechException.class,
        () -> engine.speak(SENTENCE, Language.SV));
    assertEquals(SpeechException.Kind.ENGINE_MISSING, e.kind());
    assertTrue(e.getMessage().contains("apt-get install espeak-ng"), e.getMessage());
  }
}
