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
 *
 * <p>When the organisation announces absences the probe also looks for announcement files
 * (ANNOUNCEMENT-MISSING). Each mailbox entry gets a third and a fourth field, {@code EXT=UT|M|A|B}:
 * A is 1 or 0 when the extension's live override names a SOUND and that file exists or not,
 * empty when it names none; B the same for its SWITCHBOARD-SOUND (the sentence played when the
 * override's contact is away too at call time). And after the mailboxes, per batch of up to {@link #BATCH} distinct sounds that
 * staff.yaml's windows name, key {@code aNNNNN} = {@code TOKEN NAME=E NAME=E ...} (E 1 when the
 * file exists), each followed by {@code progress = TOKEN N S} (S sound batches written after
 * the N mailbox batches), so a probe with many windows' files is seen to advance while it
 * looks for them; the last progress then says how many: {@code TOKEN done N S}. Both cost no
 * step per file: the override's file is STATted in the mailbox's own EVAL, the windows' files a
 * batch per step.
 */
public final class ProbeFormat {
  /**
   * Mailboxes per AstDB value, and per dialplan step. A batch's line in extensions.conf is at
   * most 100 x 31 characters (Asterisk skips a config line over 8 KiB) and its result at most
   * 100 x 28 (a step's arguments may grow to 8 KiB once substituted).
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
      Pattern.compile("([0-9]{1,8})=([01])([01])\\|([0-9]{0,18})(?:\\|([01]?)(?:\\|([01]?))?)?");
  private static final Pattern SOUND_ENTRY = Pattern.compile("([A-Za-z0-9_.-]{1,100})=([01])");

  /** The file ending of the announcements (speech.SoundStore writes WAV only). */
  public static final String SOUND_SUFFIX = ".wav";

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
   * Sound files per AstDB value and per step: a file's entry in the batch line is 64
   * characters (its name is 41), so 50 keep the line near 3.2 KB and the result near 2.2 KB.
   */
  public static final int SOUND_BATCH = 50;

  /** The announcement files to look for, in batches of {@link #SOUND_BATCH}; keys aNNNNN. */
  public static List<Batch> soundBatches(List<String> sounds) {
    List<Batch> out = new ArrayList<>();
    for (int from = 0; from < sounds.size(); from += SOUND_BATCH) {
      int number = out.size() + 1;
      out.add(new Batch(soundKey(number), number,
          sounds.subList(from, Math.min(from + SOUND_BATCH, sounds.size()))));
    }
    return out;
  }

  static String soundKey(int batch) {
    return "a%05d".formatted(batch);
  }

  /**
   * The per-sound expression, with '@' for '$', EVALed after {@code n} is set to the sound's
   * name and {@code a} to the organisation's sounds directory as Asterisk sees it (ending in
   * "/"). It yields {@code =E}; the SET(n=NAME) before it yields NAME.
   */
  public static String soundExpression() {
    return "=@{STAT(e,@{a}@{n}" + SOUND_SUFFIX + ")}";
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

  /**
   * The mailbox expression of an organisation that announces absences: it also yields
   * {@code |A|B} for the live override in AstDB {@code family} under the extension {@code m}
   * (fields 10 and 11, SOUND and SWITCHBOARD-SOUND, as live.LiveOverride writes them), looked
   * for in {@code a}. The first IF
   * only sets {@code o} (its true branch, empty, is what it yields), since CUT reads a
   * variable; {@code o} is set for every extension, so no earlier one's value is used.
   */
  public static String mailboxExpression(String family) {
    return mailboxExpression()
        + "|@{IF(1?:@{SET(o=@{DB(" + family + "/@{m})})})}"
        + "@{IF(@[\"@{CUT(o,|,10)}\" != \"\"]?@{STAT(e,@{a}@{CUT(o,|,10)}" + SOUND_SUFFIX
        + ")})}"
        + "|@{IF(@[\"@{CUT(o,|,11)}\" != \"\"]?@{STAT(e,@{a}@{CUT(o,|,11)}" + SOUND_SUFFIX
        + ")})}";
  }

  private static String anyOf(String greeting) {
    return "@[" + String.join("|", GREETING_FORMATS.stream()
        .map(f -> "@{STAT(e,@{d}/@{m}/" + greeting + "." + f + ")}").toList()) + "]";
  }

  /**
   * What one mailbox has, as the probe found it; oldestUnheard 0 for none.
   *
   * @param announcement whether the file its live override names exists; empty when the
   *     override names none, there is none, or the probe did not look
   * @param switchboardAnnouncement the same for the override's switchboard variant
   */
  public record Result(boolean unavailable, boolean temporary, long oldestUnheard,
      Optional<Boolean> announcement, Optional<Boolean> switchboardAnnouncement) {
    public Result(boolean unavailable, boolean temporary, long oldestUnheard) {
      this(unavailable, temporary, oldestUnheard, Optional.empty(), Optional.empty());
    }

    public Result(boolean unavailable, boolean temporary, long oldestUnheard,
        Optional<Boolean> announcement) {
      this(unavailable, temporary, oldestUnheard, announcement, Optional.empty());
    }
  }

  /**
   * Where a run of the probe is, read from its progress key.
   *
   * @param sounds how many sound batches the run has written: all of them when done, else
   *     the ones after its last mailbox batch so far; empty when it wrote none (an
   *     organisation without announcements, a probe from before them, or one still in its
   *     mailboxes)
   */
  public record Progress(int batches, boolean done, Optional<Integer> sounds) {
    public Progress(int batches, boolean done) {
      this(batches, done, Optional.empty());
    }
  }

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
      // A sound batch's progress: after all N mailbox batches, S sound batches.
      if (parts.length == 3 && !parts[1].equals(DONE)) {
        return Optional.of(new Progress(Integer.parseInt(parts[1]), false,
            Optional.of(Integer.parseInt(parts[2]))));
      }
      if (parts.length == 3 && parts[1].equals(DONE)) {
        return Optional.of(new Progress(Integer.parseInt(parts[2]), true));
      }
      if (parts.length == 4 && parts[1].equals(DONE)) {
        return Optional.of(new Progress(Integer.parseInt(parts[2]), true,
            Optional.of(Integer.parseInt(parts[3]))));
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
  public record Decoded(Map<String, Result> results, List<String> problems,
      Optional<Map<String, Boolean>> sounds) {
    public Decoded {
      results = Map.copyOf(results);
      problems = List.copyOf(problems);
      sounds = sounds.map(Map::copyOf);
    }

    public Decoded(Map<String, Result> results, List<String> problems) {
      this(results, problems, Optional.empty());
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
            mtime, found(m.group(5)), found(m.group(6))));
      }
    }
    return new Decoded(results, problems);
  }

  /**
   * Decodes a finished run's AstDB family with its announcement files: the mailboxes as
   * {@link #decode(Map, String, int)}, and the {@code sounds} batches of files.
   */
  public static Decoded decode(Map<String, String> tree, String token, int batches,
      int sounds) {
    Decoded mailboxes = decode(tree, token, batches);
    Map<String, Boolean> files = new TreeMap<>();
    List<String> problems = new ArrayList<>(mailboxes.problems());
    for (int n = 1; n <= sounds; n++) {
      String value = tree.get(soundKey(n));
      if (value == null) {
        problems.add("sound batch " + n + " of " + sounds + " is missing");
        continue;
      }
      String[] parts = value.strip().split(" +");
      if (!parts[0].equals(token)) {
        problems.add("sound batch " + n + " of " + sounds + " is from another run");
        continue;
      }
      for (int i = 1; i < parts.length; i++) {
        Matcher m = SOUND_ENTRY.matcher(parts[i]);
        if (!m.matches()) {
          problems.add("sound batch " + n + ": unreadable result '" + parts[i] + "'");
          continue;
        }
        files.put(m.group(1), m.group(2).equals("1"));
      }
    }
    return new Decoded(mailboxes.results(), problems, Optional.of(files));
  }

  /** A probe's 1 or 0 for a file, empty when there was no file to look for. */
  private static Optional<Boolean> found(String flag) {
    return flag == null || flag.isEmpty() ? Optional.empty() : Optional.of(flag.equals("1"));
  }
}
