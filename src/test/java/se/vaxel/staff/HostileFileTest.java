package se.vaxel.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.vaxel.staff.StaffFiles.ANNA;
import static se.vaxel.staff.StaffFiles.HEAD;
import static se.vaxel.staff.StaffFiles.assertProblem;
import static se.vaxel.staff.StaffFiles.onlyProblem;
import static se.vaxel.staff.StaffFiles.problems;

import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.model.Staff;

/** Files made to cost time or memory, or to smuggle bytes: each is refused quickly. */
class HostileFileTest {
  private static final Duration QUICKLY = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void billionLaughsIsRejectedQuickly() {
    StringBuilder yaml = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char previous = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [")
          .append(("*" + previous + ",").repeat(9)).append('*').append(previous).append("]\n");
    }
    List<Problem> problems = assertTimeoutPreemptively(QUICKLY, () -> problems(yaml.toString()));
    assertEquals(1, problems.size(), problems::toString);
    assertProblem(problems.get(0), 1, 4, "anchors and aliases (& and *) are not allowed");
  }

  @Test
  void deepNestingIsRejectedAtTheLevelTooDeep() {
    String yaml = "staff: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    List<Problem> problems = assertTimeoutPreemptively(QUICKLY, () -> problems(yaml));
    assertEquals(1, problems.size(), problems::toString);
    assertProblem(problems.get(0), 1, 8 + StaffLoader.MAX_DEPTH - 1,
        "nested more than 20 levels deep");
  }

  @Test
  void valuesBeyondTheBudgetAreRefusedWhileComposing() {
    String yaml = HEAD + ANNA + "    title: [" + "x, ".repeat(100) + "x]\n";
    StaffException e = assertThrows(StaffException.class,
        () -> new StaffLoader(100).parse(StaffFiles.FILE, yaml));
    assertEquals(1, e.problems().size(), e.problems()::toString);
    // 32 values (keys count too) come before the list; the 101st is its 69th x.
    assertProblem(e.problems().get(0), 15, 13 + 3 * 68,
        "more than 100 values; a staff file may have at most 100");
  }

  @Test
  void fileLargerThanTheLimitIsRefusedBeforeReading() throws IOException {
    Path huge = dir.resolve("staff.yaml");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(StaffLoader.MAX_BYTES + 1L);
    }
    StaffException e = assertTimeoutPreemptively(QUICKLY,
        () -> assertThrows(StaffException.class, () -> new StaffLoader().load(huge)));
    assertEquals(1, e.problems().size());
    assertEquals(huge + ":1:1: the file is 67108865 bytes; a staff file may be at most"
        + " 67108864 bytes (64 MiB)", e.problems().get(0).toString());
  }

  @Test
  void endlessDeviceIsStoppedAtTheLimit() {
    Path zero = Path.of("/dev/zero");
    StaffException e = assertTimeoutPreemptively(QUICKLY,
        () -> assertThrows(StaffException.class, () -> new StaffLoader().load(zero)));
    assertEquals(List.of("/dev/zero:1:1: more than 67108864 bytes were read without reaching"
        + " the end; a staff file may be at most 67108864 bytes (64 MiB)"),
        e.problems().stream().map(Problem::toString).toList());
  }

  @Test
  void pipeLongerThanTheLimitIsStoppedAtTheLimit() throws Exception {
    Path fifo = fifo();
    Thread writer = writeInto(fifo, () -> {
      byte[] spaces = " ".repeat(1 << 16).getBytes(StandardCharsets.US_ASCII);
      return out -> {
        while (true) {
          out.write(spaces);
        }
      };
    });
    StaffException e = assertTimeoutPreemptively(QUICKLY,
        () -> assertThrows(StaffException.class, () -> new StaffLoader().load(fifo)));
    assertEquals(1, e.problems().size());
    assertTrue(e.problems().get(0).message().startsWith("more than 67108864 bytes were read"),
        e.problems()::toString);
    writer.join(QUICKLY.toMillis());
  }

  @Test
  void staffFileFromAPipeIsRead() throws Exception {
    Path fifo = fifo();
    Thread writer = writeInto(fifo,
        () -> out -> out.write((HEAD + ANNA).getBytes(StandardCharsets.UTF_8)));
    Staff staff = assertTimeoutPreemptively(QUICKLY, () -> new StaffLoader().load(fifo));
    assertEquals(List.of("anna.berg"), staff.people().stream().map(p -> p.id()).toList());
    writer.join(QUICKLY.toMillis());
  }

  private Path fifo() throws IOException, InterruptedException {
    Path fifo = dir.resolve("staff.fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mkfifo.waitFor());
    return fifo;
  }

  private interface Feed {
    void into(OutputStream out) throws IOException;
  }

  /** Writes into the pipe from another thread until done, or until the reader hangs up. */
  private static Thread writeInto(Path fifo, Supplier<Feed> feed) {
    Thread writer = new Thread(() -> {
      try (OutputStream out = Files.newOutputStream(fifo)) {
        feed.get().into(out);
      } catch (IOException brokenPipe) {
        // The loader stopped reading: what the limit is for.
      }
    });
    writer.setDaemon(true);
    writer.start();
    return writer;
  }

  @Test
  void textLargerThanTheLimitIsRefusedBeforeParsing() {
    String huge = " ".repeat(StaffLoader.MAX_BYTES + 1);
    onlyProblem(huge, 1, 1, "a staff file may be at most 67108864 bytes");
  }

  @Test
  void tooManyProblemsAreCutWithANote() {
    String yaml = HEAD + "  - x\n".repeat(Problems.MAX + 500);
    List<Problem> problems = problems(yaml);
    assertEquals(Problems.MAX + 1, problems.size());
    assertProblem(problems.get(Problems.MAX), 10 + Problems.MAX, 5,
        "too many problems; 500 more not shown");
  }

  @Test
  void fileThatIsNotUtf8IsOneProblem() throws IOException {
    Path latin1 = dir.resolve("staff.yaml");
    Files.write(latin1, (HEAD + ANNA.replace("Anna", "\u00c5sa"))
        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    StaffException e =
        assertThrows(StaffException.class, () -> new StaffLoader().load(latin1));
    assertEquals(latin1 + ":1:1: the file is not UTF-8 text; save it as UTF-8",
        e.problems().get(0).toString());
  }

  @Test
  void rawControlCharacterIsReportedWhereItIs() {
    onlyProblem(HEAD + ANNA.replace("Berg", "Be\u0007rg"), 12, 18,
        "the character U+0007 is not allowed in a YAML file");
  }

  @Test
  void secondDocumentIsRejected() {
    onlyProblem(HEAD + ANNA + "---\nstaff: []\n", 15, 1, "YAML: but found another document");
  }

  @Test
  void byteOrderMarkIsIgnored() throws StaffException {
    assertEquals(1, StaffFiles.load("\uFEFF" + HEAD + ANNA).people().size());
  }

  @Test
  void globalTagsAreRejected() {
    onlyProblem(HEAD + ANNA + "    title: !!javax.script.ScriptEngineManager [x]\n", 15, 12,
        "YAML: Global tag is not allowed");
  }
}
