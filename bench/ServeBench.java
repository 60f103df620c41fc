// ServeBench: what the console's people list costs with N people, for bench/serve-list.sh.
//
// Usage: java -cp CLASSPATH bench/ServeBench.java STAFF_YAML
// Prints: staff load, Board build (every view and answering phrase), the /api/people JSON
// (time to build, bytes, gzip bytes), a full recompute (the minute tick), one person's update
// and a search over the list as console.js does it (every word a substring of the person's
// text; first 100 kept), in Java, as a lower bound for the browser.

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Platform;
import se.vaxel.serve.Board;
import se.vaxel.staff.PlatformLoader;

public class ServeBench {
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Platform platform = new PlatformLoader().load(Path.of(args[0]));
    long t1 = System.nanoTime();
    Board board = new Board(platform, Rendering.of(Optional.empty(), "bench").texts(),
        Clock.systemUTC());
    long t2 = System.nanoTime();
    String json = board.peopleJson();
    long t3 = System.nanoTime();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    long t4 = System.nanoTime();
    board.recomputeAll(true);
    long t5 = System.nanoTime();
    int n = platform.members().size();
    System.out.printf("people: %,d%n", n);
    System.out.printf("load staff file: %d ms%n", (t1 - t0) / 1_000_000);
    System.out.printf("build every view (incl. T1 phrase): %d ms%n", (t2 - t1) / 1_000_000);
    System.out.printf("/api/people: %d ms to build, %,d bytes, %,d gzip bytes%n",
        (t3 - t2) / 1_000_000, json.length(), gz.size());
    System.out.printf("recompute all (minute tick): %d ms%n", (t5 - t4) / 1_000_000);
    // The console's filter, in Java: haystack per person, substring match of every word.
    List<String> hay = new ArrayList<>();
    for (Platform.Member m : platform.members()) {
      var p = m.person();
      hay.add(String.join(" ", p.fullName(), String.valueOf(p.title()),
          String.valueOf(p.department()), String.valueOf(p.workplace()),
          String.valueOf(p.extension())).toLowerCase());
    }
    for (String q : List.of("a", "anna", "anna berg", "enhet 42", "2")) {
      String[] words = q.split(" ");
      long s = System.nanoTime();
      int total = 0;
      int kept = 0;
      for (int rep = 0; rep < 20; rep++) {
        total = 0;
        kept = 0;
        for (String h : hay) {
          boolean all = true;
          for (String w : words) {
            if (!h.contains(w)) {
              all = false;
              break;
            }
          }
          if (all) {
            total++;
            if (kept < 100) {
              kept++;
            }
          }
        }
      }
      System.out.printf("filter '%s': %d matches, %.2f ms%n", q, total,
          (System.nanoTime() - s) / 20 / 1e6);
    }
    Runtime rt = Runtime.getRuntime();
    System.gc();
    System.out.printf("heap in use after GC: %d MB%n",
        (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
  }
}
