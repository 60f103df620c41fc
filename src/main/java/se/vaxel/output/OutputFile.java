package se.vaxel.output;

import java.util.Objects;

/**
 * One generated file: a path relative to the output directory, and its text.
 *
 * @param path always with '/' separators, never absolute, never containing '..'
 */
public record OutputFile(String path, String content) {
  public OutputFile {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\")
        || java.util.Arrays.asList(path.split("/")).contains("..")) {
      throw new IllegalArgumentException("not a relative output path: " + path);
    }
  }
}
