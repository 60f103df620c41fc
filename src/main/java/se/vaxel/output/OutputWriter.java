package se.vaxel.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardCopyOption;
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
    if (isAbsentOrEmpty(dir)) {
      return writeFresh(dir, files);
    }
    Set<String> previous = readManifest(dir);
    Set<String> current = new TreeSet<>();
    files.forEach(f -> current.add(f.path()));
    // The manifest names every file we may have written before any is written, so a crash
    // halfway leaves no file of ours that a later run would not know to remove.
    Set<String> both = new TreeSet<>(previous);
    both.addAll(current);
    writeManifest(dir, both);
    AtomicInteger written = new AtomicInteger();
    forEachFile(files, f -> {
      if (AtomicFiles.writeIfChanged(dir.resolve(f.path()), f.content())) {
        written.incrementAndGet();
      }
    });
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

  /**
   * A new output tree is built beside its destination with plain writes and then renamed into
   * place: one atomic step for the whole tree, where per-file temporary files and renames would
   * triple the file system work of a first run over tens of thousands of files.
   */
  private WriteResult writeFresh(Path dir, Collection<OutputFile> files) throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path building = Files.createTempDirectory(parent, "." + target.getFileName() + ".vaxel-new");
    try {
      // Every directory first, once: a file must never be written into a directory that
      // another thread is still creating.
      Set<Path> dirs = new TreeSet<>();
      files.forEach(f -> dirs.add(building.resolve(f.path()).getParent()));
      for (Path d : dirs) {
        Files.createDirectories(d);
      }
      forEachFile(files, f ->
          Files.write(building.resolve(f.path()), f.content().getBytes(StandardCharsets.UTF_8)));
      Set<String> paths = new TreeSet<>();
      files.forEach(f -> paths.add(f.path()));
      writeManifest(building, paths);
      // rename(2) replaces an empty directory, and fails if someone filled it meanwhile.
      Files.move(building, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      deleteTree(building);
      throw e;
    }
    return new WriteResult(files.size(), 0, 0);
  }

  private static boolean isAbsentOrEmpty(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return true;
    }
    if (!Files.isDirectory(dir)) {
      throw new java.nio.file.NotDirectoryException(dir.toString());
    }
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private interface FileAction {
    void apply(OutputFile f) throws IOException;
  }

  /** Thousands of small files: two threads keep the file system busy while one waits. */
  private static void forEachFile(Collection<OutputFile> files, FileAction action)
      throws IOException {
    try {
      files.parallelStream().forEach(f -> {
        try {
          action.apply(f);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
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
