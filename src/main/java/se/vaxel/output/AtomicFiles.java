package se.vaxel.output;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes that either happen whole or not at all: a reader never sees half a file, and the file
 * keeps who may read and write it.
 *
 * <p>Every write goes through a temporary file in the target's directory (so the final step is
 * a rename within one file system). Its name is random and it is created exclusively (O_EXCL),
 * which never follows a link someone planted at that name: a local user who can write into a
 * report directory cannot make root write through a link of theirs.
 *
 * <p>Attributes (see docs/apply.md): a file that is replaced keeps its owner, group and mode,
 * copied onto the temporary file before the rename; a new file gets those of a template when
 * one is given (the file that includes it), else what the process's umask gives (0666 minus
 * the umask). A symbolic link is written through (the link stays, the file it points to is
 * replaced), but only when the link belongs to us, to root or to the owner of its directory:
 * anyone else's link is refused, like the kernel's protected_symlinks does in shared
 * directories. {@link #writeWithMode} follows no link at all (the sounds directory, where vaxel
 * names every file).
 */
public final class AtomicFiles {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<PosixFilePermission> PRIVATE =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  private static final int MAX_LINKS = 40;

  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} unless the file already holds exactly these bytes.
   *
   * @return whether the file was written
   */
  public static boolean writeIfChanged(Path target, String content) throws IOException {
    return writeIfChanged(target, content, null);
  }

  /**
   * Like {@link #writeIfChanged(Path, String)}; a file that does not exist yet gets the owner,
   * group and mode of {@code attributesFrom} (null: the umask decides).
   */
  public static boolean writeIfChanged(Path target, String content, Path attributesFrom)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (sameContent(target, bytes)) {
      return false;
    }
    write(target, bytes, attributesFrom);
    return true;
  }

  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, bytes, null);
  }

  /** Writes {@code bytes} to {@code target}; see the class comment for attributes and links. */
  public static void write(Path target, byte[] bytes, Path attributesFrom) throws IOException {
    try {
      writeResolved(target, bytes, attributesFrom);
    } catch (FileSystemException e) {
      throw aboutTarget(e, target);
    }
  }

  /**
   * Writes {@code bytes} to {@code target} with exactly {@code mode}, whatever the umask, and
   * follows no symbolic link: for a directory where vaxel chooses every name and several users
   * write (the sound files, made by apply as Asterisk's user and by the console and the calendar
   * sync as vaxel's). Unlike {@link #write}, a link at {@code target} is replaced by the file,
   * never written through (the final step is a rename, which replaces a name, not what it points
   * to), and a {@code target} whose directory is a link is refused: another writer of the
   * directory must not make this process write where it may and they may not.
   *
   * <p>The directory is opened once without following a link ({@code openat(O_NOFOLLOW)} through
   * a {@link SecureDirectoryStream} of its parent, as Linux gives), and the temporary file is
   * created, given its mode and renamed relative to that handle: a directory swapped for a link
   * meanwhile changes nothing. The mode is set on the temporary file before the rename, so the
   * name never shows another mode. The directory must exist.
   */
  public static void writeWithMode(Path target, byte[] bytes, Set<PosixFilePermission> mode)
      throws IOException {
    Path file = target.toAbsolutePath().normalize();
    Path dir = file.getParent();
    String name = file.getFileName().toString();
    try {
      try (SecureDirectoryStream<Path> in = openDirectoryNoFollow(dir)) {
        String tmpName = createTempIn(in, name, bytes);
        try {
          in.getFileAttributeView(Path.of(tmpName), PosixFileAttributeView.class,
              LinkOption.NOFOLLOW_LINKS).setPermissions(mode);
          in.move(Path.of(tmpName), in, Path.of(name));
        } finally {
          try {
            in.deleteFile(Path.of(tmpName));
          } catch (NoSuchFileException gone) {
            // Renamed: the usual case.
          }
        }
      }
    } catch (FileSystemException e) {
      throw aboutTarget(e, target);
    }
  }

  /**
   * {@code dir} opened as a handle that later operations are relative to, refused when it is a
   * symbolic link ({@code openat(O_NOFOLLOW)} from its parent, which is followed: the parent is
   * the caller's to trust). Linux gives Java a {@link SecureDirectoryStream}; elsewhere this
   * fails rather than fall back to names.
   */
  public static SecureDirectoryStream<Path> openDirectoryNoFollow(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    try (DirectoryStream<Path> parentStream = Files.newDirectoryStream(absolute.getParent())) {
      if (!(parentStream instanceof SecureDirectoryStream<Path> parent)) {
        throw new FileSystemException(absolute.toString(), null, "this platform cannot open a"
            + " directory without following links; vaxel writes here only on Linux");
      }
      return openNoFollow(parent, absolute);
    }
  }

  private static SecureDirectoryStream<Path> openNoFollow(SecureDirectoryStream<Path> parent,
      Path dir) throws IOException {
    Path name = dir.getFileName();
    BasicFileAttributes attributes = parent.getFileAttributeView(name,
        BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
    if (attributes.isSymbolicLink() || !attributes.isDirectory()) {
      throw new FileSystemException(dir.toString(), null, attributes.isSymbolicLink()
          ? "is a symbolic link; vaxel writes into no linked directory (make it a directory)"
          : "is not a directory");
    }
    // O_NOFOLLOW: a link put there after the look above fails here rather than being followed.
    return parent.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
  }

  /** Like {@link #createTemp}, relative to a directory handle; returns the name. */
  private static String createTempIn(SecureDirectoryStream<Path> dir, String name, byte[] bytes)
      throws IOException {
    for (int attempt = 0; ; attempt++) {
      String tmpName = "." + name + "." + randomSuffix() + ".vaxel-tmp";
      Path tmp = Path.of(tmpName);
      Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
          LinkOption.NOFOLLOW_LINKS);
      try (SeekableByteChannel ch = dir.newByteChannel(tmp, options,
          PosixFilePermissions.asFileAttribute(PRIVATE))) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          ch.write(buffer);
        }
        return tmpName;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      } catch (IOException e) {
        try {
          dir.deleteFile(tmp);
        } catch (IOException ignored) {
          // Not made, or not ours to clean: the original failure is the one to tell.
        }
        throw e;
      }
    }
  }

  /**
   * The failure as it concerns {@code target}: a message about our temporary file (a directory
   * the user may not write, say) would name a file the user never asked for.
   */
  private static FileSystemException aboutTarget(FileSystemException e, Path target) {
    boolean temporary = isTemporary(e.getFile()) || isTemporary(e.getOtherFile());
    if (!temporary) {
      return e;
    }
    String reason = e.getReason();
    FileSystemException about = e instanceof AccessDeniedException
        ? new AccessDeniedException(target.toString(), null, reason)
        : e instanceof NoSuchFileException
            ? new NoSuchFileException(target.toString(), null, reason)
            : new FileSystemException(target.toString(), null, reason);
    about.initCause(e);
    return about;
  }

  private static boolean isTemporary(String file) {
    return file != null && file.endsWith(".vaxel-tmp");
  }

  private static void writeResolved(Path target, byte[] bytes, Path attributesFrom)
      throws IOException {
    Path file = resolveLinks(target.toAbsolutePath());
    Path dir = file.getParent();
    if (attributesFrom == null) {
      Files.createDirectories(dir);
    } else {
      createDirectories(dir, attributesFrom);
    }
    PosixFileAttributes keep = posix(file).orElse(
        attributesFrom == null ? null : posix(attributesFrom).orElse(null));
    Path tmp = createTemp(dir, file.getFileName().toString(), keep != null, bytes,
        AtomicFiles::randomSuffix);
    try {
      if (keep != null) {
        setOwnerAndMode(tmp, keep.owner(), keep.group(), keep.permissions(), file);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Creates {@code dir} and any missing parents with the owner and group of {@code
   * attributesFrom} and its mode plus search (x) wherever it grants read: a directory for
   * fragments of a 0660 file becomes 0770, so whoever reads the file can reach the fragments.
   */
  public static void createDirectories(Path dir, Path attributesFrom) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent, attributesFrom);
    }
    try {
      Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(EnumSet.of(
          PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
          PosixFilePermission.OWNER_EXECUTE)));
    } catch (FileAlreadyExistsException e) {
      if (Files.isDirectory(absolute)) {
        return;
      }
      throw e;
    }
    PosixFileAttributes template = posix(attributesFrom).orElse(null);
    if (template != null) {
      Set<PosixFilePermission> mode = EnumSet.copyOf(template.permissions());
      searchable(mode, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
      searchable(mode, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
      searchable(mode, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
      setOwnerAndMode(absolute, template.owner(), template.group(), mode, absolute);
    }
  }

  /** Gives {@code file} (just created, not a link) the owner, group and mode of {@code from}. */
  public static void copyAttributes(Path from, Path file) throws IOException {
    Optional<PosixFileAttributes> template = posix(from);
    if (template.isPresent()) {
      setOwnerAndMode(file, template.get().owner(), template.get().group(),
          template.get().permissions(), file);
    }
  }

  private static void searchable(Set<PosixFilePermission> mode, PosixFilePermission read,
      PosixFilePermission execute) {
    if (mode.contains(read)) {
      mode.add(execute);
    }
  }

  /**
   * The file a write to {@code path} must replace: {@code path} itself, or where its links lead.
   * A link that is not ours, root's or its directory owner's is refused (see the class comment).
   */
  static Path resolveLinks(Path path) throws IOException {
    Path current = path;
    for (int i = 0; i < MAX_LINKS; i++) {
      if (!Files.isSymbolicLink(current)) {
        return current;
      }
      int linkOwner = uid(current, LinkOption.NOFOLLOW_LINKS);
      int dirOwner = uid(current.getParent(), LinkOption.NOFOLLOW_LINKS);
      long me = new UnixSystem().getUid();
      if (linkOwner != 0 && linkOwner != me && linkOwner != dirOwner) {
        throw new FileSystemException(current.toString(), null, "is a symbolic link owned by "
            + "uid " + linkOwner + ", who owns neither its directory nor this process; refusing "
            + "to write through it (replace the link or write as its owner)");
      }
      current = current.getParent().resolve(Files.readSymbolicLink(current)).normalize();
    }
    throw new FileSystemException(path.toString(), null, "too many levels of symbolic links");
  }

  private static int uid(Path path, LinkOption... options) throws IOException {
    return (Integer) Files.getAttribute(path, "unix:uid", options);
  }

  /**
   * An exclusively created, unpredictably named file beside the target. Private (0600) when it
   * will get attributes of its own before the rename, so nobody reads it meanwhile; otherwise
   * created with the umask's mode, which is the mode the file is meant to have.
   */
  static Path createTemp(Path dir, String name, boolean privateFirst, byte[] bytes,
      Supplier<String> suffixes) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Path tmp = dir.resolve("." + name + "." + suffixes.get() + ".vaxel-tmp");
      Set<StandardOpenOption> options =
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      // Written through the descriptor that created it: nobody can swap the name meanwhile.
      try (FileChannel ch = privateFirst
              ? FileChannel.open(tmp, options, PosixFilePermissions.asFileAttribute(PRIVATE))
              : FileChannel.open(tmp, options);
          OutputStream out = Channels.newOutputStream(ch)) {
        out.write(bytes);
        return tmp;
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 10) {
          throw e;
        }
      } catch (IOException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
    }
  }

  private static String randomSuffix() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  /** Owner and group first: chown may clear set-id bits that the mode then sets again. */
  private static void setOwnerAndMode(Path path, UserPrincipal owner,
      GroupPrincipal group, Set<PosixFilePermission> mode, Path target)
      throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
        LinkOption.NOFOLLOW_LINKS);
    PosixFileAttributes now = view.readAttributes();
    try {
      if (!now.owner().equals(owner)) {
        view.setOwner(owner);
      }
      if (!now.group().equals(group)) {
        view.setGroup(group);
      }
    } catch (FileSystemException e) {
      throw new FileSystemException(target.toString(), null, "cannot keep its owner "
          + owner.getName() + " and group " + group.getName() + " (" + e.getReason()
          + "); write it as root or as its owner");
    }
    view.setPermissions(mode);
  }

  private static Optional<PosixFileAttributes> posix(Path path) throws IOException {
    try {
      return Optional.of(Files.readAttributes(path, PosixFileAttributes.class));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  static boolean sameContent(Path target, byte[] bytes) throws IOException {
    try {
      if (Files.size(target) != bytes.length) {
        return false;
      }
      return Arrays.equals(Files.readAllBytes(target), bytes);
    } catch (NoSuchFileException e) {
      return false;
    }
  }
}
