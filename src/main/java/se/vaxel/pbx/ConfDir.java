package se.vaxel.pbx;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import se.vaxel.output.AtomicFiles;
import se.vaxel.render.AsteriskConfig;

/**
 * The Asterisk configuration directory as vaxel uses it (docs/apply.md, "Several
 * organisations"): each organisation's fragments in {@code vaxel/<id>/}, the previous version
 * of each in {@code vaxel/<id>/previous/}, and its journal {@code vaxel/<id>/apply-journal}
 * while an apply of it is unfinished. {@code vaxel/voicemail.conf} and {@code
 * vaxel/extensions.conf} are index files that include every organisation's fragment with a glob
 * (verified on Asterisk 22: a glob in {@code #tryinclude} works in both files, and a reload
 * picks up a directory added or removed since), and one {@code #include} line in each of
 * voicemail.conf and extensions.conf includes the index. {@code vaxel/lock} serialises the
 * commands that change the PBX, one lock for every organisation. Nothing else is read or
 * written, except that apply moves the fragments an earlier vaxel wrote directly into
 * {@code vaxel/} (a "legacy" fragment) into the directory of their organisation.
 *
 * <p>Everything vaxel creates here takes the owner, group and mode of the organisation's own
 * file that includes it, so that Asterisk, which runs as its own user, can read it.
 */
public final class ConfDir {
  /** How long apply and absence wait for each other before they name the holder. */
  public static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  public static final String SUBDIR = "vaxel";
  static final String LOCK = "lock";
  static final String JOURNAL = "apply-journal";

  private final Path dir;

  public ConfDir(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The first line of an index file: what tells it from a fragment an earlier vaxel wrote. */
  static final String INDEX_MARK = "; vaxel index:";
  static final String PREVIOUS = "previous";

  /**
   * The index file, {@code vaxel/<name>} itself: includes every organisation's fragment.
   * {@code #tryinclude}, since {@code #include} of a glob that matches nothing logs an ERROR.
   */
  public static String indexText(String name) {
    return INDEX_MARK + " every organisation's " + name + " on this PBX, one directory each."
        + " Written by vaxel apply: do not edit.\n"
        + "#tryinclude \"" + SUBDIR + "/*/" + name + "\"\n";
  }

  /** Whether {@code text} is an index file rather than a fragment an earlier vaxel wrote. */
  public static boolean isIndex(String text) {
    return text.startsWith(INDEX_MARK);
  }

  /** An organisation's fragment, relative: vaxel/&lt;id&gt;/voicemail.conf. */
  public static String fragmentPath(String org, String name) {
    return SUBDIR + "/" + org + "/" + name;
  }

  public static String previousPath(String org, String name) {
    return SUBDIR + "/" + org + "/" + PREVIOUS + "/" + name;
  }

  /** The index, or before migration an earlier vaxel's fragment: vaxel/voicemail.conf. */
  public static String indexPath(String name) {
    return SUBDIR + "/" + name;
  }

  /** Where an earlier vaxel kept its previous fragment: vaxel/previous/voicemail.conf. */
  public static String legacyPreviousPath(String name) {
    return SUBDIR + "/" + PREVIOUS + "/" + name;
  }

  public static String journalPath(String org) {
    return SUBDIR + "/" + org + "/" + JOURNAL;
  }

  /** The journal an earlier vaxel kept directly in vaxel/. */
  public static String legacyJournalPath() {
    return SUBDIR + "/" + JOURNAL;
  }

  public Path resolve(String relative) {
    return dir.resolve(relative);
  }

  /** The organisations with a directory under vaxel/, sorted: those this PBX has had applied. */
  public java.util.List<String> organisations() throws IOException {
    Path sub = dir.resolve(SUBDIR);
    if (!Files.isDirectory(sub)) {
      return java.util.List.of();
    }
    try (var s = Files.list(sub)) {
      return s.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(PREVIOUS))
          .sorted()
          .toList();
    }
  }

  /** The organisation's own file that must include our fragment, e.g. voicemail.conf. */
  public Path main(String name) {
    return dir.resolve(name);
  }

  /**
   * The file whose owner, group and mode a new file at {@code relative} takes: the main file
   * that includes it (vaxel/extensions.conf: extensions.conf), else voicemail.conf, the stricter
   * of the two (it names the mailboxes). Null when that file does not exist either.
   */
  public Path attributesFor(String relative) {
    String name = Path.of(relative).getFileName().toString();
    Path main = main(name.equals(AsteriskConfig.EXTENSIONS_FILE)
        ? AsteriskConfig.EXTENSIONS_FILE : AsteriskConfig.VOICEMAIL_FILE);
    return Files.exists(main) ? main : null;
  }

  /** Writes {@code relative} (e.g. vaxel/voicemail.conf) atomically, keeping attributes. */
  public boolean write(String relative, String content) throws IOException {
    return AtomicFiles.writeIfChanged(dir.resolve(relative), content, attributesFor(relative));
  }

  /**
   * Every file an apply of one organisation may change, as it was before an apply that has not
   * finished: written before the first change and removed once the PBX is verified (or the files
   * are restored), so that an apply killed halfway leaves the next one the configuration to fall
   * back on. Keys are paths relative to the directory; {@code keys} are the files the journal
   * covers, and one it has no entry for did not exist.
   *
   * @param journal the journal's own path, relative ({@link #journalPath}, or the legacy one)
   */
  public Optional<Map<String, Optional<String>>> readJournal(String journal,
      java.util.Collection<String> keys) throws IOException {
    Optional<String> text = read(dir.resolve(journal));
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = new java.io.StringReader(text.get())) {
      p.load(r);
    }
    Map<String, Optional<String>> files = new LinkedHashMap<>();
    for (String relative : keys) {
      files.put(relative, Optional.ofNullable(p.getProperty(relative)));
    }
    return Optional.of(files);
  }

  public void writeJournal(String journal, Map<String, Optional<String>> files)
      throws IOException {
    Properties p = new Properties();
    files.forEach((relative, content) -> content.ifPresent(c -> p.setProperty(relative, c)));
    StringWriter w = new StringWriter();
    p.store(w, "vaxel apply: the files as they were before an apply that has not finished");
    write(journal, w.toString());
  }

  public void delete(String relative) throws IOException {
    Files.deleteIfExists(dir.resolve(relative));
  }

  /** Held while a command changes the PBX; the kernel releases it when the process dies. */
  public interface Lock extends AutoCloseable {
    @Override
    void close() throws IOException;
  }

  /** Someone else holds the lock; {@link #getMessage()} says who, as far as the file tells. */
  public static final class BusyException extends RuntimeException {
    public BusyException(String message) {
      super(message);
    }
  }

  /**
   * Takes {@code vaxel/lock}, waiting up to {@code wait} for whoever holds it. A lock on an open
   * file (fcntl) rather than the file's existence: a process killed with -9 cannot leave it
   * taken. The holder writes who it is into the file, for the message of the one that waits.
   *
   * @param who what the holder is doing, e.g. "vaxel apply"
   * @throws BusyException when it is still held after {@code wait}
   */
  public Lock lock(String who, Duration wait) throws IOException {
    Path file = dir.resolve(SUBDIR).resolve(LOCK);
    Path template = attributesFor(LOCK);
    if (template != null) {
      AtomicFiles.createDirectories(file.getParent(), template);
    } else {
      Files.createDirectories(file.getParent());
    }
    FileChannel ch = open(file, template);
    try {
      Instant end = Instant.now().plus(wait);
      FileLock lock;
      while ((lock = tryLock(ch)) == null) {
        if (!Instant.now().isBefore(end)) {
          String holder = Files.readString(file, StandardCharsets.UTF_8).strip();
          throw new BusyException(file + " is held by "
              + (holder.isEmpty() ? "another process" : holder)
              + (wait.isZero() ? "" : " (waited " + wait.toSeconds() + " s)")
              + "; try again when it has finished");
        }
        Thread.sleep(200);
      }
      ProcessHandle self = ProcessHandle.current();
      String holder = who + " (pid " + self.pid() + " on " + hostName() + ", user "
          + System.getProperty("user.name") + ", since " + Instant.now() + ")\n";
      ch.truncate(0);
      ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
      FileLock held = lock;
      return () -> {
        try {
          ch.truncate(0);
          held.release();
        } finally {
          ch.close();
        }
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ch.close();
      throw new BusyException("interrupted while waiting for " + file);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "this host";
    }
  }

  /** The lock file, created in place rather than renamed: two first comers lock one inode. */
  private static FileChannel open(Path file, Path template) throws IOException {
    try {
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.READ, StandardOpenOption.WRITE);
      if (template != null) {
        AtomicFiles.copyAttributes(template, file);
      }
      return ch;
    } catch (FileAlreadyExistsException e) {
      return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
    }
  }

  private static FileLock tryLock(FileChannel ch) throws IOException {
    try {
      return ch.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held by another thread of this JVM (tests run commands in-process): busy all the same.
      return null;
    }
  }

  /** The line in the PBX's own file that includes our index, e.g. #include "vaxel/voicemail.conf". */
  public static String includeLine(String name) {
    return "#include \"" + SUBDIR + "/" + name + "\"";
  }

  public static boolean hasInclude(String mainText, String name) {
    return Pattern.compile("(?m)^\\s*#include\\s+\"?" + Pattern.quote(SUBDIR + "/" + name)
        + "\"?\\s*$").matcher(mainText).find();
  }

  /** The main file with our include appended, or empty when it is already there. */
  public static Optional<String> withInclude(String mainText, String name) {
    if (hasInclude(mainText, name)) {
      return Optional.empty();
    }
    String sep = mainText.isEmpty() || mainText.endsWith("\n") ? "" : "\n";
    return Optional.of(mainText + sep + "\n; Added by vaxel apply: the generated "
        + (name.equals(AsteriskConfig.VOICEMAIL_FILE) ? "mailboxes" : "dialplan") + ".\n"
        + includeLine(name) + "\n");
  }

  public static Optional<String> read(Path file) throws IOException {
    try {
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
