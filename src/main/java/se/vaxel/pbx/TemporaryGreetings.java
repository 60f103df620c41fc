package se.vaxel.pbx;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Absence;
import se.vaxel.model.Coverage;
import se.vaxel.model.Language;
import se.vaxel.model.Person;
import se.vaxel.model.SpeechSettings;
import se.vaxel.model.Staff;
import se.vaxel.output.AtomicFiles;
import se.vaxel.render.Texts;
import se.vaxel.speech.AbsenceAnnouncements;
import se.vaxel.speech.SoundStore;
import se.vaxel.speech.SpeechException;

/**
 * The spoken temporary greeting ({@code speech.temporary-greeting}, docs/speech.md): while a
 * person is away, vaxel places a spoken greeting as their mailbox's {@code temp.wav} in the
 * voicemail spool, unless the mailbox has a temporary greeting already; when the absence ends
 * it removes its own file, and never one the person recorded.
 *
 * <p>All the work is done in {@link #retain}, after a verified reload: the dialplan plays no
 * temporary greeting (app_voicemail finds it), so nothing must exist before the reload; the
 * mailbox is then in the loaded voicemail.conf, and "away now" is judged with the live
 * overrides just read from AstDB ({@link Coverage#at}, the one owner of who is away and who
 * covers).
 *
 * <p>What vaxel placed it records in its own directory, {@code <sounds-dir>/<org>/temp-<ext>}:
 * the name of the greeting's words (as {@link SoundStore#nameOf}, so a changed text is seen
 * without speaking), the SHA-256 of the bytes it placed, and the file's path. A file is vaxel's
 * only while its bytes still have that hash; anything else in the mailbox is the person's.
 */
public final class TemporaryGreetings implements SoundProducer {
  private static final Logger LOG = LoggerFactory.getLogger(TemporaryGreetings.class);
  /** The records' prefix in the organisation's sounds directory. */
  static final String RECORD_PREFIX = "temp-";
  /** app_voicemail's temporary greeting is {@code temp.<format>}; vaxel writes WAV. */
  static final String GREETING = "temp.wav";

  private final AbsenceAnnouncements announcements;
  private final Texts texts;

  public TemporaryGreetings(AbsenceAnnouncements announcements, Texts texts) {
    this.announcements = announcements;
    this.texts = texts;
  }

  /** Nothing before the reload: see the class comment. */
  @Override
  public void ensure(Staff staff, Instant now) {}

  /** With the option off, only an organisation that has records has anything to remove. */
  @Override
  public boolean needsLive(Staff staff) {
    return staff.speech().temporaryGreeting() || !records(staff).isEmpty();
  }

  /**
   * Places, replaces and removes this organisation's temporary greetings; see the class
   * comment. A mailbox that cannot be written is skipped and the others are done; then the
   * first failure is thrown (apply warns: the configuration is loaded and verified).
   *
   * @return how many of vaxel's greetings were removed (the absence ended, the option was
   *     turned off, or the text changed and it was replaced)
   */
  @Override
  public int retain(Staff staff, Collection<LiveOverride> live, Instant now) {
    SpeechSettings settings = staff.speech();
    Map<String, LiveOverride> overrides = new HashMap<>();
    live.forEach(o -> overrides.put(o.extension(), o));
    Map<String, Wanted> wanted = new HashMap<>();
    if (settings.temporaryGreeting()) {
      ZoneId zone = staff.organisation().timezone();
      LocalDate today = LocalDate.ofInstant(now, zone);
      for (Person p : staff.people()) {
        if (!settings.speaksTemporaryGreeting(p)) {
          continue;
        }
        Coverage.at(staff, overrides, p, now).ifPresent(away -> {
          Absence absence = away.live()
              ? overrides.get(p.extension()).asAbsence(zone) : away.absence();
          String text = announcements.temporaryGreeting(staff, p, absence, away.cover(), today,
              texts);
          wanted.put(p.extension(), new Wanted(text, staff.languageOf(p)));
        });
      }
    }
    TreeSet<String> extensions = new TreeSet<>(wanted.keySet());
    extensions.addAll(records(staff));
    Spool spool = new Spool(staff, AbsenceAnnouncements.store(settings));
    int removed = 0;
    List<RuntimeException> failures = new ArrayList<>();
    for (String ext : extensions) {
      try {
        removed += spool.reconcile(ext, wanted.get(ext));
      } catch (IOException e) {
        failures.add(new SpeechException(SpeechException.Kind.WRITE_FAILED, "temporary"
            + " greeting of mailbox " + ext + ": " + e.getMessage() + "; run apply as a user"
            + " who may write " + spool.context + " (root, or Asterisk's user)", e));
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      if (failures.size() > 1) {
        first.addSuppressed(new IllegalStateException(
            (failures.size() - 1) + " more mailboxes failed the same way or otherwise"));
      }
      throw first;
    }
    return removed;
  }

  /** The words a mailbox should have, and their language. */
  record Wanted(String text, Language language) {}

  /**
   * A record: the name of the words, the SHA-256 of the bytes placed, the file placed. Read as
   * written, "name NAME", "sha256 HEX", "file PATH", one a line.
   */
  record Record(String name, String sha256, Path file) {
    String text() {
      return "name " + name + "\nsha256 " + sha256 + "\nfile " + file + "\n";
    }

    static Optional<Record> parse(String text) {
      Map<String, String> fields = new HashMap<>();
      for (String line : text.split("\n")) {
        int space = line.indexOf(' ');
        if (space > 0) {
          fields.put(line.substring(0, space), line.substring(space + 1));
        }
      }
      String name = fields.get("name");
      String sha = fields.get("sha256");
      String file = fields.get("file");
      if (name == null || sha == null || file == null || !sha.matches("[0-9a-f]{64}")
          || !file.startsWith("/") || !file.endsWith("/" + GREETING)) {
        return Optional.empty();
      }
      return Optional.of(new Record(name, sha, Path.of(file)));
    }
  }

  /** The extensions this organisation has records for. */
  static List<String> records(Staff staff) {
    Path dir = Path.of(staff.speech().writeDir());
    List<String> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, RECORD_PREFIX + "*")) {
      for (Path f : files) {
        String ext = f.getFileName().toString().substring(RECORD_PREFIX.length());
        if (ext.matches("[0-9]{2,8}")) {
          out.add(ext);
        }
      }
    } catch (IOException e) {
      throw new SpeechException(SpeechException.Kind.WRITE_FAILED, "cannot list the temporary"
          + " greetings' records in " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** One organisation's mailboxes in the spool, and its records. */
  static final class Spool {
    private final Path spool;
    private final Path context;
    private final Path records;
    private final SoundStore store;

    Spool(Staff staff, SoundStore store) {
      SpeechSettings settings = staff.speech();
      this.spool = Path.of(settings.voicemailSpool());
      this.context = spool.resolve(staff.asterisk().voicemailContext());
      this.records = Path.of(settings.writeDir());
      this.store = store;
    }

    /**
     * Brings one mailbox to {@code wanted} (null: vaxel's greeting should not be there).
     *
     * @return 1 when vaxel's own greeting was removed or replaced, else 0
     */
    int reconcile(String ext, Wanted wanted) throws IOException {
      Path recordFile = records.resolve(RECORD_PREFIX + ext);
      Path box = context.resolve(ext);
      Path target = box.resolve(GREETING);
      Optional<Record> record = readRecord(recordFile);
      if (record.isPresent() && !record.get().file().equals(target)) {
        // Not a file vaxel would place for this mailbox (the record was altered, or the spool or
        // context setting changed): its path is nobody's word vaxel acts on. The record goes,
        // no file is touched.
        LOG.warn("dropped the record {}: it names {}, not this mailbox's {}; no file touched",
            recordFile, record.get().file(), target);
        Files.delete(recordFile);
        record = Optional.empty();
      }
      String name = wanted == null ? null : store.nameOf(wanted.text(), wanted.language());
      // The nightly case: the same words placed before and still there, and no greeting of the
      // person's in another format beside them (which would then be theirs to hear, so vaxel's
      // goes below). No engine, no hash.
      if (wanted != null && record.isPresent() && record.get().name().equals(name)
          && record.get().file().equals(target)
          && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
          && existingGreeting(box).filter(g -> !g.equals(target)).isEmpty()) {
        return 0;
      }
      int removed = 0;
      if (record.isPresent()) {
        Path placed = record.get().file();
        noLinkedDirectory(box);
        if (Files.isRegularFile(placed, LinkOption.NOFOLLOW_LINKS)
            && sha256(placed).equals(record.get().sha256())) {
          // Still the bytes vaxel placed: an ended absence, or words that changed. (A greeting
          // recorded in the microseconds between this hash and the delete would be lost; the
          // person records over a file that says they are away, seldom at that instant.)
          Files.delete(placed);
          removed = 1;
          LOG.info("removed vaxel's temporary greeting {}", placed);
        } else if (Files.exists(placed, LinkOption.NOFOLLOW_LINKS)) {
          LOG.info("kept {}: recorded over vaxel's temporary greeting", placed);
        }
        Files.delete(recordFile);
      }
      if (wanted == null) {
        return removed;
      }
      // The spool is Asterisk's user's: vaxel, perhaps root, follows no link it may have made.
      noLinkedDirectory(box);
      Optional<Path> own = existingGreeting(box);
      if (own.isPresent()) {
        LOG.info("mailbox {} has its own temporary greeting {}; nothing spoken", ext,
            own.get().getFileName());
        return removed;
      }
      place(ext, name, wanted, box, target, recordFile);
      return removed;
    }

    /**
     * Speaks the greeting, records it, then links it in beside: a hard link fails when the
     * name exists (Linux's link(2) never replaces, whereas {@code Files.move} with ATOMIC_MOVE
     * is a rename(2), which does), so a greeting the person records meanwhile is kept. The record
     * is written first: a crash between the two leaves a record of a file that is not there,
     * which the next apply replaces; the other order could leave vaxel's file unrecognised.
     */
    private void place(String ext, String name, Wanted wanted, Path box, Path target,
        Path recordFile) throws IOException {
      if (!Files.isDirectory(spool)) {
        throw new SpeechException(SpeechException.Kind.WRITE_FAILED, "the voicemail spool "
            + spool + " is not a directory; set speech.voicemail-spool to app_voicemail's"
            + " spool as vaxel sees it (default " + SpeechSettings.DEFAULT_SPOOL + ")");
      }
      byte[] audio = store.speak(wanted.text(), wanted.language());
      createOwned(context, spool);
      createOwned(box, context);
      noLinkedDirectory(box);
      store.write(recordFile.getFileName().toString(),
          new Record(name, sha256(audio), target).text().getBytes(StandardCharsets.UTF_8));
      // The temporary file is made, owned and given its mode relative to handles of the
      // context's and the mailbox's directories opened without following a link, so it lands
      // in the real mailbox whatever is swapped meanwhile. Java has no linkat(2) relative to a
      // handle, so the link below goes by name: the names are looked at again right before and
      // after it, and a mailbox swapped for a link in between makes link(2) look for the
      // temporary file where it is not (it fails), unless the link leads to a directory the
      // swapper may write themselves.
      String tmpName = ".vaxel-" + UUID.randomUUID() + ".tmp";
      Path tmp = box.resolve(tmpName);
      try (SecureDirectoryStream<Path> contextDir = AtomicFiles.openDirectoryNoFollow(context);
          SecureDirectoryStream<Path> boxDir = contextDir.newDirectoryStream(box.getFileName(),
              LinkOption.NOFOLLOW_LINKS)) {
        Path tmpRelative = Path.of(tmpName);
        try {
          try (SeekableByteChannel ch = boxDir.newByteChannel(tmpRelative,
              Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                  LinkOption.NOFOLLOW_LINKS))) {
            ByteBuffer buffer = ByteBuffer.wrap(audio);
            while (buffer.hasRemaining()) {
              ch.write(buffer);
            }
          }
          PosixFileAttributeView view = boxDir.getFileAttributeView(tmpRelative,
              PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
          ownLike(view, contextDir.getFileAttributeView(PosixFileAttributeView.class)
              .readAttributes());
          // SoundStore's policy for every sound vaxel makes (0644), whatever the umask:
          // Asterisk's user must read it whoever wrote it, and it says what any caller hears.
          view.setPermissions(SoundStore.READABLE);
          noLinkedDirectory(box);
          try {
            Files.createLink(target, tmp);
            noLinkedDirectory(box);
            LOG.info("placed a spoken temporary greeting in mailbox {}", ext);
          } catch (FileAlreadyExistsException e) {
            // Recorded between our look and the link: theirs wins.
            Files.deleteIfExists(recordFile);
            LOG.info("mailbox {} got its own temporary greeting meanwhile; kept", ext);
          }
        } finally {
          try {
            boxDir.deleteFile(tmpRelative);
          } catch (NoSuchFileException gone) {
            // Never made.
          }
        }
      }
    }

    /**
     * Refuses when the context's or the mailbox's directory is a symbolic link. Run as root,
     * vaxel would otherwise write where the spool's owner points it; the check is repeated
     * before and after each step that writes by name, so a directory swapped for a link
     * between two steps stops the work, but a swap and a swap back between a check and the
     * step are not seen: apply should run as Asterisk's user (the Debian unit does), for whom
     * a link in Asterisk's spool leads nowhere Asterisk could not write itself.
     */
    private void noLinkedDirectory(Path box) throws IOException {
      for (Path d : List.of(context, box)) {
        if (Files.isSymbolicLink(d)) {
          throw new IOException(d + " is a symbolic link; vaxel writes into no linked directory");
        }
      }
    }

    /** The record, read without following a link: a link or a garbled record is none. */
    private static Optional<Record> readRecord(Path recordFile) throws IOException {
      if (!Files.isRegularFile(recordFile, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      try (var ch = Files.newByteChannel(recordFile, StandardOpenOption.READ,
          LinkOption.NOFOLLOW_LINKS)) {
        return Record.parse(new String(java.nio.channels.Channels.newInputStream(ch)
            .readAllBytes(), StandardCharsets.UTF_8));
      } catch (java.nio.file.FileSystemException e) {
        // Swapped for a link after the look (ELOOP): not vaxel's record.
        return Optional.empty();
      }
    }

    /**
     * A {@code temp.*} in the mailbox (any format): a temporary greeting there already; one
     * other than {@code temp.wav} first, as that can only be the person's.
     */
    private static Optional<Path> existingGreeting(Path box) throws IOException {
      if (!Files.isDirectory(box, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.empty();
      }
      Path found = null;
      try (DirectoryStream<Path> files = Files.newDirectoryStream(box, "temp.*")) {
        for (Path f : files) {
          if (!f.getFileName().toString().equals(GREETING)) {
            return Optional.of(f);
          }
          found = f;
        }
      }
      return Optional.ofNullable(found);
    }

    /**
     * Creates {@code dir}, owned like {@code like} when run as root. Its mode is the umask's,
     * unlike the greeting's 0644: a mailbox directory holds the person's messages, so vaxel
     * grants no more than the process's umask (the apply unit's 0027) allows.
     */
    private static void createOwned(Path dir, Path like) throws IOException {
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try {
        Files.createDirectory(dir);
      } catch (FileAlreadyExistsException e) {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          return;
        }
        throw e;
      }
      ownLike(Files.getFileAttributeView(dir, PosixFileAttributeView.class,
          LinkOption.NOFOLLOW_LINKS), Files.readAttributes(like, PosixFileAttributes.class));
    }

    /**
     * Gives what {@code view} shows the owner and group of {@code want} when vaxel runs as root
     * (its new files are then root's), so that Asterisk, running as its own user, can read,
     * replace and delete them (the voicemail menu removes a temporary greeting). Otherwise the
     * files are vaxel's user's, and Asterisk's rights come from the directory.
     */
    private static void ownLike(PosixFileAttributeView view, PosixFileAttributes want)
        throws IOException {
      if (view == null) {
        return;
      }
      PosixFileAttributes mine = view.readAttributes();
      if (!mine.owner().getName().equals("root")) {
        return;
      }
      UserPrincipal owner = want.owner();
      GroupPrincipal group = want.group();
      if (!mine.owner().equals(owner)) {
        view.setOwner(owner);
      }
      if (!mine.group().equals(group)) {
        view.setGroup(group);
      }
    }
  }

  /** Streamed: the file is the spool's, of any size. */
  static String sha256(Path file) throws IOException {
    try (var in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[65536];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
