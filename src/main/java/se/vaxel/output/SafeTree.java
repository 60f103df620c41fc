package se.vaxel.output;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output directory seen from inside. Paths are relative to it ({@link OutputFile#path()}),
 * and no symbolic link below it is ever followed: a link where vaxel would read, write or
 * delete is reported instead, so nothing outside the tree can be touched through one.
 *
 * <p>What each directory is gets looked up once (a tree of 50,000 people has as many
 * directories), and may be asked from several threads at once.
 */
final class SafeTree {
  enum State { ABSENT, FILE, REFUSED }

  /** What is at a path: nothing, a regular file of {@code size} bytes, or a problem. */
  record Found(State state, long size, String problem) {
    static final Found ABSENT = new Found(State.ABSENT, 0, null);

    static Found refused(String problem) {
      return new Found(State.REFUSED, 0, problem);
    }
  }

  private static final String DIR_OK = "directory";
  private static final String DIR_ABSENT = "absent";

  private final Path root;
  private final Path shown;
  /** Relative directory to DIR_OK, DIR_ABSENT or the problem with it. */
  private final Map<String, String> dirs = new ConcurrentHashMap<>();

  /**
   * @param root the output directory's real path
   * @param shown the output directory as the user named it, for messages
   */
  SafeTree(Path root, Path shown) {
    this.root = root;
    this.shown = shown;
  }

  Path path(String rel) {
    return root.resolve(rel);
  }

  /** A path as the user would type it, for messages. */
  String show(String rel) {
    return shown.resolve(rel).toString();
  }

  Found inspect(String rel) throws IOException {
    String above = parentState(rel);
    if (above.equals(DIR_ABSENT)) {
      return Found.ABSENT;
    }
    if (!above.equals(DIR_OK)) {
      return Found.refused(above);
    }
    BasicFileAttributes a = attributes(rel);
    if (a == null) {
      return Found.ABSENT;
    }
    if (a.isRegularFile()) {
      return new Found(State.FILE, a.size(), null);
    }
    return Found.refused(notAFile(rel, a));
  }

  /** Whether the regular file at {@code rel} (of {@code size} bytes) holds exactly these. */
  boolean sameContent(String rel, long size, byte[] bytes) throws IOException {
    if (size != bytes.length) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.allocate(bytes.length + 1);
    try (SeekableByteChannel in = Files.newByteChannel(path(rel), StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      while (in.read(buffer) > 0) {
        if (!buffer.hasRemaining()) {
          return false;
        }
      }
    }
    return buffer.position() == bytes.length
        && Arrays.equals(buffer.array(), 0, bytes.length, bytes, 0, bytes.length);
  }

  /**
   * Deletes the regular file at {@code rel}, if there is one, then each directory above it that
   * is empty, up to (not including) the output directory: a crashed run may have made a file's
   * directories and died before it wrote the file.
   *
   * @return whether there was a file to delete
   */
  boolean delete(String rel) throws IOException {
    Found found = inspect(rel);
    if (found.state() == State.REFUSED) {
      throw new OutputRefusedException(List.of(found.problem()));
    }
    boolean deleted = found.state() == State.FILE && Files.deleteIfExists(path(rel));
    for (int slash = rel.lastIndexOf('/'); slash > 0; slash = rel.lastIndexOf('/', slash - 1)) {
      try {
        Files.delete(path(rel.substring(0, slash)));
      } catch (NoSuchFileException e) {
        // Never made, or pruned by another thread: the one above may still be empty.
      } catch (DirectoryNotEmptyException e) {
        break;
      }
    }
    return deleted;
  }

  private String parentState(String rel) throws IOException {
    int slash = rel.lastIndexOf('/');
    return slash < 0 ? DIR_OK : dirState(rel.substring(0, slash));
  }

  private String dirState(String dir) throws IOException {
    String known = dirs.get(dir);
    if (known != null) {
      return known;
    }
    String state = parentState(dir);
    if (state.equals(DIR_OK)) {
      BasicFileAttributes a = attributes(dir);
      if (a == null) {
        state = DIR_ABSENT;
      } else if (!a.isDirectory()) {
        state = a.isSymbolicLink() ? link(dir)
            : show(dir) + " is a file where vaxel writes a directory: move it out of the "
                + "output directory, then run again.";
      }
    }
    dirs.put(dir, state);
    return state;
  }

  private String notAFile(String rel, BasicFileAttributes a) {
    if (a.isSymbolicLink()) {
      return link(rel);
    }
    if (a.isDirectory()) {
      return show(rel) + " is a directory where vaxel writes a file: move it out of the output "
          + "directory, then run again.";
    }
    return show(rel) + " is not a regular file: move it out of the output directory, then run "
        + "again.";
  }

  private String link(String rel) {
    return show(rel) + " is a symbolic link: vaxel never follows a link inside its output "
        + "directory. Replace it with what it points to, or remove it, then run again.";
  }

  private BasicFileAttributes attributes(String rel) throws IOException {
    try {
      return Files.readAttributes(path(rel), BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }
}
