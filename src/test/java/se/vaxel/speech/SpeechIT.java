package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.model.Language;
import se.vaxel.model.Reason;
import se.vaxel.render.Templates;
import se.vaxel.speech.Announcement.Target;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * The real espeak-ng makes the sentence, and the real Asterisk plays it.
 *
 * <p>espeak-ng is not optional here: where it is missing these tests fail (with the message
 * that says how to install it), in CI and on a developer's machine alike; {@code .ci/run}
 * installs it.
 */
class SpeechIT {
  private static final String CONTEXT = "speech-test";
  private static final String INCLUDE = "#include \"" + CONTEXT + ".conf\"";
  /** Where the sandbox's Asterisk finds the files: the store's default directory. */
  private static final String SOUNDS = "/var/lib/asterisk/sounds/vaxel";

  private static Sandbox sandbox;

  @TempDir Path dir;

  private final AnnouncementText text = new AnnouncementText(new Templates(Optional.empty()));

  private String sentence(Language lang) {
    return text.render(new Announcement("Calle Carlsson", lang, Reason.SEMESTER,
        LocalDate.of(2026, 11, 30).atStartOfDay(), LocalDate.of(2026, 12, 7).atStartOfDay(),
        LocalDate.of(2026, 12, 7), Target.person("Anna Berg")));
  }

  @BeforeAll
  static void installPlaybackContext() throws IOException {
    sandbox = Sandbox.get();
    // Plays the file named by SOUND and reports how it went, then hangs up.
    Files.writeString(sandbox.etc().resolve(CONTEXT + ".conf"), String.join("\n",
        "[" + CONTEXT + "]",
        "exten => s,1,Answer()",
        " same => n,Playback(" + SOUNDS + "/${SOUND})",
        " same => n,UserEvent(VaxelPlayed,Status: ${PLAYBACKSTATUS},Call: ${VAXEL_CALL})",
        " same => n,Hangup()",
        ""), StandardCharsets.UTF_8);
    Path ext = sandbox.etc().resolve("extensions.conf");
    String conf = Files.readString(ext, StandardCharsets.UTF_8);
    if (!conf.contains(INCLUDE)) {
      Files.writeString(ext, conf + "\n" + INCLUDE + "\n", StandardCharsets.UTF_8);
    }
    sandbox.cli("dialplan reload");
  }

  @AfterAll
  static void removePlaybackContext() throws IOException {
    if (sandbox != null) {
      Path ext = sandbox.etc().resolve("extensions.conf");
      Files.writeString(ext, Files.readString(ext, StandardCharsets.UTF_8)
          .replace("\n" + INCLUDE + "\n", "\n"), StandardCharsets.UTF_8);
      sandbox.cli("dialplan reload");
      new SoundStore(sandbox.root().resolve(SOUNDS.substring(1)), new EspeakEngine())
          .retain(java.util.Set.of(), java.time.Instant.now().plus(SoundStore.GRACE));
    }
  }

  @Test
  void espeakMakesAnAsteriskWavInBothLanguages() throws IOException {
    SoundStore store = new SoundStore(dir, new EspeakEngine());
    for (Language lang : Language.values()) {
      SoundStore.Sound sound = store.ensure(sentence(lang), lang);
      assertTrue(sound.made());
      byte[] wav = Files.readAllBytes(sound.file());
      ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
      assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
      assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
      assertEquals(1, b.getShort(20), "PCM");
      assertEquals(1, b.getShort(22), "mono");
      assertEquals(8000, b.getInt(24), "Hz");
      assertEquals(16, b.getShort(34), "bits");
      double seconds = b.getInt(40) / 16000.0;
      // About 200 characters at 150 words a minute: well over five seconds, well under a minute.
      assertTrue(seconds > 5 && seconds < 60, lang + ": " + seconds + " s");
      assertFalse(store.ensure(sentence(lang), lang).made(), "made once");
    }
  }

  @Test
  void asteriskPlaysTheFile() throws Exception {
    SoundStore.Sound sound = new SoundStore(sandbox.root().resolve(SOUNDS.substring(1)),
        new EspeakEngine()).ensure(sentence(Language.SV), Language.SV);
    double seconds = Wav.read(Files.readAllBytes(sound.file())).seconds();

    long started = System.nanoTime();
    assertEquals("SUCCESS", play(sound.name()));
    double took = (System.nanoTime() - started) / 1e9;
    // Playback returns when the file has been played, so the call took about as long as it.
    assertTrue(took > seconds * 0.8, "played " + took + " s of a " + seconds + " s file");
  }

  @Test
  void aFileThatIsNotThereIsAFailedPlayback() throws Exception {
    // The check above could not pass without a playable file: Asterisk says FAILED here.
    assertEquals("FAILED", play("announce-00000000000000000000000000000000"));
  }

  /** Calls the playback context with SOUND set, and returns its PLAYBACKSTATUS. */
  private String play(String name) throws Exception {
    Pbx pbx = new Pbx(sandbox);
    String id = UUID.randomUUID().toString();
    CompletableFuture<String> status = new CompletableFuture<>();
    try (AmiClient ami = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription sub = ami.onUserEvent("VaxelPlayed", e -> {
          if (id.equals(e.get("call"))) {
            status.complete(e.get("status"));
          }
        })) {
      // "__" makes the variables reach the Local channel's other half, which runs the context.
      ami.originate("Local/s@" + CONTEXT, "Wait", "60",
          Map.of("__VAXEL_CALL", id, "__SOUND", name), Duration.ofSeconds(10));
      return status.get(60, TimeUnit.SECONDS);
    }
  }
}
