import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.Fetch;
import se.vaxel.calendar.SourceSettings;
import se.vaxel.calendar.source.CalendarSources;
import se.vaxel.calendar.source.HttpCalendarSource;
import se.vaxel.calendar.source.Limits;

/**
 * bench/calendar.sh's worker for the sources: reads N CalDAV calendars (bench-00001 ...) with
 * a fresh state directory, then again (nothing changed), and prints time, requests and
 * downloads of each read. Usage: CalendarBench URL CREDENTIALS N STATE-DIR CONCURRENCY
 */
public class CalendarBench {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path credentials = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    Path state = Path.of(args[3]);
    int concurrency = Integer.parseInt(args[4]);
    List<CalendarOwner> owners = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      owners.add(new CalendarOwner(String.format("bench-%05d", i), null, null, null));
    }
    SourceSettings settings = new SourceSettings(SourceSettings.Kind.CALDAV,
        url + "/{id}/calendar/", credentials, Duration.ofSeconds(30));
    Limits limits = new Limits(5_000, 20L << 20, concurrency);
    for (String run : List.of("first read (empty state)", "second read (nothing changed)")) {
      try (HttpCalendarSource source = CalendarSources.open(settings, state, limits)) {
        long start = System.nanoTime();
        List<Fetch> fetches = source.fetchAll(owners);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<Fetch.Status, Integer> counts = new EnumMap<>(Fetch.Status.class);
        fetches.forEach(f -> counts.merge(f.status(), 1, Integer::sum));
        fetches.stream().filter(f -> f.status() == Fetch.Status.FAILED).limit(3)
            .forEach(f -> System.out.println("  " + f.problem()));
        System.out.printf("%-32s %6.1f s  %6d requests (%d of them resent on a closed "
            + "connection)  %6d events downloaded  %s  (%d people, %d at a time)%n", run,
            seconds, source.requests(), source.resends(), source.downloaded(), counts, n,
            concurrency);
      }
    }
  }
}
