package se.vaxel.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import se.vaxel.progress.Progress;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;

/**
 * Writes a generated tree into an output directory, touching nothing that is not ours.
 *
 * <p><b>Whose directory.</b> vaxel writes only into a new directory, an empty one, or one whose
 * manifest {@value #MANIFEST} says vaxel wrote it; and there only the files the manifest lists.
 * A file in the way that the manifest does not list, a symbolic link anywhere vaxel would read,
 * write or delete (see {@link SafeTree}), or a non-empty directory without a manifest is
 * refused, all of them at once, before anything is written. Other files in a vaxel directory
 * stay as they are. An existing output directory is written into, never replaced, so it keeps
 * its owner, group and mode; a new one gets what the umask gives. A replaced file keeps its
 * mode, and its owner and group as far as the user running vaxel may set them.
 *
 * <p><b>Unchanged files</b> are not rewritten, so timestamps stay put and whatever watches the
 * tree (rsync, a web cache) stays quiet; and a run that changes nothing writes nothing at all.
 *
 * <p><b>Crashes.</b> A run killed at any moment leaves a tree that the next run makes wholly the
 * old one or wholly the new one, with nothing of its own left behind. A run
 * <ol>
 *   <li>takes the lock {@value #LOCK} (a second run waits), then recovers what a crash left;
 *   <li>makes a staging directory {@code .vaxel-stage-*} with an unpredictable name;
 *   <li>writes the journal {@value Journal#NAME} "begun", listing the files it will create where
 *       nothing is, then creates them in place (exclusively, so nothing is overwritten);
 *   <li>writes each changed file and the new manifest into the staging directory, and the
 *       journal "committed", listing where each staged file goes and what to delete;
 *   <li>renames the staged files into place (each rename atomic), deletes, and finally removes
 *       the staging directory and then the journal.
 * </ol>
 * Every journal is written whole and renamed into place. The next run finds a "begun" journal
 * and deletes what it lists (the old tree is back), or a "committed" one and finishes it (the
 * new tree); a staging directory without a journal is deleted. A new output directory is made
 * first and filled the same way, so after a crash it is empty or complete; files are created in
 * place rather than staged and renamed, which keeps a first run over 165,000 files as fast as
 * plain writes. Nothing is fsync'ed: this protects against vaxel dying, not against the machine
 * losing power. docs/output.md says the same for users.
 */
public final class OutputWriter {
  public static final String MANIFEST = ".vaxel-manifest";
  /** Top-level names starting with this are vaxel's bookkeeping, never generated files. */
  static final String RESERVED_PREFIX = ".vaxel-";
  static final String LOCK = RESERVED_PREFIX + "lock";
  static final String STAGE_PREFIX = RESERVED_PREFIX + "stage-";
  private static final String STAGED_MANIFEST = "manifest";

  public WriteResult write(Path dir, Collection<OutputFile> files) throws IOException {
    return write(dir, files, Progress.Factory.NONE);
  }

  /** As above, with one {@code progress} step per file written. */
  public WriteResult write(Path dir, Collection<OutputFile> files, Progress.Factory progress)
      throws IOException {
    List<OutputFile> tree = wellFormed(files);
    try (Session session = open(dir)) {
      WriteResult result = session.write(tree, progress);
      session.succeeded = true;
      return result;
    } catch (FileSystemException e) {
      throw asGiven(e, dir);
    }
  }

  /**
   * The same failure, naming paths under the directory as the user wrote it (not its real
   * path, nor vaxel's staging directory inside it) and saying what to do.
   */
  static FileSystemException asGiven(FileSystemException e, Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    Path real;
    try {
      real = absolute.toRealPath();
    } catch (IOException | RuntimeException gone) {
      real = absolute;
    }
    FileSystemException shown = new FileSystemException(asGiven(e.getFile(), dir, real, absolute),
        asGiven(e.getOtherFile(), dir, real, absolute),
        IoProblems.whatIsWrong(e) + "; fix that, or choose another output directory");
    shown.initCause(e);
    return shown;
  }

  private static String asGiven(String file, Path dir, Path real, Path absolute) {
    if (file == null) {
      return null;
    }
    Path p = Path.of(file);
    for (Path base : List.of(real, absolute)) {
      if (p.startsWith(base)) {
        Path rel = base.relativize(p);
        if (rel.toString().isEmpty() || rel.getName(0).toString().startsWith(STAGE_PREFIX)) {
          return dir.toString();
        }
        return dir.resolve(rel).toString();
      }
    }
    return file;
  }

  /**
   * Makes the tree at {@code dir} wholly old or wholly new after a crashed run, as every write
   * does first; a directory that was not there is not left behind.
   */
  void recover(Path dir) throws IOException {
    open(dir).close();
  }

  /** Two generated files at one path, or a file where another needs a directory, is a bug. */
  private static List<OutputFile> wellFormed(Collection<OutputFile> files) {
    Set<String> paths = new HashSet<>();
    for (OutputFile f : files) {
      if (!paths.add(f.path())) {
        throw new IllegalArgumentException("generated twice: " + f.path());
      }
    }
    for (String path : paths) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        if (paths.contains(path.substring(0, slash))) {
          throw new IllegalArgumentException("generated as a file and as a directory: "
              + path.substring(0, slash));
        }
      }
    }
    return files.stream().sorted(Comparator.comparing(OutputFile::path)).toList();
  }

  private static Session open(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath().normalize();
    boolean created = false;
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.createDirectories(absolute.getParent());
        Files.createDirectory(absolute);
        created = true;
      } catch (FileAlreadyExistsException e) {
        if (!absolute.toString().equals(e.getFile())) {
          throw refused(e.getFile() + " is not a directory, so " + dir + " cannot be made "
              + "there: choose another output directory.");
        }
        // Made by someone else meanwhile: judged below like any existing directory.
      } catch (FileSystemException e) {
        // The user asked for a new directory, so "no such file" would say nothing they can
        // act on: say that it cannot be made, where, and why.
        throw refused(dir + " cannot be made: " + cannotMake(e, absolute, dir)
            + ". Choose another output directory.");
      }
    }
    if (!Files.isDirectory(absolute)) {
      throw refused(dir + " is not a directory: vaxel writes into a new directory, an empty "
          + "one, or one it wrote before. Choose another output directory.");
    }
    Path root = absolute.toRealPath();
    Session session = new Session(root, dir, created);
    try {
      session.start();
      return session;
    } catch (IOException | RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /** Why a directory could not be made, naming the path as the user wrote it when it is that. */
  static String cannotMake(FileSystemException e, Path absolute, Path given) {
    String file = e.getFile() == null || absolute.toString().equals(e.getFile())
        ? given.toString() : e.getFile();
    if (e instanceof AccessDeniedException) {
      return "permission denied at " + file;
    }
    if (e instanceof NoSuchFileException) {
      // Its parent exists (createDirectories made it): the file system itself refuses, as
      // /proc and /sys do.
      return "the file system at " + file + " does not allow new directories";
    }
    return file + ": " + IoProblems.whatIsWrong(e);
  }

  static OutputRefusedException refused(String problem) {
    return new OutputRefusedException(List.of(problem));
  }

  /**
   * A file lock belongs to the whole JVM and a second one on the same file fails instead of
   * waiting, so writers in one JVM (a web console) queue here before taking it.
   */
  private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

  /** One run's hold on an output directory: from taking the lock to giving it back. */
  private static final class Session implements Closeable {
    private final Path root;
    private final Path shown;
    private final boolean created;
    private ReentrantLock writer;
    private FileChannel lock;
    boolean succeeded;

    Session(Path root, Path shown, boolean created) {
      this.root = root;
      this.shown = shown;
      this.created = created;
    }

    void start() throws IOException {
      ensureOurs();
      writer = WRITERS.computeIfAbsent(root, r -> new ReentrantLock());
      writer.lock();
      lock = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      // Blocks while another vaxel writes here: its staging files are not a crash's debris.
      lock.lock();
      new Transaction(root, shown).recover();
    }

    private void ensureOurs() throws IOException {
      boolean manifest = false;
      boolean journal = false;
      Set<String> foreign = new TreeSet<>();
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          String name = entry.getFileName().toString();
          if (name.equals(MANIFEST)) {
            manifest = true;
          } else if (name.equals(Journal.NAME)) {
            journal = true;
          } else if (!name.equals(LOCK) && !name.startsWith(STAGE_PREFIX)) {
            foreign.add(name);
          }
        }
      }
      if (manifest && !isRegularFile(root.resolve(MANIFEST))) {
        throw refused(shown.resolve(MANIFEST) + " is not a regular file: vaxel cannot tell "
            + "which files it wrote. Move it away, or choose another output directory.");
      }
      if (!manifest && !journal && !foreign.isEmpty()) {
        List<String> some = foreign.stream().limit(5).toList();
        throw refused(shown + " is not empty and vaxel did not write it (there is no "
            + MANIFEST + "; it holds " + String.join(", ", some)
            + (foreign.size() > some.size() ? ", ..." : "") + "): vaxel writes only into a "
            + "new or empty directory, or one it wrote before. Choose another output "
            + "directory, or move what is in this one away.");
      }
    }

    WriteResult write(List<OutputFile> tree, Progress.Factory progress) throws IOException {
      byte[] oldManifest = readManifest();
      Set<String> previous = manifestPaths(oldManifest);
      SafeTree safe = new SafeTree(root, shown);
      Problems problems = new Problems();

      enum Action { CREATE, REPLACE, UNCHANGED, REFUSED }
      Action[] actions = new Action[tree.size()];
      parallel(tree.size(), i -> {
        String path = tree.get(i).path();
        SafeTree.Found found = safe.inspect(path);
        actions[i] = switch (found.state()) {
          case REFUSED -> problems.add(found.problem(), Action.REFUSED);
          case ABSENT -> Action.CREATE;
          case FILE -> !previous.contains(path)
              ? problems.add(safe.show(path) + " exists but vaxel did not write it (it is not "
                  + "in " + MANIFEST + "): move it out of the output directory, then run "
                  + "again.", Action.REFUSED)
              : safe.sameContent(path, found.size(), bytes(tree.get(i)))
                  ? Action.UNCHANGED : Action.REPLACE;
        };
      });
      Set<String> current = new TreeSet<>();
      tree.forEach(f -> current.add(f.path()));
      List<String> gone = previous.stream().filter(p -> !current.contains(p)).toList();
      boolean[] present = new boolean[gone.size()];
      parallel(gone.size(), i -> {
        SafeTree.Found found = safe.inspect(gone.get(i));
        if (found.state() == SafeTree.State.REFUSED) {
          problems.add(found.problem(), null);
        }
        present[i] = found.state() == SafeTree.State.FILE;
      });
      if (!problems.isEmpty()) {
        throw new OutputRefusedException(problems.sorted());
      }

      List<OutputFile> creates = new ArrayList<>();
      List<OutputFile> replaces = new ArrayList<>();
      for (int i = 0; i < actions.length; i++) {
        if (actions[i] == Action.CREATE) {
          creates.add(tree.get(i));
        } else if (actions[i] == Action.REPLACE) {
          replaces.add(tree.get(i));
        }
      }
      List<String> deletes = IntStream.range(0, gone.size()).filter(i -> present[i])
          .mapToObj(gone::get).toList();
      byte[] newManifest = (String.join("\n", current) + (current.isEmpty() ? "" : "\n"))
          .getBytes(StandardCharsets.UTF_8);
      int unchanged = tree.size() - creates.size() - replaces.size();
      if (creates.isEmpty() && replaces.isEmpty() && deletes.isEmpty() && oldManifest != null
          && Arrays.equals(oldManifest, newManifest)) {
        return new WriteResult(0, unchanged, 0);
      }
      try (Progress bar = progress.start("Writing", creates.size() + replaces.size())) {
        transact(creates, replaces, deletes, newManifest, oldManifest != null, bar);
      }
      return new WriteResult(creates.size() + replaces.size(), unchanged, deletes.size());
    }

    private void transact(List<OutputFile> creates, List<OutputFile> replaces,
        List<String> deletes, byte[] manifest, boolean hadManifest, Progress progress)
        throws IOException {
      Path stage = Files.createTempDirectory(root, STAGE_PREFIX);
      String stageName = stage.getFileName().toString();
      Transaction transaction = new Transaction(root, shown);
      try {
        transaction.install(stage,
            Journal.begun(stageName, creates.stream().map(OutputFile::path).toList()));
        // Every directory first, once: a file must never be written into a directory that
        // another thread is still creating.
        Set<String> dirs = new TreeSet<>();
        creates.forEach(f -> {
          int slash = f.path().lastIndexOf('/');
          if (slash > 0) {
            dirs.add(f.path().substring(0, slash));
          }
        });
        for (String d : dirs) {
          Files.createDirectories(root.resolve(d));
        }
        parallel(creates.size(), i -> {
          Files.write(root.resolve(creates.get(i).path()), bytes(creates.get(i)),
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          progress.step();
        });
        List<Journal.Rename> renames = new ArrayList<>();
        for (int i = 0; i < replaces.size(); i++) {
          renames.add(new Journal.Rename(Integer.toString(i), replaces.get(i).path()));
        }
        parallel(replaces.size(), i -> {
          Path staged = stage.resolve(renames.get(i).staged());
          Files.write(staged, bytes(replaces.get(i)), StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
          keepOwnerAndMode(staged, root.resolve(replaces.get(i).path()));
          progress.step();
        });
        Path stagedManifest = stage.resolve(STAGED_MANIFEST);
        Files.write(stagedManifest, manifest, StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        if (hadManifest) {
          keepOwnerAndMode(stagedManifest, root.resolve(MANIFEST));
        }
        renames.add(new Journal.Rename(STAGED_MANIFEST, MANIFEST));
        Journal committed = Journal.committed(stageName, renames, deletes);
        transaction.install(stage, committed);
        transaction.carryOut(committed);
      } catch (IOException | RuntimeException e) {
        // Undo or finish right away, as the next run would after a crash.
        try {
          transaction.recover();
        } catch (IOException | RuntimeException again) {
          e.addSuppressed(again);
        }
        throw e;
      }
    }

    /** Contents of the manifest, or null if there is none. */
    private byte[] readManifest() throws IOException {
      Path path = root.resolve(MANIFEST);
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      return readNoFollow(path);
    }

    @Override
    public void close() throws IOException {
      try {
        if (lock != null) {
          try {
            if (created && !succeeded && onlyTheLockIsLeft()) {
              // A first run that failed leaves no directory behind, as if it had never started.
              Files.delete(root.resolve(LOCK));
              Files.delete(root);
            }
          } finally {
            lock.close();
          }
        }
      } finally {
        if (writer != null) {
          writer.unlock();
        }
      }
    }

    private boolean onlyTheLockIsLeft() throws IOException {
      try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path entry : entries) {
          if (!entry.getFileName().toString().equals(LOCK)) {
            return false;
          }
        }
        return true;
      }
    }
  }

  /** The manifest's paths; a line that could lead outside the tree is not ours to act on. */
  /**
   * The files the manifest in {@code dir} says vaxel wrote there (relative paths), empty when
   * there is none: for a caller that must know whose output a directory holds before writing.
   */
  public static Set<String> writtenIn(Path dir) throws IOException {
    Path path = dir.resolve(MANIFEST);
    if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
      return Set.of();
    }
    return manifestPaths(readNoFollow(path));
  }

  private static Set<String> manifestPaths(byte[] manifest) {
    Set<String> paths = new TreeSet<>();
    if (manifest != null) {
      new String(manifest, StandardCharsets.UTF_8).lines().filter(OutputFile::isSafe)
          .forEach(paths::add);
    }
    return paths;
  }

  /**
   * A replaced file keeps its owner, group and mode. Only root may give a file away, so for
   * anyone else a changed file becomes theirs, as a new file would.
   */
  private static void keepOwnerAndMode(Path staged, Path target) throws IOException {
    Map<String, Object> was = Files.readAttributes(target, "unix:mode,uid,gid",
        LinkOption.NOFOLLOW_LINKS);
    Map<String, Object> now = Files.readAttributes(staged, "unix:uid,gid");
    for (String id : List.of("uid", "gid")) {
      if (!was.get(id).equals(now.get(id))) {
        try {
          Files.setAttribute(staged, "unix:" + id, was.get(id));
        } catch (FileSystemException e) {
          // Not permitted: the file stays the writer's, like any file it creates.
        }
      }
    }
    Files.setAttribute(staged, "unix:mode", (Integer) was.get("mode") & 07777);
  }

  static boolean isRegularFile(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .isRegularFile();
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  static byte[] readNoFollow(Path path) throws IOException {
    try (var in = Files.newInputStream(path, StandardOpenOption.READ,
        LinkOption.NOFOLLOW_LINKS)) {
      return in.readAllBytes();
    }
  }

  private static byte[] bytes(OutputFile f) {
    return f.content().getBytes(StandardCharsets.UTF_8);
  }

  /** Problems found by several threads, reported sorted and each once. */
  private static final class Problems {
    private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

    <T> T add(String problem, T result) {
      items.add(problem);
      return result;
    }

    boolean isEmpty() {
      return items.isEmpty();
    }

    List<String> sorted() {
      return List.copyOf(new TreeSet<>(items));
    }
  }

  interface Step {
    void apply(int i) throws IOException;
  }

  /** Thousands of small files: the common pool keeps the file system busy while one waits. */
  static void parallel(int n, Step step) throws IOException {
    try {
      IntStream.range(0, n).parallel().forEach(i -> {
        try {
          step.apply(i);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
