package se.vaxel.calendar.source;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The one HTTP client of the calendar sources (java.net.http, no library: a conditional GET,
 * PROPFIND and REPORT are plain requests, and the JDK's client has timeouts, TLS and keep-alive).
 *
 * <p>Every exchange has one deadline, the source's timeout, for connecting, the headers and the
 * whole body together: a server that trickles its answer is as unreachable as one that never
 * answers. Bodies are capped while they arrive, so a huge calendar costs the cap, not memory.
 * Redirects are followed by hand (at most five) so that the credentials go only to the origin
 * they were configured for, never to another host a server redirects to.
 */
final class Http {
  private static final int MAX_REDIRECTS = 5;
  /** How often a read that met a connection closed under it is sent again. */
  static final int RESENDS = 3;

  private final HttpClient client;
  private final Duration timeout;
  private final String authorization;
  private final Path credentialsFile;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong resends = new AtomicLong();

  /** A response whose body arrived whole and within the cap. */
  record Response(int status, HttpHeaders headers, byte[] body, URI uri) {
    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * @param authorization the whole Authorization header value, or null for none
   * @param credentialsFile where it came from, for messages; null when none
   */
  Http(Duration timeout, String authorization, Path credentialsFile) {
    this.timeout = Objects.requireNonNull(timeout);
    this.authorization = authorization;
    this.credentialsFile = credentialsFile;
    // HTTP/1.1: CalDAV servers (Radicale among them) do not speak cleartext HTTP/2, and the
    // upgrade attempt costs a round trip; connections are kept alive and reused either way.
    this.client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** How many requests were sent (for the benchmark and the tests). */
  long requests() {
    return requests.get();
  }

  /** How many of {@link #requests()} were resends after a connection closed under them. */
  long resends() {
    return resends.get();
  }

  Path credentialsFile() {
    return credentialsFile;
  }

  boolean hasCredentials() {
    return authorization != null;
  }

  /**
   * Sends one request and reads its answer, following redirects.
   *
   * @param maxBytes the largest body accepted
   * @throws SourceProblem the server could not be reached, did not answer in time, or sent more
   *     than {@code maxBytes}; an HTTP error status is a {@link Response}, for the caller to judge
   */
  Response send(String method, URI uri, Map<String, String> headers, String body, long maxBytes,
      String tooLarge) throws SourceProblem {
    URI origin = uri;
    URI current = uri;
    String currentMethod = method;
    String currentBody = body;
    for (int hop = 0; ; hop++) {
      Response r = exchange(currentMethod, current, headers, currentBody,
          sameOrigin(origin, current), maxBytes, tooLarge);
      int s = r.status();
      boolean redirect = s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
      String location = r.header("Location");
      if (!redirect || location == null) {
        return r;
      }
      if (hop >= MAX_REDIRECTS) {
        throw new SourceProblem("more than " + MAX_REDIRECTS + " redirects; put the final "
            + "address in the configuration");
      }
      try {
        current = current.resolve(location.trim());
      } catch (IllegalArgumentException e) {
        throw new SourceProblem("the server redirects to an invalid address");
      }
      if (!"http".equalsIgnoreCase(current.getScheme())
          && !"https".equalsIgnoreCase(current.getScheme())) {
        throw new SourceProblem("the server redirects to a non-HTTP address");
      }
      if (s == 303) {
        currentMethod = "GET";
        currentBody = null;
      }
    }
  }

  private Response exchange(String method, URI uri, Map<String, String> headers, String body,
      boolean withCredentials, long maxBytes, String tooLarge) throws SourceProblem {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    headers.forEach(b::header);
    if (withCredentials && authorization != null) {
      // Preemptive Basic: the JDK's Authenticator waits for a 401 first, which would double
      // the requests of a sync of 10,000 people.
      b.header("Authorization", authorization);
    }
    b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    HttpRequest request = b.build();
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int attempt = 1; ; attempt++) {
      requests.incrementAndGet();
      CompletableFuture<HttpResponse<byte[]>> future =
          client.sendAsync(request, info -> new Capped(info, maxBytes));
      try {
        long left = Math.max(1, deadline - System.nanoTime());
        HttpResponse<byte[]> r = future.get(left, TimeUnit.NANOSECONDS);
        return new Response(r.statusCode(), r.headers(), r.body(), uri);
      } catch (TimeoutException e) {
        future.cancel(true);
        throw new SourceProblem("no answer within " + Limits.seconds(timeout)
            + "; the server is slow or unreachable");
      } catch (InterruptedException e) {
        future.cancel(true);
        Thread.currentThread().interrupt();
        throw new SourceProblem("interrupted");
      } catch (ExecutionException e) {
        // A pooled connection the server has closed fails before any answer arrives. The
        // JDK's client pools connections even after an HTTP/1.0 answer without keep-alive,
        // which is what Radicale sends, and notices the close only a moment later: at 16 at a
        // time about one request in a hundred meets such a connection, sometimes twice. Every
        // request here only reads (GET, PROPFIND, REPORT), so sending it again is safe; the
        // JDK resends only GET by itself.
        if (attempt <= RESENDS && closedUnderUs(e.getCause())) {
          resends.incrementAndGet();
          continue;
        }
        throw problem(e.getCause(), uri, tooLarge);
      }
    }
  }

  private static boolean closedUnderUs(Throwable t) {
    return t instanceof IOException && !(t instanceof HttpTimeoutException)
        && !(t instanceof ConnectException) && !(t instanceof TooLarge)
        && !(t instanceof SSLException)
        && (t instanceof java.io.EOFException || String.valueOf(t.getMessage())
            .contains("received no bytes") || String.valueOf(t.getMessage())
            .contains("connection closed locally"));
  }

  private SourceProblem problem(Throwable t, URI uri, String tooLarge) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof TooLarge) {
        return new SourceProblem(tooLarge);
      }
      if (c instanceof HttpConnectTimeoutException) {
        return new SourceProblem("could not connect within " + Limits.seconds(timeout)
            + "; the server is down or unreachable");
      }
      if (c instanceof HttpTimeoutException) {
        return new SourceProblem("no answer within " + Limits.seconds(timeout)
            + "; the server is slow or unreachable");
      }
      if (c instanceof UnknownHostException || c instanceof UnresolvedAddressException) {
        return new SourceProblem("unknown host " + uri.getHost() + "; check the address");
      }
      if (c instanceof SSLException) {
        return new SourceProblem("the TLS connection failed (" + c.getMessage()
            + "); check the server's certificate");
      }
      if (c instanceof ConnectException) {
        return new SourceProblem("could not connect ("
            + (c.getMessage() == null ? "connection refused" : c.getMessage())
            + "); the server is down or unreachable");
      }
    }
    if (closedUnderUs(t)) {
      return new SourceProblem("the server closed the connection without an answer, "
          + (1 + RESENDS) + " times; the next sync tries again");
    }
    return new SourceProblem("the connection failed (" + t + ")");
  }

  /**
   * What an HTTP error status means to the operator: the person's calendar could not be read.
   */
  SourceProblem refused(Response r) {
    int s = r.status();
    if (s == 401) {
      return new SourceProblem(authorization == null
          ? "the server asks for credentials (401); name a credentials file in the calendar "
              + "source configuration"
          : "the server refused the credentials (401); check " + credentialsFile);
    }
    if (s == 403) {
      return new SourceProblem("the server forbids reading this calendar (403); check that "
          + "the account " + (credentialsFile == null ? "" : "in " + credentialsFile + " ")
          + "may read it");
    }
    if (s == 404 || s == 410) {
      return new SourceProblem("no calendar at this address (" + s + "); check the person's "
          + "email, id or url in staff.yaml and the source's URL template");
    }
    if (s >= 500) {
      return new SourceProblem("the server failed (" + s + "); see the calendar server's "
          + "log, the next sync tries again");
    }
    return new SourceProblem("unexpected answer " + s + " from the server");
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme().equalsIgnoreCase(b.getScheme())
        && Objects.equals(a.getHost() == null ? null : a.getHost().toLowerCase(),
            b.getHost() == null ? null : b.getHost().toLowerCase())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** A body larger than the cap: stops reading at once. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("response larger than the cap", null);
    }
  }

  /** Collects a body up to a cap, and cancels the exchange as soon as it is exceeded. */
  private static final class Capped implements HttpResponse.BodySubscriber<byte[]> {
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long max;
    private final long announced;
    private Flow.Subscription subscription;

    Capped(HttpResponse.ResponseInfo info, long max) {
      this.max = max;
      this.announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      if (announced > max) {
        s.cancel();
        result.completeExceptionally(new TooLarge());
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer buffer : items) {
        if (out.size() + (long) buffer.remaining() > max) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        byte[] chunk = new byte[buffer.remaining()];
        buffer.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
