package se.vaxel.speech;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.channels.Channels;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import se.vaxel.model.Language;
import se.vaxel.output.AtomicFiles;

/**
 * The announcements' sound files in one directory that vaxel owns (by default
 * {@code /var/lib/asterisk/sounds/vaxel}), named by their content.
 *
 * <p>A file is {@code announce-<32 hex>.wav}, the hex the start of the SHA-256 of the format
 * version, the engine's {@link SpeechEngine#id()}, the language and the sentence. So a changed
 * sentence (another date, another contact), language or voice is a new file, and the same one
 * is never made twice: a nightly apply of 50,000 unchanged absences runs no engine at all.
 * Names carry no personal data: a directory listing shows nobody's absence.
 *
 * <p>Files are written atomically ({@link AtomicFiles}): Asterisk never plays half a file, and a
 * name that exists is a whole file. {@link #retain} removes the files no longer used; it touches
 * only names of this form, never anything else in the directory.
 */
public final class SoundStore {
  /** Bumped when the audio format or the naming changes, so old files are not reused. */
  static final String FORMAT = "vaxel-announce-1 wav 8000 mono s16le";
  static final String PREFIX = "announce-";
  static final String SUFFIX = ".wav";
  /** The phone codes' phrase kit (speech.PhraseKit): its own names, so neither store's retain
   *  removes the other's files in the shared organisation directory. */
  static final String PHRASE_PREFIX = "phrase-";
  /** A phrase is one word ("ett"): shorter than a sentence, but still no bare header. */
  static final double MIN_PHRASE_SECONDS = 0.05;

  /** Speech shorter than this is no sentence: an engine that wrote silence or a header. */
  static final double MIN_SECONDS = 0.3;
  /** Longer than any sentence of {@link AnnouncementText#MAX_CHARS} at a slow pace. */
  static final double MAX_SECONDS = 120;

  /**
   * How long a file not in use is kept after it was made (see {@link #retain}): longer than
   * any apply takes between its read of AstDB and its clean-up, short enough that a file
   * nobody names is gone by the next nightly apply.
   */
  public static final java.time.Duration GRACE = java.time.Duration.ofHours(1);
  /**
   * Every file's mode (0644), whatever the writer's umask: Asterisk's user must read files that
   * vaxel's user made. They hold what any caller hears, and their names no personal data.
   * (pbx.TemporaryGreetings gives its greetings in the voicemail spool the same mode.)
   */
  public static final Set<java.nio.file.attribute.PosixFilePermission> READABLE =
      java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");

  private final Path dir;
  private final SpeechEngine engine;
  private final String prefix;
  private final Pattern ours;
  private final double minSeconds;

  /** The announcements' store: sentences named {@code announce-<hex>}. */
  public SoundStore(Path dir, SpeechEngine engine) {
    this(dir, engine, PREFIX, MIN_SECONDS);
  }

  private SoundStore(Path dir, SpeechEngine engine, String prefix, double minSeconds) {
    this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
    this.engine = Objects.requireNonNull(engine, "engine");
    this.prefix = prefix;
    this.ours = Pattern.compile(Pattern.quote(prefix) + "[0-9a-f]{32}\\.wav");
    this.minSeconds = minSeconds;
  }

  /** The phrase kit's store in the same directory: words named {@code phrase-<hex>}. */
  public static SoundStore phrases(Path dir, SpeechEngine engine) {
    return new SoundStore(dir, engine, PHRASE_PREFIX, MIN_PHRASE_SECONDS);
  }

  public Path dir() {
    return dir;
  }

  /** One sentence's file: its name for Playback (no extension) and whether it was made now. */
  public record Sound(String name, Path file, boolean made) {}

  /**
   * The file name a sentence gets with this engine, without {@code .wav}: what the dialplan
   * plays ({@code Playback(<dir>/<name>)}).
   */
  public String nameOf(String text, Language language) {
    return nameOf(engine, prefix, text, language);
  }

  /**
   * The same without a store: {@code generate} names the files its dialplan plays without
   * writing or speaking anything ({@link SpeechEngine#id()} runs no program).
   */
  public static String nameOf(SpeechEngine engine, String text, Language language) {
    return nameOf(engine, PREFIX, text, language);
  }

  /** A phrase's name, as {@link #phrases} stores it, without a store. */
  public static String phraseName(SpeechEngine engine, String text, Language language) {
    return nameOf(engine, PHRASE_PREFIX, text, language);
  }

  private static String nameOf(SpeechEngine engine, String prefix, String text,
      Language language) {
    String key = FORMAT + "\n" + engine.id() + "\n" + language.code() + "\n" + text;
    return prefix + sha256(key).substring(0, 32);
  }

  /**
   * The sentence's sound file, made with the engine only if it is not there yet.
   *
   * @throws SpeechException when the engine fails or the file cannot be written
   */
  public Sound ensure(String text, Language language) {
    String name = nameOf(text, language);
    Path file = dir.resolve(name + SUFFIX);
    // A link at the name is no file of ours (another writer of the directory put it there):
    // the write below replaces the link itself, never what it points to.
    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      try {
        touch(file);
      } catch (IOException e) {
        throw new SpeechException(SpeechException.Kind.WRITE_FAILED, "cannot renew the"
            + " announcement " + file + ": " + e.getMessage()
            + "; run as a user who may write " + dir, e);
      }
      return new Sound(name, file, false);
    }
    byte[] audio = speak(text, language);
    try {
      write(name + SUFFIX, audio);
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.WRITE_FAILED, "cannot write the"
          + " announcement " + file + ": " + e.getMessage()
          + "; run as a user who may write " + dir, e);
    }
    return new Sound(name, file, true);
  }

  /**
   * Writes {@code bytes} as {@code fileName} in this store's directory, 0644, following no link
   * (see {@link AtomicFiles#writeWithMode}); makes the directory when missing. Every file vaxel
   * keeps here goes through this: the sounds and the temporary greetings' records.
   */
  public void write(String fileName, byte[] bytes) throws IOException {
    makeDir();
    AtomicFiles.writeWithMode(dir.resolve(fileName), bytes, READABLE);
  }

  /**
   * Marks a reused file as used now, so that {@link #retain}'s grace protects it as it does a
   * new one: a file older than the grace that this run names again must not be removed by a
   * concurrent retain that has not seen the new name yet. Only the owner may set a file's time;
   * a file another writer made is replaced by a copy of its bytes, which is then ours and new.
   */
  private void touch(Path file) throws IOException {
    try {
      Files.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
          .setTimes(FileTime.from(java.time.Instant.now()), null, null);
    } catch (java.nio.file.NoSuchFileException e) {
      throw e;
    } catch (java.nio.file.FileSystemException e) {
      byte[] bytes;
      try (var ch = Files.newByteChannel(file, StandardOpenOption.READ,
          LinkOption.NOFOLLOW_LINKS)) {
        bytes = Channels.newInputStream(ch).readAllBytes();
      }
      write(file.getFileName().toString(), bytes);
    }
  }

  /**
   * The sentence spoken by the engine, as the WAV Asterisk plays (8000 Hz mono 16-bit),
   * written nowhere: for a file that lives outside this store (a mailbox's temporary greeting).
   *
   * @throws SpeechException when the engine fails or writes no usable audio
   */
  public byte[] speak(String text, Language language) {
    byte[] wav = engine.speak(text, language);
    byte[] audio;
    try {
      Wav.Pcm pcm = Wav.resample(Wav.read(wav), Wav.ASTERISK_RATE);
      if (pcm.seconds() < minSeconds || pcm.seconds() > MAX_SECONDS) {
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "%.1f s of audio for a sentence (expected %.1f to %.0f s)",
            pcm.seconds(), minSeconds, MAX_SECONDS));
      }
      audio = Wav.write(pcm);
    } catch (IllegalArgumentException e) {
      throw new SpeechException(SpeechException.Kind.ENGINE_FAILED, "the speech engine ("
          + engine.id() + ") wrote no usable audio: " + e.getMessage());
    }
    return audio;
  }

  /**
   * The organisation's directory, made when missing with the permissions of the sounds
   * directory above it (group write included) and, when that one is setgid, its group:
   * whoever makes it first (apply as Asterisk's user, the console or the calendar sync as
   * vaxel's), the others of that group can still write it (docs/speech.md, "Who writes the
   * files"). Only the permission bits are copied, so the setgid bit the kernel gave the new
   * directory is cleared: the units' RestrictSUIDSGID= refuses a chmod that names setgid. The
   * group stays the sounds directory's (mkdir took it from the setgid parent), and nothing below
   * an organisation's directory needs it: its files are 0644 and removable by the group.
   */
  private void makeDir() throws IOException {
    refuseLink();
    if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path parent = dir.getParent();
    Files.createDirectories(dir);
    if (parent != null && Files.isDirectory(parent)) {
      try {
        int mode = (Integer) Files.getAttribute(parent, "unix:mode") & 0777;
        Files.setAttribute(dir, "unix:mode", mode);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        // Not a POSIX file system: the umask's mode stays.
      }
    }
  }

  /**
   * The organisation's directory must be one: anyone of the sounds directory's group may put a
   * link at its name, and apply (as Asterisk's user or root) must neither write nor remove
   * files where that link leads.
   */
  private void refuseLink() throws IOException {
    if (Files.isSymbolicLink(dir)) {
      throw new java.nio.file.FileSystemException(dir.toString(), null, "is a symbolic link;"
          + " vaxel keeps its sounds in no linked directory (remove the link; the next run"
          + " makes the directory)");
    }
  }

  /**
   * Removes every announcement file whose name (without {@code .wav}) is not in {@code used}
   * and that was last modified at least {@link #GRACE} before {@code now}; other files in the
   * directory are left alone. The grace closes a race without a lock across hosts: a file made
   * by an {@code absence set}, the console or the calendar sync between apply's read of the
   * live overrides and their write of the override that names it is younger than the grace,
   * so it stays; the next apply, which then sees the override, keeps or removes it for good.
   *
   * @return how many were removed
   */
  public int retain(Set<String> used, java.time.Instant now) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    java.time.Instant youngest = now.minus(GRACE);
    int removed = 0;
    try {
      refuseLink();
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.WRITE_FAILED, "cannot remove unused"
          + " announcements from " + dir + ": " + e.getMessage(), e);
    }
    // A name that is a link is removed as a link (unlink never follows): its target stays.
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path file : files) {
        String fileName = file.getFileName().toString();
        if (ours.matcher(fileName).matches()
            && !used.contains(fileName.substring(0, fileName.length() - SUFFIX.length()))
            && !modifiedAfter(file, youngest)
            && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.WRITE_FAILED, "cannot remove unused"
          + " announcements from " + dir + ": " + e.getMessage(), e);
    }
    return removed;
  }

  private static boolean modifiedAfter(Path file, java.time.Instant moment) throws IOException {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant()
          .isAfter(moment);
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  /** Hex SHA-256 of the UTF-8 text: how speech names what it made (files, engines). */
  public static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
