import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import se.vaxel.model.Language;
import se.vaxel.model.Reason;
import se.vaxel.render.Templates;
import se.vaxel.speech.Announcement;
import se.vaxel.speech.AnnouncementText;
import se.vaxel.speech.EspeakEngine;
import se.vaxel.speech.SoundStore;

/**
 * bench/speech.sh's worker: renders N distinct announcements, makes their sound files with
 * espeak-ng on THREADS threads into DIR, then does it again (every file already there), and
 * prints the figures. Usage: SpeechBench N THREADS DIR
 */
public class SpeechBench {
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    Path dir = Path.of(args[2]);
    AnnouncementText text = new AnnouncementText(new Templates(Optional.empty()));
    List<String[]> sentences = new ArrayList<>();
    Reason[] reasons = Reason.values();
    for (int i = 0; i < n; i++) {
      Language lang = i % 5 == 0 ? Language.EN : Language.SV;
      LocalDate first = LocalDate.of(2026, 1, 1).plusDays(i % 700);
      LocalDate last = first.plusDays(1 + i % 30);
      Announcement a = new Announcement("Person Nummer" + i, lang, reasons[i % reasons.length],
          first.atStartOfDay(), last.plusDays(1).atStartOfDay(), last.plusDays(1),
          i % 3 == 0 ? Announcement.Target.switchboard()
              : Announcement.Target.person("Kollega Nummer" + (i + 1)));
      sentences.add(new String[] {lang.code(), text.render(a)});
    }
    SoundStore store = new SoundStore(dir, new EspeakEngine());
    double first = run(store, sentences, threads);
    long bytes = 0;
    double audio = 0;
    try (var files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        bytes += Files.size(f);
        audio += (Files.size(f) - 44) / 16000.0;
      }
    }
    double again = run(store, sentences, threads);
    System.out.printf("sentences=%d threads=%d make=%.1fs (%.0f ms/sentence wall) "
            + "unchanged=%.3fs audio=%.0fs bytes=%d (%.0f KB/sentence)%n",
        n, threads, first, 1000 * first / n, again, audio, bytes, bytes / 1024.0 / n);
  }

  private static double run(SoundStore store, List<String[]> sentences, int threads)
      throws Exception {
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (String[] s : sentences) {
      done.add(pool.submit(() -> store.ensure(s[1], Language.fromCode(s[0]))));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    return (System.nanoTime() - start) / 1e9;
  }
}
