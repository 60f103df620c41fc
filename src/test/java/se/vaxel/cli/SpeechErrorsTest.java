package se.vaxel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import se.vaxel.speech.SpeechException;

/** Which exit code each kind of speech failure gets (docs/speech.md). */
class SpeechErrorsTest {
  private int exitFor(SpeechException.Kind kind, StringWriter err) {
    CliContext context = new CliContext(new PrintWriter(new StringWriter()),
        new PrintWriter(err), Map.of(), Clock.systemUTC(), false, null);
    CommandLine cl = new CommandLine(new VaxelCommand(context));
    cl.setErr(new PrintWriter(err, true));
    return new ErrorMapper(context).handleExecutionException(
        new SpeechException(kind, "what went wrong"), cl, null);
  }

  @Test
  void theOrganisationsSettingsAreBadInput() {
    StringWriter err = new StringWriter();
    assertEquals(ExitCode.BAD_INPUT.code(), exitFor(SpeechException.Kind.CONFIGURATION, err));
    assertEquals("vaxel: what went wrong", err.toString().strip());
  }

  @Test
  void theHostsEngineOrSoundsDirectoryIsAnApplyFailure() {
    for (SpeechException.Kind kind : new SpeechException.Kind[] {
        SpeechException.Kind.ENGINE_MISSING, SpeechException.Kind.ENGINE_FAILED,
        SpeechException.Kind.WRITE_FAILED}) {
      assertEquals(ExitCode.PBX_UNREACHABLE.code(), exitFor(kind, new StringWriter()),
          kind.name());
    }
  }
}
