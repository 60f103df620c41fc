package se.vaxel.output;

import java.util.Objects;

/**
 * One generated file: a path relative to the output directory, and its text.
 *
 * @param path always with '/' separators, never absolute, no empty, '.' or '..' segment, no
 *     control character (the manifest and the journal are one path a line), and never one of
 *     vaxel's own bookkeeping names at the top ({@code .vaxel-*})
 */
public record OutputFile(String path, String content) {
  public OutputFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (!isSafe(path)) {
      throw new IllegalArgumentException("not a relative output path: " + path);
    }
  }

  /** Whether {@code path} may name a file inside the output tree (see {@link #path()}). */
  static boolean isSafe(String path) {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
        || path.startsWith(OutputWriter.RESERVED_PREFIX)
        || path.chars().anyMatch(Character::isISOControl)) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
