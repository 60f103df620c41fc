package se.vaxel.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.vaxel.model.Language;

/**
 * An organisation's own speech program: a better voice, a cloud service behind a script.
 *
 * <p>The contract (docs/speech.md): vaxel runs {@code argv} without a shell, with {@code {lang}}
 * in any argument replaced by "sv" or "en"; the sentence arrives on stdin as UTF-8 (never in
 * argv, which every user of the host can read in {@code ps}); the program writes one PCM WAV
 * file of any rate and channel count to stdout and exits 0, within the time limit, else it is
 * killed with everything it started. Its environment is vaxel's less every {@code VAXEL_*}
 * variable. Messages name only the program, never its other arguments (an organisation may put
 * a key there, though a file it reads is better) and never what it wrote on stderr (it may echo
 * the sentence or a key): run it by hand to see those.
 */
public final class CommandEngine implements SpeechEngine {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

  private final List<String> argv;
  private final Duration timeout;
  private final String id;

  /**
   * @throws SpeechException (configuration) for an empty argv, a program given without an
   *     absolute path, or a placeholder other than {@code {lang}}
   */
  public CommandEngine(List<String> argv, Duration timeout) {
    if (argv == null || argv.isEmpty() || argv.get(0).isBlank()) {
      throw new SpeechException(SpeechException.Kind.CONFIGURATION,
          "the speech command is empty; give the program and its arguments");
    }
    if (!Path.of(argv.get(0)).isAbsolute()) {
      // Not looked up in PATH: what runs must not depend on the environment apply runs in.
      throw new SpeechException(SpeechException.Kind.CONFIGURATION, "the speech command "
          + argv.get(0) + " is not an absolute path; give the program's full path");
    }
    for (String arg : argv) {
      Matcher m = PLACEHOLDER.matcher(arg);
      while (m.find()) {
        if (!m.group(1).equals("lang")) {
          throw new SpeechException(SpeechException.Kind.CONFIGURATION, "the speech command "
              + argv.get(0) + " has the placeholder {" + m.group(1) + "}; the only one is"
              + " {lang} (the sentence comes on stdin)");
        }
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new SpeechException(SpeechException.Kind.CONFIGURATION,
          "the speech command's time limit must be positive");
    }
    this.argv = List.copyOf(argv);
    this.timeout = timeout;
    this.id = "command " + SoundStore.sha256(String.join("\0", argv)).substring(0, 16);
  }

  /** A digest of the whole argv: a key in an argument stays out of the id, yet changes it. */
  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] speak(String text, Language language) {
    List<String> command = new ArrayList<>();
    for (String arg : argv) {
      command.add(arg.replace("{lang}", language.code()));
    }
    String program = argv.get(0);
    EngineProcess.Result result;
    try {
      result = EngineProcess.run(command, text.getBytes(StandardCharsets.UTF_8), timeout);
    } catch (EngineProcess.NotStarted e) {
      throw new SpeechException(SpeechException.Kind.CONFIGURATION, "the speech command "
          + program + " cannot be run (not there, or not executable); check the path in the"
          + " organisation's speech settings", e);
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.ENGINE_FAILED,
          "the speech command " + program + " " + e.getMessage(), e);
    }
    if (result.exitCode() != 0) {
      throw new SpeechException(SpeechException.Kind.ENGINE_FAILED, "the speech command "
          + program + " exited " + result.exitCode() + "; run it by hand with a sentence on"
          + " stdin to see its messages");
    }
    return result.stdout();
  }
}
