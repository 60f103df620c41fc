package se.vaxel.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a generated tree into an output directory.
 *
 * <p>Unchanged files are not rewritten, so timestamps stay put and whatever watches the tree
 * (rsync, a config reload) stays quiet. Files that an earlier run generated and this run does
 * not (someone left, an absence ended) are removed; the manifest {@value #MANIFEST} remembers
 * which files are ours, so nothing else in the directory is ever touched.
 */
public final class OutputWriter {
  public static final String MANIFEST = ".vaxel-manifest";

  public WriteResult write(Path dir, Collection<OutputFile> files) throws IOException {
    Files.createDirectories(dir);
    Set<String> previous = readManifest(dir);
    Set<String> current = new TreeSet<>();
    files.forEach(f -> current.add(f.path()));
    // The manifest names every file we may have written before any is written, so a crash
    // halfway leaves no file of ours that a later run would not know to remove.
    Set<String> both = new TreeSet<>(previous);
    both.addAll(current);
    writeManifest(dir, both);
    AtomicInteger written = new AtomicInteger();
    // Thousands of small files: the file system calls dominate, so two threads pay off.
    try {
      files.parallelStream().forEach(f -> {
        try {
          if (AtomicFiles.writeIfChanged(dir.resolve(f.path()), f.content())) {
            written.incrementAndGet();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    int removed = 0;
    for (String old : previous) {
      if (!current.contains(old) && Files.deleteIfExists(dir.resolve(old))) {
        removed++;
        pruneEmptyParents(dir, dir.resolve(old).getParent());
      }
    }
    writeManifest(dir, current);
    return new WriteResult(written.get(), files.size() - written.get(), removed);
  }

  private static void writeManifest(Path dir, Set<String> paths) throws IOException {
    AtomicFiles.writeIfChanged(dir.resolve(MANIFEST), String.join("\n", paths) + "\n");
  }

  private static Set<String> readManifest(Path dir) throws IOException {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(MANIFEST));
      Set<String> paths = new TreeSet<>();
      for (String line : lines) {
        // A manifest is ours, but a hand-edited one must not make us delete outside the tree.
        if (!line.isBlank() && isSafeRelative(line)) {
          paths.add(line);
        }
      }
      return paths;
    } catch (NoSuchFileException e) {
      return Set.of();
    }
  }

  private static boolean isSafeRelative(String path) {
    try {
      new OutputFile(path, "");
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void pruneEmptyParents(Path root, Path dir) throws IOException {
    Path stop = root.toAbsolutePath().normalize();
    Path d = dir.toAbsolutePath().normalize();
    while (d.startsWith(stop) && !d.equals(stop)) {
      try {
        Files.delete(d);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
      d = d.getParent();
    }
  }
}
