package se.vaxel.speech;

import se.vaxel.model.Language;

/**
 * Turns a sentence into audio. Pluggable: {@link EspeakEngine} by default, an organisation's own
 * program through {@link CommandEngine}, a fake in tests.
 *
 * <p>An engine returns WAV of any PCM kind; {@link Wav#forAsterisk} makes it what the PBX
 * plays, so no engine needs to know Asterisk.
 */
public interface SpeechEngine {
  /**
   * What makes this engine's audio what it is (program, voice, options), never a secret in
   * clear: it is hashed into every sound file's name, so changing the engine or its voice makes
   * new files, and keeping it keeps them.
   */
  String id();

  /**
   * The sentence spoken in the language, as WAV bytes.
   *
   * @throws SpeechException when the engine is missing, fails, runs too long or writes no audio
   */
  byte[] speak(String text, Language language);
}
