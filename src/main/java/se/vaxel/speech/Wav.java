package se.vaxel.speech;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * PCM audio in and out of RIFF WAVE files, and the one format Asterisk gets: 8000 Hz, mono,
 * 16-bit signed little-endian linear PCM, what Asterisk's {@code format_wav} plays as ".wav".
 *
 * <p>Any engine may write any PCM WAV (espeak-ng writes 22,050 Hz; others 16, 24 or 48 kHz,
 * stereo): this class, not each engine, turns it into Asterisk's format, so the contract with
 * the PBX has one owner. Resampling is done here rather than by sox: one program fewer on the
 * PBX host, and the result does not depend on which sox is installed.
 */
public final class Wav {
  public static final int ASTERISK_RATE = 8000;

  private Wav() {}

  /** Mono samples in [-1, 1] at a sample rate. */
  public record Pcm(float[] samples, int rate) {
    public double seconds() {
      return samples.length / (double) rate;
    }
  }

  /**
   * Reads a WAV file: PCM (format 1, or extensible with the PCM sub-format) of 8, 16, 24 or 32
   * bits, any number of channels (mixed to mono). A data chunk whose size says "unknown" (as a
   * program streaming to a pipe writes it) runs to the end of the bytes.
   *
   * @throws IllegalArgumentException saying what is wrong with the bytes
   */
  public static Pcm read(byte[] bytes) {
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (bytes.length < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
      throw new IllegalArgumentException("not a WAV file (no RIFF/WAVE header)");
    }
    int channels = 0;
    int rate = 0;
    int bits = 0;
    int pos = 12;
    while (pos + 8 <= bytes.length) {
      int id = b.getInt(pos);
      long size = Integer.toUnsignedLong(b.getInt(pos + 4));
      int body = pos + 8;
      if (id == 0x20746d66) { // "fmt "
        if (size < 16 || body + 16 > bytes.length) {
          throw new IllegalArgumentException("WAV format chunk too short");
        }
        int format = Short.toUnsignedInt(b.getShort(body));
        channels = Short.toUnsignedInt(b.getShort(body + 2));
        rate = b.getInt(body + 4);
        bits = Short.toUnsignedInt(b.getShort(body + 14));
        if (format == 0xFFFE && size >= 40 && body + 26 <= bytes.length) {
          format = Short.toUnsignedInt(b.getShort(body + 24)); // the sub-format's first field
        }
        if (format != 1) {
          throw new IllegalArgumentException("WAV is not PCM (format " + format + ");"
              + " write 16-bit PCM");
        }
        if (channels < 1 || rate < 1000 || rate > 384000
            || (bits != 8 && bits != 16 && bits != 24 && bits != 32)) {
          throw new IllegalArgumentException("unsupported WAV: " + channels + " channels, "
              + rate + " Hz, " + bits + " bits; write 16-bit PCM");
        }
      } else if (id == 0x61746164) { // "data"
        if (rate == 0) {
          throw new IllegalArgumentException("WAV data before its format chunk");
        }
        long available = bytes.length - body;
        int length = (int) Math.min(size, available);
        return new Pcm(mono(b, body, length, channels, bits), rate);
      }
      pos = (int) Math.min((long) body + size + (size & 1), Integer.MAX_VALUE);
    }
    throw new IllegalArgumentException("WAV has no data chunk");
  }

  private static float[] mono(ByteBuffer b, int offset, int length, int channels, int bits) {
    int width = bits / 8;
    int frames = length / (width * channels);
    float[] out = new float[frames];
    for (int f = 0; f < frames; f++) {
      double sum = 0;
      for (int c = 0; c < channels; c++) {
        int at = offset + (f * channels + c) * width;
        sum += switch (bits) {
          case 8 -> (Byte.toUnsignedInt(b.get(at)) - 128) / 128.0;
          case 16 -> b.getShort(at) / 32768.0;
          case 24 -> ((b.get(at + 2) << 16) | (Byte.toUnsignedInt(b.get(at + 1)) << 8)
              | Byte.toUnsignedInt(b.get(at))) / 8388608.0;
          default -> b.getInt(at) / 2147483648.0;
        };
      }
      out[f] = (float) (sum / channels);
    }
    return out;
  }

  /**
   * The audio at another rate, through a windowed-sinc low-pass at 95% of the lower Nyquist
   * frequency: speech keeps what a phone line carries (up to about 3.8 kHz at 8 kHz) and
   * nothing above folds back into it as a hiss.
   */
  public static Pcm resample(Pcm in, int rate) {
    if (in.rate() == rate) {
      return in;
    }
    // Output sample i sits at input position i * down / up, with up / down the ratio of the
    // rates in lowest terms; its fractional part takes only `up` distinct values (160 for
    // 22,050 to 8,000 Hz), so the filter is computed once per phase, not once per sample
    // (computing it per sample took 450 ms a sentence, twenty times espeak-ng's own time).
    int g = gcd(in.rate(), rate);
    int up = rate / g;
    int down = in.rate() / g;
    double cutoff = 0.95 * Math.min(1.0, rate / (double) in.rate()); // of the input's Nyquist
    int half = (int) Math.ceil(16 / cutoff); // the window's half-width, in input samples
    int taps = 2 * half;
    float[][] filter = new float[up][taps];
    for (int phase = 0; phase < up; phase++) {
      double frac = phase / (double) up;
      for (int j = 0; j < taps; j++) {
        double d = frac + half - 1 - j; // distance from input sample centre - half + 1 + j
        filter[phase][j] = (float) (cutoff * sinc(cutoff * d) * blackman(d / half));
      }
    }
    float[] x = in.samples();
    int n = (int) ((long) x.length * up / down);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      long position = (long) i * down;
      int centre = (int) (position / up);
      float[] h = filter[(int) (position % up)];
      int first = centre - half + 1;
      double sum = 0;
      int from = Math.max(0, -first);
      int to = Math.min(taps, x.length - first);
      for (int j = from; j < to; j++) {
        sum += x[first + j] * h[j];
      }
      out[i] = (float) sum;
    }
    return new Pcm(out, rate);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }

  /** The Blackman window over [-1, 1], zero outside. */
  private static double blackman(double u) {
    if (u <= -1 || u >= 1) {
      return 0;
    }
    double a = Math.PI * (u + 1); // 0 .. 2 pi
    return 0.42 - 0.5 * Math.cos(a) + 0.08 * Math.cos(2 * a);
  }

  /** A 16-bit mono PCM WAV file of the samples, clipped to [-1, 1]. */
  public static byte[] write(Pcm pcm) {
    float[] s = pcm.samples();
    int data = s.length * 2;
    ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0x46464952).putInt(36 + data).putInt(0x45564157);
    b.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) 1)
        .putInt(pcm.rate()).putInt(pcm.rate() * 2).putShort((short) 2).putShort((short) 16);
    b.putInt(0x61746164).putInt(data);
    for (float v : s) {
      double clipped = Math.max(-1, Math.min(1, v));
      b.putShort((short) Math.round(clipped * 32767));
    }
    return b.array();
  }

  /** Any PCM WAV as Asterisk's 8 kHz mono 16-bit WAV. */
  public static byte[] forAsterisk(byte[] wav) {
    return write(resample(read(wav), ASTERISK_RATE));
  }
}
