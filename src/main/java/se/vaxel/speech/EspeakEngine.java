package se.vaxel.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import se.vaxel.model.Language;

/**
 * The default engine: Debian's {@code espeak-ng}, a small (about 3 MB with its voices), offline
 * speech synthesiser with Swedish and English voices. Robotic but clear, and always there.
 *
 * <p>Runs {@code espeak-ng -v VOICE -s 150 -b 1 --stdin --stdout}: the sentence on stdin as
 * UTF-8, a 22,050 Hz WAV on stdout. 150 words a minute is a little slower than espeak-ng's
 * default 175, for a telephone line and a listener who did not expect the message.
 */
public final class EspeakEngine implements SpeechEngine {
  /** Debian's path, not a PATH lookup: what runs must not depend on the caller's environment. */
  static final String PROGRAM = "/usr/bin/espeak-ng";
  static final int WORDS_PER_MINUTE = 150;

  private final String program;
  private final Duration timeout;

  public EspeakEngine() {
    this(PROGRAM, Duration.ofSeconds(30));
  }

  /** With the organisation's time limit (staff.yaml speech.timeout). */
  public EspeakEngine(Duration timeout) {
    this(PROGRAM, timeout);
  }

  /** With another program path (tests: one that is not there) or time limit. */
  EspeakEngine(String program, Duration timeout) {
    this.program = program;
    this.timeout = timeout;
  }

  /** espeak-ng's voice for the language: British English, as {@link Language#EN}'s locale. */
  static String voice(Language language) {
    return switch (language) {
      case SV -> "sv";
      case EN -> "en-gb";
    };
  }

  @Override
  public String id() {
    return "espeak-ng -s " + WORDS_PER_MINUTE;
  }

  @Override
  public byte[] speak(String text, Language language) {
    List<String> argv = List.of(program, "-v", voice(language), "-s",
        Integer.toString(WORDS_PER_MINUTE), "-b", "1", "--stdin", "--stdout");
    EngineProcess.Result result;
    try {
      result = EngineProcess.run(argv, text.getBytes(StandardCharsets.UTF_8), timeout);
    } catch (EngineProcess.NotStarted e) {
      throw new SpeechException(SpeechException.Kind.ENGINE_MISSING, "the speech engine "
          + program + " is not installed on this host (" + e.getMessage() + "); install it"
          + " with 'apt-get install espeak-ng', or configure the organisation's own speech"
          + " command (docs/speech.md)", e);
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.ENGINE_FAILED,
          "the speech engine " + program + " " + e.getMessage(), e);
    }
    if (result.exitCode() != 0) {
      // espeak-ng's own messages ("Failed to read voice 'sv'") never contain the sentence.
      throw new SpeechException(SpeechException.Kind.ENGINE_FAILED, "the speech engine "
          + program + " exited " + result.exitCode()
          + (result.firstErrorLine().isEmpty() ? "" : ": " + result.firstErrorLine())
          + "; check that the espeak-ng-data package has the voice " + voice(language));
    }
    return result.stdout();
  }
}
