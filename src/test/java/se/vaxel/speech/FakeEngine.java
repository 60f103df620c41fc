package se.vaxel.speech;

import java.util.ArrayList;
import java.util.List;
import se.vaxel.model.Language;

/** Speaks a tone as long as the sentence (20 ms a character) and counts what it was asked. */
final class FakeEngine implements SpeechEngine {
  final List<String> spoken = new ArrayList<>();
  private final String id;

  FakeEngine(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public byte[] speak(String text, Language language) {
    spoken.add(language.code() + ":" + text);
    return WavTest.wav(22050, 1, 16, WavTest.tone(220, 22050, text.length() * 0.02), true);
  }
}
