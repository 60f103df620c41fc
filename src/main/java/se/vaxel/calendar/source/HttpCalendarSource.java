package se.vaxel.calendar.source;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import se.vaxel.calendar.CalendarOwner;
import se.vaxel.calendar.CalendarSource;
import se.vaxel.calendar.Fetch;

/**
 * What the two kinds of source share: a person's address, at most {@link Limits#concurrency()}
 * people read at the same time, the kept reads, and a failure that stays that person's.
 */
public abstract sealed class HttpCalendarSource implements CalendarSource
    permits FeedSource, CalDavSource {
  final Http http;
  final Cache cache;
  final Limits limits;
  private final String template;
  private final ExecutorService pool;
  final AtomicLong downloaded = new AtomicLong();

  HttpCalendarSource(Http http, Cache cache, Limits limits, String template) {
    this.http = http;
    this.cache = cache;
    this.limits = limits;
    this.template = template;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(limits.concurrency(), r -> {
      Thread t = new Thread(r, "vaxel-calendar-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** HTTP requests sent so far (the benchmark reports them). */
  public long requests() {
    return http.requests();
  }

  /**
   * Of {@link #requests()}, those sent again because the connection they were sent on had been
   * closed by the server before it answered (they cost the server nothing).
   */
  public long resends() {
    return http.resends();
  }

  /**
   * Documents downloaded so far: a feed's whole calendar, or one CalDAV event (the benchmark
   * and the tests show that an unchanged event is not downloaded again).
   */
  public long downloaded() {
    return downloaded.get();
  }

  @Override
  public List<Fetch> fetchAll(List<CalendarOwner> owners) {
    List<Future<Fetch>> futures = new ArrayList<>(owners.size());
    for (CalendarOwner owner : owners) {
      futures.add(pool.submit(() -> fetch(owner)));
    }
    List<Fetch> fetches = new ArrayList<>(owners.size());
    for (int i = 0; i < owners.size(); i++) {
      fetches.add(await(futures.get(i), owners.get(i)));
    }
    return fetches;
  }

  private Fetch await(Future<Fetch> future, CalendarOwner owner) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(owner, null, "interrupted before it was read");
    } catch (ExecutionException e) {
      return failed(owner, null, "internal error (" + e.getCause() + "); please report it");
    }
  }

  /** One person: never throws, so one calendar's trouble is that person's alone. */
  Fetch fetch(CalendarOwner owner) {
    String address = null;
    try {
      address = Address.of(owner, template);
      URI uri = Address.parse(address);
      return read(owner, address, uri, cache.load(owner.personId()));
    } catch (SourceProblem e) {
      return failed(owner, address, e.getMessage());
    } catch (IOException e) {
      return failed(owner, address, "cannot keep the calendar in " + cache.dir() + " ("
          + e.getMessage() + "); the next sync tries again");
    } catch (RuntimeException e) {
      return failed(owner, address, "internal error (" + e + "); please report it");
    }
  }

  /**
   * Reads one person's calendar.
   *
   * @param kept the last read kept for this person (check {@link Cache.Kept#isFor} first)
   * @throws IOException the read could not be kept
   */
  abstract Fetch read(CalendarOwner owner, String address, URI uri, Cache.Kept kept)
      throws SourceProblem, IOException;

  static Fetch failed(CalendarOwner owner, String address, String problem) {
    String where = address == null ? "" : Address.display(address) + ": ";
    return new Fetch(owner, Fetch.Status.FAILED, List.of(),
        owner.personId() + ": " + where + problem);
  }

  String tooLarge() {
    return "more than " + limits.bytesInWords() + " of calendar, the most vaxel reads for one "
        + "person; move old events out of this calendar";
  }

  SourceProblem tooMany(int events) {
    return new SourceProblem(events + " events, more than the " + limits.maxEvents()
        + " vaxel reads for one person; move old events out of this calendar");
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
