package se.vaxel.output;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * What went wrong with a file, in words a user can act on: the one place that turns Java's
 * file exceptions into text, so no class name ever reaches a message.
 */
public final class IoProblems {
  private IoProblems() {}

  /** "FILE: what is wrong", naming where vaxel was writing rather than its temporary file. */
  public static String describe(IOException e) {
    if (e instanceof FileSystemException fs) {
      return (fs.getOtherFile() != null ? fs.getOtherFile() : fs.getFile()) + ": "
          + whatIsWrong(fs);
    }
    return e.getMessage() != null ? e.getMessage() : "an input/output error";
  }

  /**
   * In words, never the exception's class name. A move names the file it came from first, so
   * the caller shows the other file: where vaxel was writing, not its temporary file.
   */
  public static String whatIsWrong(FileSystemException fs) {
    if (fs instanceof NotDirectoryException) {
      return "not a directory; give a directory there";
    }
    if (fs instanceof DirectoryNotEmptyException) {
      return "a directory; give a file name there";
    }
    if (fs instanceof FileAlreadyExistsException) {
      return "is in the way (it already exists); move it away";
    }
    if (fs instanceof FileSystemLoopException) {
      return "a loop of symbolic links; point it at a real file or directory";
    }
    if (fs instanceof NoSuchFileException) {
      return "does not exist";
    }
    if (fs instanceof AccessDeniedException) {
      return "permission denied";
    }
    return fs.getReason() != null ? fs.getReason() : "cannot be used";
  }
}
