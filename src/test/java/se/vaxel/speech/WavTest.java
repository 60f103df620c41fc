package se.vaxel.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class WavTest {
  /** A sine of {@code hz} at {@code rate}, {@code seconds} long, amplitude 0.5. */
  static float[] tone(double hz, int rate, double seconds) {
    float[] s = new float[(int) (rate * seconds)];
    for (int i = 0; i < s.length; i++) {
      s[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / rate));
    }
    return s;
  }

  /** A PCM WAV as another program would write it. */
  static byte[] wav(int rate, int channels, int bits, float[] mono, boolean streamed) {
    int width = bits / 8;
    int data = mono.length * channels * width;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(streamed ? 0x7ffff024 : 36 + data).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels)
        .putInt(rate).putInt(rate * channels * width).putShort((short) (channels * width))
        .putShort((short) bits);
    b.putInt(0x61746164).putInt(streamed ? 0x7ffff000 : data);
    for (float v : mono) {
      for (int c = 0; c < channels; c++) {
        switch (bits) {
          case 8 -> b.put((byte) (Math.round(v * 127) + 128));
          case 16 -> b.putShort((short) Math.round(v * 32767));
          default -> b.putInt(Math.round(v * 2147483647.0f));
        }
      }
    }
    return b.array();
  }

  private static double rms(float[] s, int from, int to) {
    double sum = 0;
    for (int i = from; i < to; i++) {
      sum += s[i] * s[i];
    }
    return Math.sqrt(sum / (to - from));
  }

  private static int zeroCrossings(float[] s, int from, int to) {
    int n = 0;
    for (int i = from + 1; i < to; i++) {
      if ((s[i - 1] < 0) != (s[i] < 0)) {
        n++;
      }
    }
    return n;
  }

  @Test
  void asteriskGetsAn8kHzMono16BitHeader() {
    byte[] out = Wav.forAsterisk(wav(22050, 1, 16, tone(440, 22050, 1), true));
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(0x46464952, b.getInt(0));
    assertEquals(out.length - 8, b.getInt(4));
    assertEquals(1, b.getShort(20), "PCM");
    assertEquals(1, b.getShort(22), "mono");
    assertEquals(8000, b.getInt(24));
    assertEquals(16000, b.getInt(28), "byte rate");
    assertEquals(16, b.getShort(34), "bits");
    assertEquals(out.length - 44, b.getInt(40));
    assertEquals(8000, (out.length - 44) / 2, "one second of samples");
  }

  @Test
  void aToneBelowTheLineKeepsItsPitchAndLoudness() {
    Wav.Pcm out = Wav.resample(new Wav.Pcm(tone(1000, 22050, 1), 22050), 8000);
    assertEquals(8000, out.samples().length);
    // 1 kHz crosses zero 2000 times a second; away from the edges, in the middle 0.5 s: 1000.
    int crossings = zeroCrossings(out.samples(), 2000, 6000);
    assertTrue(Math.abs(crossings - 1000) <= 2, "crossings " + crossings);
    double rms = rms(out.samples(), 2000, 6000);
    assertEquals(0.5 / Math.sqrt(2), rms, 0.01);
  }

  @Test
  void aToneAboveTheLineDoesNotFoldBackIntoIt() {
    // 6 kHz cannot exist at 8 kHz; without the low-pass it would alias to 2 kHz at full level.
    Wav.Pcm out = Wav.resample(new Wav.Pcm(tone(6000, 22050, 1), 22050), 8000);
    double rms = rms(out.samples(), 2000, 6000);
    assertTrue(rms < 0.005, "aliased energy " + rms);
  }

  @Test
  void stereoAnd8And32BitAreMixedToMono() {
    float[] t = tone(500, 16000, 0.5);
    for (int bits : new int[] {8, 16, 32}) {
      Wav.Pcm pcm = Wav.read(wav(16000, 2, bits, t, false));
      assertEquals(16000, pcm.rate());
      assertEquals(t.length, pcm.samples().length);
      assertEquals(0.5 / Math.sqrt(2), rms(pcm.samples(), 0, t.length), 0.01, bits + " bits");
    }
  }

  @Test
  void eightKilohertzMonoPassesThrough() {
    float[] t = tone(300, 8000, 0.25);
    Wav.Pcm pcm = Wav.read(Wav.write(new Wav.Pcm(t, 8000)));
    assertEquals(t.length, pcm.samples().length);
    Wav.Pcm same = Wav.resample(pcm, 8000);
    assertArrayEquals(pcm.samples(), same.samples());
  }

  @Test
  void whatIsNotPcmWavIsRefusedWithTheReason() {
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> Wav.read("ID3 an mp3".getBytes())).getMessage().contains("not a WAV"));
    byte[] floatWav = wav(8000, 1, 16, tone(300, 8000, 0.1), false);
    floatWav[20] = 3; // IEEE float
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wav.read(floatWav))
        .getMessage().contains("not PCM"));
    byte[] noData = java.util.Arrays.copyOf(wav(8000, 1, 16, new float[0], false), 36);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Wav.read(noData))
        .getMessage().contains("no data"));
  }

  @Test
  void loudSamplesAreClippedNotWrapped() {
    byte[] out = Wav.write(new Wav.Pcm(new float[] {1.5f, -1.5f}, 8000));
    ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(32767, b.getShort(44));
    assertEquals(-32767, b.getShort(46));
  }
}
