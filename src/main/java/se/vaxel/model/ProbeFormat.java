package se.vaxel.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract between the greeting probe that the generated dialplan runs and {@code vaxel
 * check}, which reads its results: the encoder (what the template writes into AstDB) and the
 * decoder side by side, so they cannot drift apart. docs/check.md explains the design and its
 * measurements.
 *
 * <p>In AstDB family {@link DialplanContexts#probeFamily} the probe writes, per batch of up to
 * {@link #BATCH} mailboxes, key {@code bNNNNN} (from {@code b00001}) with the value
 * {@code TOKEN EXT=UT|M EXT=UT|M ...}; after each batch {@code progress = TOKEN N}, and at the
 * end {@code progress = TOKEN done N}. TOKEN is the run's own (the channel variable
 * {@link #TOKEN_VARIABLE}), so a result of an earlier or concurrent run is never taken for this
 * run's. U and T are 1 when an unavailable and a temporary greeting is recorded (in any of
 * {@link #GREETING_FORMATS}); M is the epoch mtime of {@code INBOX/msg0000.txt} (the oldest
 * unheard message), 0 or empty for none.
 */
public final class ProbeFormat {
  /**
   * Mailboxes per AstDB value, and per dialplan step. A batch's line in extensions.conf is at
   * most 100 x 31 characters (Asterisk skips a config line over 8 KiB) and its result at most
   * 100 x 24 (a step's arguments may grow to 8 KiB once substituted).
   */
  public static final int BATCH = 100;

  public static final String PROGRESS_KEY = "progress";

  /** The channel variable Originate sets to the run's token. */
  public static final String TOKEN_VARIABLE = "VAXEL_PROBE";

  /**
   * The file endings app_voicemail may record greetings in (format= wav49 gives .WAV); the
   * probe looks for each, since the PBX's format list is not ours to know.
   */
  public static final List<String> GREETING_FORMATS =
      List.of("WAV", "wav", "gsm", "g722", "ulaw", "alaw", "sln", "g729");

  private static final String DONE = "done";
  private static final Pattern ENTRY =
      Pattern.compile("([0-9]{1,8})=([01])([01])\\|([0-9]{0,18})");

  private ProbeFormat() {}

  /** One batch of the probe: its AstDB key, its number (from 1) and its mailboxes. */
  public record Batch(String key, int number, List<String> mailboxes) {
    public Batch {
      mailboxes = List.copyOf(mailboxes);
    }
  }

  /** The mailboxes in batches of {@link #BATCH}, in the order given. */
  public static List<Batch> batches(List<String> mailboxes) {
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < mailboxes.size(); from += BATCH) {
      int number = out.size() + 1;
      out.add(new Batch(key(number), number,
          mailboxes.subList(from, Math.min(from + BATCH, mailboxes.size()))));
    }
    return out;
  }

  static String key(int batch) {
    return "b%05d".formatted(batch);
  }

  /**
   * The per-mailbox expression, with '@' for '$': the dialplan turns it into a variable with
   * REPLACE (a dialplan line has no way to write a literal "${"), then EVALs it once per mailbox
   * after setting {@code m} to the mailbox and {@code d} to the voicemail context's spool
   * directory. It yields {@code =UT|M}; the SET(m=EXT) before it yields EXT.
   */
  public static String mailboxExpression() {
    return "=@{IF(" + anyOf("unavail") + "?1:0)}@{IF(" + anyOf("temp") + "?1:0)}"
        + "|@{STAT(M,@{d}/@{m}/INBOX/msg0000.txt)}";
  }

  private static String anyOf(String greeting) {
    return "@[" + String.join("|", GREETING_FORMATS.stream()
        .map(f -> "@{STAT(e,@{d}/@{m}/" + greeting + "." + f + ")}").toList()) + "]";
  }

  /** What one mailbox has, as the probe found it; oldestUnheard 0 for none. */
  public record Result(boolean unavailable, boolean temporary, long oldestUnheard) {}

  /** Where a run of the probe is, read from its progress key. */
  public record Progress(int batches, boolean done) {}

  /** The progress value, when it is this run's (token); empty for none or another run's. */
  public static Optional<Progress> progress(Optional<String> value, String token) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String[] parts = value.get().strip().split(" ");
    if (!parts[0].equals(token)) {
      return Optional.empty();
    }
    try {
      if (parts.length == 2) {
        return Optional.of(new Progress(Integer.parseInt(parts[1]), false));
      }
      if (parts.length == 3 && parts[1].equals(DONE)) {
        return Optional.of(new Progress(Integer.parseInt(parts[2]), true));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /**
   * The results of this run, by mailbox.
   *
   * @param problems what could not be read: a missing batch, another run's batch, an entry
   *     that is not {@code EXT=UT|M}
   */
  public record Decoded(Map<String, Result> results, List<String> problems) {
    public Decoded {
      results = Map.copyOf(results);
      problems = List.copyOf(problems);
    }
  }

  /**
   * Decodes a finished run's AstDB family (DBGetTree).
   *
   * @param batches how many batches the run reported when done
   */
  public static Decoded decode(Map<String, String> tree, String token, int batches) {
    Map<String, Result> results = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (int n = 1; n <= batches; n++) {
      String value = tree.get(key(n));
      if (value == null) {
        problems.add("batch " + n + " of " + batches + " is missing");
        continue;
      }
      String[] parts = value.strip().split(" +");
      if (!parts[0].equals(token)) {
        problems.add("batch " + n + " of " + batches + " is from another run");
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        Matcher m = ENTRY.matcher(parts[i]);
        if (!m.matches()) {
          problems.add("batch " + n + ": unreadable result '" + parts[i] + "'");
          continue;
        }
        long mtime = m.group(4).isEmpty() ? 0 : Long.parseLong(m.group(4));
        results.put(m.group(1), new Result(m.group(2).equals("1"), m.group(3).equals("1"),
            mtime));
      }
    }
    return new Decoded(results, problems);
  }
}
