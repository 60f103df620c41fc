package se.vaxel.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a writer at several moments, then the next run's recovery: the tree must
 * be wholly the old one or wholly the new one, with nothing of vaxel's own left behind.
 *
 * <p>The moments are fractions of how long an uninterrupted write took on this machine, so
 * most kills land inside the write; where exactly does not matter, since every outcome is
 * checked against the same invariant rather than against a timing.
 */
class OutputWriterCrashTest {
  private static final int PEOPLE = 600;
  private static final double[] MOMENTS = {0.1, 0.4, 0.7, 1.0};

  @TempDir Path tmp;

  @Test
  void aKilledWriteIntoAnExistingTreeLeavesTheOldOrTheNewTree() throws Exception {
    Map<String, String> old = contents(CrashVictim.tree(1, PEOPLE));
    Map<String, String> updated = contents(CrashVictim.tree(2, PEOPLE));
    Path calibration = tmp.resolve("calibration");
    new OutputWriter().write(calibration, CrashVictim.tree(1, PEOPLE));
    long nanos = runToTheEnd(calibration);
    assertEquals(updated, tree(calibration), "an uninterrupted write");

    List<String> outcomes = new ArrayList<>();
    for (double moment : MOMENTS) {
      Path out = tmp.resolve("existing-" + moment);
      new OutputWriter().write(out, CrashVictim.tree(1, PEOPLE));

      killAfter(out, (long) (nanos * moment));
      new OutputWriter().recover(out);

      Map<String, String> found = tree(out);
      assertTrue(found.equals(old) || found.equals(updated),
          () -> "killed at " + moment + ": a mix of " + diffSummary(found, old, updated));
      assertEquals(List.of(), OutputDirectoryTest.debris(out), "killed at " + moment);
      assertEquals(List.of(out), beside(out), "killed at " + moment);
      outcomes.add(found.equals(old) ? "old" : "new");
    }
    System.out.println("existing tree, outcome per kill moment: " + outcomes);
  }

  @Test
  void aWriteKilledOnceCommittedIsFinishedByTheNextRun() throws Exception {
    Map<String, String> old = contents(CrashVictim.tree(1, PEOPLE));
    Map<String, String> updated = contents(CrashVictim.tree(2, PEOPLE));
    for (String state : List.of("begun", "committed")) {
      Path out = tmp.resolve(state);
      new OutputWriter().write(out, CrashVictim.tree(1, PEOPLE));

      killWhenTheJournalIs(out, state);
      new OutputWriter().recover(out);

      Map<String, String> found = tree(out);
      if (state.equals("committed")) {
        assertEquals(updated, found, "a committed write is carried out");
      } else {
        assertTrue(found.equals(old) || found.equals(updated),
            () -> "killed once " + state + ": a mix of " + diffSummary(found, old, updated));
      }
      assertEquals(List.of(), OutputDirectoryTest.debris(out), "killed once " + state);
    }
  }

  @Test
  void aKilledWriteIntoANewDirectoryLeavesNothingOrTheNewTree() throws Exception {
    Map<String, String> updated = contents(CrashVictim.tree(2, PEOPLE));
    long nanos = runToTheEnd(tmp.resolve("calibration"));

    List<String> outcomes = new ArrayList<>();
    for (double moment : MOMENTS) {
      Path parent = Files.createDirectory(tmp.resolve("new-" + moment));
      Path out = parent.resolve("out");

      killAfter(out, (long) (nanos * moment));
      if (Files.exists(out)) {
        new OutputWriter().recover(out);
      }

      Map<String, String> found = Files.exists(out) ? tree(out) : Map.of();
      assertTrue(found.isEmpty() || found.equals(updated),
          () -> "killed at " + moment + ": part of the new tree: " + found.size() + " of "
              + updated.size() + " files");
      if (Files.exists(out)) {
        assertEquals(List.of(), OutputDirectoryTest.debris(out), "killed at " + moment);
      }
      try (Stream<Path> entries = Files.list(parent)) {
        List<Path> left = entries.toList();
        assertTrue(left.isEmpty() || left.equals(List.of(out)),
            () -> "killed at " + moment + ": left beside the output directory: " + left);
      }
      outcomes.add(found.isEmpty() ? "nothing" : "new");
    }
    System.out.println("new directory, outcome per kill moment: " + outcomes);
  }

  /** Runs the victim to the end; returns how long its write took. */
  private static long runToTheEnd(Path out) throws Exception {
    Process p = victim(out);
    try (BufferedReader lines = reader(p)) {
      assertEquals("writing", lines.readLine());
      long start = System.nanoTime();
      assertEquals("done", lines.readLine(), "the victim did not finish its write");
      long nanos = System.nanoTime() - start;
      assertEquals(0, p.waitFor());
      return nanos;
    }
  }

  private static void killAfter(Path out, long nanos) throws Exception {
    Process p = victim(out);
    try (BufferedReader lines = reader(p)) {
      assertEquals("writing", lines.readLine());
      TimeUnit.NANOSECONDS.sleep(nanos);
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the victim did not die");
    }
  }

  /** Kills the victim as soon as its journal is in {@code state}, or lets it finish. */
  private static void killWhenTheJournalIs(Path out, String state) throws Exception {
    Process p = victim(out);
    try (BufferedReader lines = reader(p)) {
      assertEquals("writing", lines.readLine());
      Path journal = out.resolve(Journal.NAME);
      while (p.isAlive() && !journalSays(journal, "state " + state)) {
        TimeUnit.MILLISECONDS.sleep(1);
      }
      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the victim did not die");
    }
  }

  private static boolean journalSays(Path journal, String line) {
    try (BufferedReader in = Files.newBufferedReader(journal)) {
      in.readLine();
      in.readLine();
      return line.equals(in.readLine());
    } catch (IOException e) {
      return false;
    }
  }

  private static Process victim(Path out) throws IOException, URISyntaxException {
    String classpath = location(OutputWriter.class) + java.io.File.pathSeparator
        + location(CrashVictim.class);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(java.toString(), "-cp", classpath, CrashVictim.class.getName(),
        out.toString(), "2", Integer.toString(PEOPLE))
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  private static BufferedReader reader(Process p) {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
  }

  private static Map<String, String> contents(List<OutputFile> files) {
    Map<String, String> m = new TreeMap<>();
    files.forEach(f -> m.put(f.path(), f.content()));
    // The manifest is part of the tree: it must list exactly the files that are there.
    m.put(OutputWriter.MANIFEST, String.join("\n", m.keySet()) + "\n");
    return m;
  }

  /** Every regular file below {@code dir} but the lock, with its content. */
  private static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString();
        if (!rel.equals(OutputWriter.LOCK)) {
          m.put(rel, Files.readString(p));
        }
      }
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      // An empty directory is a leftover too: the old and the new tree have none.
      walk.filter(Files::isDirectory).filter(d -> !d.equals(dir)).forEach(d -> {
        try (Stream<Path> in = Files.list(d)) {
          if (in.findAny().isEmpty()) {
            m.put(dir.relativize(d) + "/", "(empty directory)");
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
    }
    return m;
  }

  private static List<Path> beside(Path out) throws IOException {
    try (Stream<Path> entries = Files.list(out.getParent())) {
      return entries.filter(p -> p.getFileName().toString().contains(out.getFileName().toString()))
          .toList();
    }
  }

  private static String diffSummary(Map<String, String> found, Map<String, String> old,
      Map<String, String> updated) {
    long asOld = found.entrySet().stream().filter(e -> e.getValue().equals(old.get(e.getKey())))
        .count();
    long asNew = found.entrySet().stream()
        .filter(e -> e.getValue().equals(updated.get(e.getKey()))).count();
    return found.size() + " files, " + asOld + " as in the old tree, " + asNew + " as in the new";
  }
}
