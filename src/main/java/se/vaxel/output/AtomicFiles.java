package se.vaxel.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/** Writes that either happen whole or not at all: a reader never sees half a file. */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Writes {@code content} to {@code target} through a temporary file in the same directory
   * (so the final move is a rename within one file system), unless the file already holds
   * exactly these bytes.
   *
   * @return whether the file was written
   */
  public static boolean writeIfChanged(Path target, String content) throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (sameContent(target, bytes)) {
      return false;
    }
    write(target, bytes);
    return true;
  }

  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    // Named by process and thread: a nightly check and a manual one may write the same report
    // at once, and neither may move or delete the other's half-written file.
    Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
        + Thread.currentThread().getId() + ".vaxel-tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
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
