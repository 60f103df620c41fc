// ServeLoad: many open switchboard consoles against one `vaxel serve`, for bench/serve.sh.
//
// Usage (the JDK's source launcher, no build step):
//   java bench/ServeLoad.java BASE_URL USER PASSWORD [CONSOLES] [RATE] [SECONDS]
//   (defaults 50 consoles, 20 changes a second, 60 seconds)
//
// Each console is its own logged-in session (own cookie jar) holding the console's event
// stream open, as a browser tab does. One more session, the operator, sets an absence at a
// fixed rate through the console's own endpoint (POST /api/absence with its CSRF token), each
// change on another person of /api/people, so every change has a key of its own.
// Every console counts the changes it received (an absence event naming a changed person);
// at the end it prints, per console, how many of the accepted changes it saw, the changes
// lost (accepted but never received, after a grace of 5 s), and the delay from the
// operator's request to each delivery (p50, p99, max). Exit 0 when nothing was lost.
//
// The protocol is vaxel serve's (se.vaxel.web.WebServer, the console's console.js): POST
// /login (user, password) sets the session cookie; the console page carries the CSRF token;
// /events sends {"type":"person","person":{"key":"ORG/ID","id":ID,...}} for each change.

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

public class ServeLoad {
  static final String LOGIN = "/login";
  static final String CONSOLE = "/console";
  static final String EVENTS = "/events";
  static final String PEOPLE = "/api/people";
  static final String SET_ABSENCE = "/api/absence";
  static final Pattern CSRF = Pattern.compile("data-csrf=\"([^\"]+)\"");
  /** The person a change event is about. */
  static final Pattern EVENT_KEY = Pattern.compile("\"type\":\"person\",\"person\":\\{\"key\":\"([^\"]+)\"");
  /** Every person with an extension (only they can be set away) in /api/people. */
  static final Pattern PERSON_WITH_EXT =
      Pattern.compile("\\{\"key\":\"([^\"]+)\",\"id\":\"[^\"]+\",[^{}]*?\"ext\":\"\\d+\"");

  static String base;

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ServeLoad BASE_URL USER PASSWORD [CONSOLES] [RATE] [SECONDS]");
      System.exit(2);
    }
    base = args[0].replaceAll("/$", "");
    String user = args[1];
    String password = args[2];
    int consoles = args.length > 3 ? Integer.parseInt(args[3]) : 50;
    int rate = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    int seconds = args.length > 5 ? Integer.parseInt(args[5]) : 60;
    int changes = rate * seconds;

    Session operator = Session.login(user, password);
    List<String> keys = new ArrayList<>();
    Matcher people = PERSON_WITH_EXT.matcher(operator.get(PEOPLE).body());
    while (people.find()) {
      keys.add(people.group(1));
    }
    if (keys.size() < changes + 1) {
      throw new IllegalArgumentException("need " + (changes + 1) + " people with an extension, "
          + "the server has " + keys.size());
    }
    System.out.printf("%d people with an extension on the server%n", keys.size());
    // The first person is the alternate of every change; the next CHANGES are changed once each.
    String alternate = keys.get(0);
    List<String> changed = keys.subList(1, changes + 1);

    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    List<Console> open = new ArrayList<>();
    CountDownLatch connected = new CountDownLatch(consoles);
    for (int i = 0; i < consoles; i++) {
      Session s = Session.login(user, password);
      Console c = new Console(i, s, sentAt, connected);
      open.add(c);
      Thread t = new Thread(c, "console-" + i);
      t.setDaemon(true);
      t.start();
    }
    if (!connected.await(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException((connected.getCount()) + " consoles did not connect");
    }
    System.out.printf("%d consoles connected%n", consoles);
    System.out.println("READY");  // bench/serve.sh measures the heap here
    System.out.flush();
    Thread.sleep(2000);

    LocalDate from = LocalDate.now();
    AtomicInteger next = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    // Enough senders that slow answers never lower the offered rate: the server is measured.
    java.util.concurrent.ExecutorService senders = Executors.newFixedThreadPool(64);
    CountDownLatch done = new CountDownLatch(changes);
    long start = System.nanoTime();
    timer.scheduleAtFixedRate(() -> {
      int k = next.getAndIncrement();
      if (k >= changes) {
        return;
      }
      String id = changed.get(k);  // a key, ORG/ID
      // Sent from a pool: a slow answer must not hold back the next change's time.
      senders.execute(() -> {
        try {
          sentAt.put(id, System.nanoTime());
          int code = operator.setAbsence(id, from.plusDays(1 + k % 14), alternate);
          if (code == 200) {
            accepted.add(id);
          } else {
            refused.incrementAndGet();
            if (refused.get() <= 3) {
              System.err.println("change " + id + ": HTTP " + code);
            }
          }
        } catch (Exception e) {
          refused.incrementAndGet();
          if (refused.get() <= 3) {
            System.err.println("change " + id + ": " + e);
          }
        } finally {
          done.countDown();
        }
      });
    }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
    done.await(seconds + 120L, TimeUnit.SECONDS);
    double took = (System.nanoTime() - start) / 1e9;
    timer.shutdownNow();
    senders.shutdownNow();
    System.out.printf("%d changes offered at %d/s, all answered after %.1f s, %d accepted, "
        + "%d refused%n", changes, rate, took, accepted.size(), refused.get());
    Thread.sleep(5000);  // the grace for the last deliveries

    List<String> acc = List.copyOf(accepted);
    long lost = 0;
    int[] received = new int[consoles];
    List<Long> delays = new ArrayList<>();
    for (Console c : open) {
      int got = 0;
      for (String id : acc) {
        Long at = c.receivedAt.get(id);
        if (at != null) {
          got++;
          delays.add(at - sentAt.get(id));
        }
      }
      received[c.index] = got;
      lost += acc.size() - got;
    }
    Arrays.sort(received);
    long[] d = delays.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf("received per console: min %d, median %d, max %d of %d accepted%n",
        received[0], received[consoles / 2], received[consoles - 1], acc.size());
    System.out.printf("lost: %d (of %d deliveries), streams broken: %d%n", lost,
        (long) acc.size() * consoles, open.stream().filter(c -> c.broken).count());
    if (d.length > 0) {
      System.out.printf("delay request->console: p50 %d ms, p99 %d ms, max %d ms%n",
          d[d.length / 2] / 1_000_000, d[(int) (d.length * 0.99)] / 1_000_000,
          d[d.length - 1] / 1_000_000);
    }
    System.out.println(lost == 0 && refused.get() == 0 ? "RESULT ok" : "RESULT FAILED");
    System.exit(lost == 0 && refused.get() == 0 ? 0 : 1);
  }

  /** One logged-in browser: its cookie jar and the CSRF token of its console page. */
  static final class Session {
    final HttpClient http;
    String csrf = "";

    private Session() {
      http = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10))
          .build();
    }

    static Session login(String user, String password) throws IOException, InterruptedException {
      Session s = new Session();
      HttpResponse<String> r = s.post(LOGIN, form("user", user, "password", password), null);
      if (r.statusCode() != 303) {
        throw new IllegalStateException("login as " + user + ": HTTP " + r.statusCode());
      }
      String console = s.get(CONSOLE).body();
      s.csrf = first(CSRF, console, "");
      if (s.csrf.isEmpty()) {
        throw new IllegalStateException("no CSRF token on " + CONSOLE + " after login");
      }
      return s;
    }

    /** An absence from now until the end of {@code until}, as the console's dialog sends it. */
    int setAbsence(String key, LocalDate until, String alternate)
        throws IOException, InterruptedException {
      return post(SET_ABSENCE, form("person", key, "from", "", "until", until.toString(),
          "reason", "semester", "alternate", alternate), csrf).statusCode();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, String token)
        throws IOException, InterruptedException {
      return http.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .header("X-CSRF-Token", token == null ? "" : token)
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** One open console: its event stream, and when each person's change arrived. */
  static final class Console implements Runnable {
    final int index;
    final Session session;
    final Map<String, Long> sentAt;
    final CountDownLatch connected;
    final Map<String, Long> receivedAt = new ConcurrentHashMap<>();
    volatile boolean broken;

    Console(int index, Session session, Map<String, Long> sentAt, CountDownLatch connected) {
      this.index = index;
      this.session = session;
      this.sentAt = sentAt;
      this.connected = connected;
    }

    @Override
    public void run() {
      try {
        HttpResponse<java.util.stream.Stream<String>> r = session.http.send(
            HttpRequest.newBuilder(URI.create(base + EVENTS))
                .header("Accept", "text/event-stream").GET().build(),
            HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
          System.err.println("console " + index + ": events HTTP " + r.statusCode());
          broken = true;
          return;
        }
        connected.countDown();
        r.body().forEach(line -> {
          if (line.startsWith("data:")) {
            long now = System.nanoTime();
            Matcher m = EVENT_KEY.matcher(line);
            if (m.find() && sentAt.containsKey(m.group(1))) {
              receivedAt.putIfAbsent(m.group(1), now);
            }
          }
        });
        broken = true;  // the stream ended before the run did
      } catch (IOException | InterruptedException e) {
        broken = true;
        System.err.println("console " + index + ": " + e);
      }
    }
  }

  static String form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
        + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  static String first(Pattern p, String text, String fallback) {
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : fallback;
  }
}
