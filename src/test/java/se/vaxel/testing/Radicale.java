package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's real CalDAV server (scripts/radicale-sandbox: Debian's Radicale on loopback),
 * for integration tests, and a small CalDAV client to put test events into it.
 *
 * <p>Started on first use and left running ({@code .ci/run} stops it). Where it cannot start, a
 * developer's run skips these tests with the reason on stderr; with {@code CI=true} they fail.
 */
public final class Radicale {
  private static Radicale instance;
  private static String unavailable;

  private final String url;
  private final Path credentials;
  private final Path storage;

  private Radicale(Map<String, String> env) {
    this.url = env.get("VAXEL_RADICALE_URL");
    this.credentials = Path.of(env.get("VAXEL_RADICALE_CREDENTIALS"));
    this.storage = Path.of(env.get("VAXEL_RADICALE_STORAGE"));
  }

  public static synchronized Radicale get() {
    if (instance == null && unavailable == null) {
      try {
        String[] start = script("start");
        if (!start[0].equals("0")) {
          unavailable = "scripts/radicale-sandbox start exited " + start[0] + ":\n" + start[1];
        } else {
          instance = new Radicale(parseEnv(script("env")[1]));
        }
      } catch (IOException | RuntimeException e) {
        unavailable = "scripts/radicale-sandbox could not run: " + e;
      }
    }
    if (instance == null) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true and the real Radicale is not available: " + unavailable);
      }
      System.err.println("SKIPPED: real-Radicale tests: " + unavailable);
      Assumptions.abort("Radicale is not available: " + unavailable);
    }
    return instance;
  }

  /** http://127.0.0.1:PORT, without a trailing slash. */
  public String url() {
    return url;
  }

  /** The credentials file (user:password) of the sandbox's one user. */
  public Path credentials() {
    return credentials;
  }

  /** The collection root on disk (collection-root/PERSON/CALENDAR/). */
  public Path storage() {
    return storage;
  }

  /** Makes /PERSON/ and the calendar /PERSON/calendar/; returns the calendar's URL. */
  public String createCalendar(String person) {
    send("MKCOL", "/" + person + "/", null, 201);
    send("MKCALENDAR", "/" + person + "/calendar/", null, 201);
    return url + "/" + person + "/calendar/";
  }

  /** PUTs one iCalendar object; returns its ETag. */
  public String put(String path, String ics) {
    HttpResponse<String> r = send("PUT", path, ics, 201, 204);
    return r.headers().firstValue("ETag").orElse(null);
  }

  public void delete(String path) {
    send("DELETE", path, null, 200, 204);
  }

  private HttpResponse<String> send(String method, String path, String body, int... ok) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + path))
          .timeout(Duration.ofSeconds(30))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              Files.readString(credentials).trim().getBytes(StandardCharsets.UTF_8)))
          .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      if (body != null) {
        b.header("Content-Type", "text/calendar; charset=utf-8");
      }
      // A new client each time: Radicale closes every connection after its answer (HTTP/1.0)
      // and a pooled one would sometimes be used after that (docs/calendar-sources.md).
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10)).build();
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      for (int code : ok) {
        if (r.statusCode() == code) {
          return r;
        }
      }
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " "
          + r.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String[] script(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Sandbox.projectDir().resolve("scripts/radicale-sandbox").toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(2, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new String[] {"124", out};
      }
      return new String[] {Integer.toString(p.exitValue()), out};
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static Map<String, String> parseEnv(String text) {
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && line.startsWith("VAXEL_")) {
        env.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replace("'", ""));
      }
    }
    return env;
  }
}
