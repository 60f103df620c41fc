package se.vaxel.output;

import static se.vaxel.output.OutputWriter.MANIFEST;
import static se.vaxel.output.OutputWriter.STAGE_PREFIX;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Carries out, finishes or undoes the {@link Journal} of one output directory: the part of
 * {@link OutputWriter} that the next run repeats after a crash, so every step here may find
 * itself already done.
 */
final class Transaction {
  private final Path root;
  private final Path shown;

  /**
   * @param root the output directory's real path
   * @param shown the output directory as the user named it, for messages
   */
  Transaction(Path root, Path shown) {
    this.root = root;
    this.shown = shown;
  }

  /** The journal is written whole in the staging directory, then renamed into place. */
  void install(Path stage, Journal journal) throws IOException {
    Path written = stage.resolve("journal-" + journal.state().name().toLowerCase());
    Files.writeString(written, journal.encode(), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE);
    Files.move(written, root.resolve(Journal.NAME), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Finishes a committed journal; each step may have been done already by a crashed run. */
  void carryOut(Journal journal) throws IOException {
    Path stage = root.resolve(journal.stage());
    SafeTree safe = new SafeTree(root, shown);
    List<Journal.Rename> renames = journal.renames();
    OutputWriter.parallel(renames.size(), i -> {
      Journal.Rename r = renames.get(i);
      Path staged = stage.resolve(r.staged());
      if (r.path().equals(MANIFEST) || !Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      SafeTree.Found found = safe.inspect(r.path());
      if (found.state() == SafeTree.State.REFUSED) {
        throw OutputWriter.refused(found.problem());
      }
      Path target = root.resolve(r.path());
      Files.createDirectories(target.getParent());
      Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE,
          StandardCopyOption.REPLACE_EXISTING);
    });
    OutputWriter.parallel(journal.deleted().size(), i -> safe.delete(journal.deleted().get(i)));
    // The manifest last: until it moves, the old one still lists every file deleted above.
    for (Journal.Rename r : renames) {
      Path staged = stage.resolve(r.staged());
      if (r.path().equals(MANIFEST) && Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(staged, root.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      }
    }
    deleteStage(stage);
    Files.deleteIfExists(root.resolve(Journal.NAME));
  }

  private void rollBack(Journal journal) throws IOException {
    SafeTree safe = new SafeTree(root, shown);
    OutputWriter.parallel(journal.created().size(), i -> safe.delete(journal.created().get(i)));
    deleteStage(root.resolve(journal.stage()));
    Files.deleteIfExists(root.resolve(Journal.NAME));
  }

  void recover() throws IOException {
    Path path = root.resolve(Journal.NAME);
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      Journal journal;
      try {
        if (!OutputWriter.isRegularFile(path)) {
          throw new IllegalArgumentException("it is not a regular file");
        }
        journal = Journal.decode(
            new String(OutputWriter.readNoFollow(path), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw OutputWriter.refused(shown.resolve(Journal.NAME) + " is damaged (" + e.getMessage()
            + "), so vaxel cannot tell which files of its last run are complete: generate "
            + "into a new output directory instead.");
      }
      if (journal.state() == Journal.State.COMMITTED) {
        carryOut(journal);
      } else {
        rollBack(journal);
      }
    }
    // Staging directories of runs that died before their journal named them.
    try (DirectoryStream<Path> stages = Files.newDirectoryStream(root, STAGE_PREFIX + "*")) {
      for (Path stage : stages) {
        deleteStage(stage);
      }
    }
  }

  /** A staging directory holds only plain files of ours; a link there is removed, not followed. */
  static void deleteStage(Path stage) throws IOException {
    if (Files.isDirectory(stage, LinkOption.NOFOLLOW_LINKS)) {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(stage)) {
        for (Path entry : entries) {
          Files.delete(entry);
        }
      }
    }
    Files.deleteIfExists(stage);
  }
}
