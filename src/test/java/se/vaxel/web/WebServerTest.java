package se.vaxel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.generate.Rendering;
import se.vaxel.model.Language;
import se.vaxel.model.Platform;
import se.vaxel.render.Templates;
import se.vaxel.serve.Accounts;
import se.vaxel.serve.AuditLog;
import se.vaxel.serve.Board;
import se.vaxel.serve.LoginLimiter;
import se.vaxel.serve.PasswordHasher;
import se.vaxel.serve.Role;
import se.vaxel.serve.Sessions;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;

/**
 * The server's security over real HTTP: java.net.http against the running app on an ephemeral
 * port, with the PBX mocked at vaxel's own AmiClient interface.
 */
class WebServerTest {
  private static final String FAMILY = ItStaff.OVERRIDE_FAMILY;

  /** A hasher that is fast and honest: the password itself behind a prefix the file accepts. */
  static final PasswordHasher PLAIN = new PasswordHasher() {
    @Override
    public String hash(char[] password) {
      return "$argon2id$test$" + new String(password);
    }

    @Override
    public boolean verify(char[] password, String hash) {
      return hash.equals(hash(password));
    }
  };

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    volatile Instant now = Instant.now();

    @Override
    public ZoneId getZone() {
      return ZoneId.of("Europe/Stockholm");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path dir;
  TestClock clock = new TestClock();
  AmiClient ami = mock(AmiClient.class);
  Map<String, String> astdb = new ConcurrentHashMap<>();
  WebServer server;
  Board board;
  Path audit;
  String base;

  @BeforeEach
  void start() throws Exception {
    Platform platform = Platform.of(new StaffLoader().load(ItStaff.write(dir)));
    when(ami.dbGetTree(FAMILY)).thenAnswer(i -> Map.copyOf(astdb));
    when(ami.dbGet(eq(FAMILY), anyString())).thenAnswer(
        i -> Optional.ofNullable(astdb.get((String) i.getArgument(1))));
    org.mockito.Mockito.doAnswer(i -> astdb.put(i.getArgument(1), i.getArgument(2)))
        .when(ami).dbPut(eq(FAMILY), anyString(), anyString());
    org.mockito.Mockito.doAnswer(i -> astdb.remove((String) i.getArgument(1)))
        .when(ami).dbDel(eq(FAMILY), anyString());
    when(ami.onUserEvent(anyString(), any())).thenReturn(() -> { });
    board = new Board(platform, Rendering.of(Optional.empty(), "test").texts(), clock);
    board.connected(ami);
    Accounts accounts = Accounts.empty()
        .with(new Accounts.Account("op", Role.SWITCHBOARD, "", PLAIN.hash("op-secret".toCharArray())))
        .with(new Accounts.Account("anna", Role.STAFF, "anna.away",
            PLAIN.hash("anna-secret".toCharArray())));
    audit = dir.resolve("audit.jsonl");
    server = new WebServer(board, () -> accounts, PLAIN,
        new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12)),
        new LoginLimiter(clock, Duration.ofMinutes(15), 5, 20), new AuditLog(audit),
        new Templates(Optional.empty()),
        new WebServer.Settings("127.0.0.1", 0, Optional.of("127.0.0.1"),
            Optional.of("X-Remote-User"), Language.SV, Optional.empty()));
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A browser: its own cookies, no redirects followed. */
  final class Browser {
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();

    HttpResponse<String> get(String path, String... headers) throws Exception {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form, String... headers)
        throws Exception {
      String body = form.entrySet().stream().map(e -> e.getKey() + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body));
      for (int i = 0; i < headers.length; i += 2) {
        b.header(headers[i], headers[i + 1]);
      }
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> login(String user, String password) throws Exception {
      return post("/login", Map.of("user", user, "password", password));
    }

    /** The CSRF token the session's page carries. */
    String csrf(String page) throws Exception {
      String html = get(page).body();
      Matcher m = Pattern.compile("(?:data-csrf|name=\"csrf\" value)=\"([^\"]+)\"").matcher(html);
      assertTrue(m.find(), "no CSRF token in " + page);
      return m.group(1);
    }
  }

  static Map<String, String> form(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void theSwitchboardSetsAnAbsenceWithItsTokenAndItIsAudited() throws Exception {
    Browser op = new Browser();
    assertEquals(303, op.login("op", "op-secret").statusCode());
    String csrf = op.csrf("/console");
    HttpResponse<String> r = op.post("/api/absence", form("person", "testby-kommun/per.present",
        "until", "2099-01-10", "reason", "mote", "alternate", "testby-kommun/eva.mobile"),
        "X-CSRF-Token", csrf, "Accept", "application/json");
    // eva has no extension: the rules refuse her as alternate, every problem in words.
    assertEquals(400, r.statusCode(), r.body());
    assertTrue(r.body().contains("no extension"), r.body());
    r = op.post("/api/absence", form("person", "testby-kommun/per.present", "until", "2099-01-10",
        "reason", "mote"), "X-CSRF-Token", csrf, "Accept", "application/json");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(astdb.get("2201").startsWith("away|"), astdb.toString());
    assertTrue(astdb.get("2201").endsWith("|web|op"), astdb.get("2201"));
    assertTrue(r.body().contains("\"setBy\":\"op\""), r.body());
    String line = Files.readString(audit);
    assertTrue(line.contains("\"who\":\"op\"") && line.contains("\"what\":\"absence-set\"")
        && line.contains("\"person\":\"testby-kommun/per.present\"") && line.contains("\"before\":null"),
        line);
    verify(ami).userEvent(eq("VaxelAbsence"), eq(Map.of("Org", "testby-kommun", "Extension", "2201")));
  }

  @Test
  void aChangeWithoutOrWithAWrongCsrfTokenIsRefused() throws Exception {
    Browser op = new Browser();
    op.login("op", "op-secret");
    Map<String, String> set = form("person", "testby-kommun/per.present", "until", "2099-01-10");
    assertEquals(403, op.post("/api/absence", set).statusCode());
    assertEquals(403, op.post("/api/absence", set, "X-CSRF-Token", "forged").statusCode());
    Browser other = new Browser();
    other.login("anna", "anna-secret");
    // Another session's token is no good either.
    assertEquals(403, op.post("/api/absence", set, "X-CSRF-Token", other.csrf("/person/testby-kommun/anna.away")).statusCode());
    verify(ami, never()).dbPut(anyString(), anyString(), anyString());
  }

  @Test
  void staffReachOnlyTheirOwnPersonWhateverIdTheySend() throws Exception {
    Browser anna = new Browser();
    assertEquals(303, anna.login("anna", "anna-secret").statusCode());
    HttpResponse<String> me = anna.get("/me");
    assertEquals(303, me.statusCode());
    assertEquals("/person/testby-kommun/anna.away", me.headers().firstValue("Location").orElse(""));
    HttpResponse<String> own = anna.get("/person/testby-kommun/anna.away");
    assertEquals(200, own.statusCode());
    assertTrue(own.body().contains("id=\"text-greeting\""), own.body());
    assertTrue(own.body().contains("id=\"check-none\""), "no report: 'not checked yet'");
    assertEquals(403, anna.get("/person/testby-kommun/per.present").statusCode());
    assertEquals(403, anna.get("/person/testby-kommun/nobody.at.all").statusCode());
    assertEquals(403, anna.get("/api/people/testby-kommun/per.present").statusCode());
    assertEquals(403, anna.get("/api/people").statusCode());
    assertEquals(403, anna.get("/console").statusCode());
    assertEquals(403, anna.get("/events", "Accept", "text/event-stream").statusCode());
    String csrf = anna.csrf("/person/testby-kommun/anna.away");
    HttpResponse<String> r = anna.post("/api/absence", form("csrf", csrf,
        "person", "testby-kommun/per.present", "until", "2099-01-10"));
    assertEquals(403, r.statusCode());
    assertEquals(403, anna.post("/api/absence/clear", form("csrf", csrf,
        "person", "testby-kommun/per.present")).statusCode());
    assertFalse(astdb.containsKey("2201"));
    // Their own works, and goes live as set by them.
    r = anna.post("/api/absence", form("csrf", csrf, "person", "testby-kommun/anna.away",
        "until", "2099-01-10", "reason", "utbildning"));
    assertEquals(303, r.statusCode(), r.body());
    assertTrue(astdb.get("2202").endsWith("|web|anna"), astdb.get("2202"));
  }

  @Test
  void withoutASessionPagesGoToLoginAndTheApiSays401() throws Exception {
    Browser b = new Browser();
    assertEquals(303, b.get("/console").statusCode());
    assertEquals("/login", b.get("/console").headers().firstValue("Location").orElse(""));
    assertEquals(401, b.get("/api/people").statusCode());
    assertEquals(401, b.post("/api/absence", form("person", "testby-kommun/per.present")).statusCode());
  }

  @Test
  void aSessionExpiresAfterItsIdleTime() throws Exception {
    Browser op = new Browser();
    op.login("op", "op-secret");
    assertEquals(200, op.get("/api/people").statusCode());
    clock.now = clock.now.plus(Duration.ofMinutes(29));
    assertEquals(200, op.get("/api/people").statusCode(), "a request keeps it alive");
    clock.now = clock.now.plus(Duration.ofMinutes(30));
    assertEquals(401, op.get("/api/people").statusCode());
  }

  @Test
  void loginsAreLimitedPerAccountAndTheLimitPasses() throws Exception {
    Browser b = new Browser();
    for (int i = 0; i < 5; i++) {
      assertEquals(401, b.login("op", "wrong" + i).statusCode());
    }
    HttpResponse<String> limited = b.login("op", "op-secret");
    assertEquals(429, limited.statusCode(), "even the right password waits");
    assertTrue(limited.headers().firstValue("Retry-After").isPresent());
    // Another account from the same address is not yet limited (20 per address).
    assertEquals(303, new Browser().login("anna", "anna-secret").statusCode());
    clock.now = clock.now.plus(Duration.ofMinutes(16));
    assertEquals(303, b.login("op", "op-secret").statusCode());
  }

  @Test
  void loginsAreLimitedPerAddressAcrossAccounts() throws Exception {
    Browser b = new Browser();
    for (int i = 0; i < 20; i++) {
      b.login("guess" + i, "wrong");
    }
    assertEquals(429, b.login("op", "op-secret").statusCode());
  }

  @Test
  void theSsoHeaderIsBelievedOnlyFromTheTrustedProxy() throws Exception {
    // The test connects from 127.0.0.1, the configured proxy: the header logs in.
    Browser viaProxy = new Browser();
    assertEquals(200, viaProxy.get("/api/people", "X-Remote-User", "op").statusCode());
    assertEquals(403, viaProxy.get("/api/people", "X-Remote-User", "anna").statusCode());
    // An account the file does not have is nobody.
    assertEquals(401, new Browser().get("/api/people", "X-Remote-User", "mallory").statusCode());
  }

  @Test
  void theSsoHeaderFromAnyOtherAddressIsIgnored() throws Exception {
    server.close();
    Accounts accounts = Accounts.empty().with(new Accounts.Account("op", Role.SWITCHBOARD, "",
        PLAIN.hash("op-secret".toCharArray())));
    server = new WebServer(board, () -> accounts, PLAIN,
        new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12)),
        new LoginLimiter(clock, Duration.ofMinutes(15), 5, 20), new AuditLog(audit),
        new Templates(Optional.empty()),
        new WebServer.Settings("127.0.0.1", 0, Optional.of("192.0.2.1"),
            Optional.of("X-Remote-User"), Language.SV, Optional.empty()));
    base = "http://127.0.0.1:" + server.start();
    assertEquals(401, new Browser().get("/api/people", "X-Remote-User", "op").statusCode());
  }

  @Test
  void pagesCarryTheSecurityHeadersAndTheCookieIsStrict() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> r = b.login("op", "op-secret");
    String cookie = r.headers().firstValue("Set-Cookie").orElse("");
    assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
    assertFalse(cookie.contains("Secure"), "plain http from no proxy: not Secure");
    HttpResponse<String> page = b.get("/console");
    String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertEquals("DENY", page.headers().firstValue("X-Frame-Options").orElse(""));
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
    assertFalse(page.body().contains("<script>"), "no inline script");
    HttpResponse<String> https = new Browser().post("/login",
        form("user", "op", "password", "op-secret"), "X-Forwarded-Proto", "https");
    assertTrue(https.headers().firstValue("Set-Cookie").orElse("").contains("Secure"));
  }

  @Test
  void thePeopleListNeverDisclosesSicknessNorHoldsHashes() throws Exception {
    Browser op = new Browser();
    op.login("op", "op-secret");
    String csrf = op.csrf("/console");
    op.post("/api/absence", form("person", "testby-kommun/per.present", "until", "2099-01-10",
        "reason", "sjuk"), "X-CSRF-Token", csrf, "Accept", "application/json");
    String people = op.get("/api/people").body();
    assertTrue(people.contains("\"key\":\"testby-kommun/per.present\""), people);
    assertFalse(people.contains("sjuk"), people);
    assertFalse(people.contains("$argon2id$"), people);
    assertTrue(people.contains("\"reason\":\"annat\""), people);
  }

  @Test
  void aLostPbxIsSaidAndNothingIsSetThen() throws Exception {
    Browser op = new Browser();
    op.login("op", "op-secret");
    String csrf = op.csrf("/console");
    board.disconnected("test");
    assertTrue(op.get("/api/people").body().startsWith("{\"up\":false"));
    HttpResponse<String> r = op.post("/api/absence", form("person", "testby-kommun/per.present",
        "until", "2099-01-10"), "X-CSRF-Token", csrf, "Accept", "application/json");
    assertEquals(503, r.statusCode());
    assertNotNull(r.body());
  }

  @Test
  void everyOpenConsoleHearsOfAChangeWithinASecond() throws Exception {
    Browser op = new Browser();
    op.login("op", "op-secret");
    Browser watcher = new Browser();
    watcher.login("op", "op-secret");
    java.util.concurrent.BlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    HttpRequest events = HttpRequest.newBuilder(URI.create(base + "/events"))
        .header("Accept", "text/event-stream").build();
    watcher.http.sendAsync(events, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(r -> r.body().forEach(lines::add));
    String hello = poll(lines, "event: hello");
    assertNotNull(hello, "no hello event");
    String csrf = op.csrf("/console");
    long start = System.nanoTime();
    op.post("/api/absence", form("person", "testby-kommun/per.present", "until", "2099-01-10"),
        "X-CSRF-Token", csrf, "Accept", "application/json");
    String change = poll(lines, "\"key\":\"testby-kommun/per.present\"");
    assertNotNull(change, "the change never reached the other console");
    assertTrue(change.contains("\"setBy\":\"op\""), change);
    assertTrue(System.nanoTime() - start < 1_000_000_000L, "took more than a second");
  }

  /** The first line containing {@code text} within two seconds, or null. */
  private static String poll(java.util.concurrent.BlockingQueue<String> lines, String text)
      throws InterruptedException {
    long end = System.nanoTime() + 2_000_000_000L;
    while (System.nanoTime() < end) {
      String line = lines.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
      if (line != null && line.contains(text)) {
        return line;
      }
    }
    return null;
  }

  @Test
  void aPostFromAnotherSiteIsRefusedEvenTheLogin() throws Exception {
    Browser b = new Browser();
    HttpResponse<String> r = b.post("/login", form("user", "op", "password", "op-secret"),
        "Origin", "https://evil.example");
    assertEquals(403, r.statusCode());
    assertTrue(r.headers().firstValue("Set-Cookie").isEmpty());
    assertEquals(303, b.post("/login", form("user", "op", "password", "op-secret"),
        "Origin", base).statusCode());
  }

  @Test
  void removingAnAccountEndsItsSessions() throws Exception {
    server.close();
    java.util.concurrent.atomic.AtomicReference<Accounts> accounts =
        new java.util.concurrent.atomic.AtomicReference<>(Accounts.empty().with(
            new Accounts.Account("op", Role.SWITCHBOARD, "", PLAIN.hash("op-secret".toCharArray()))));
    server = new WebServer(board, accounts::get, PLAIN,
        new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12)),
        new LoginLimiter(clock, Duration.ofMinutes(15), 5, 20), new AuditLog(audit),
        new Templates(Optional.empty()),
        new WebServer.Settings("127.0.0.1", 0, Optional.empty(), Optional.empty(), Language.SV,
            Optional.empty()));
    base = "http://127.0.0.1:" + server.start();
    Browser op = new Browser();
    op.login("op", "op-secret");
    assertEquals(200, op.get("/api/people").statusCode());
    accounts.set(accounts.get().without("op"));
    assertEquals(401, op.get("/api/people").statusCode());
  }

  /** A server like the default one, trusting {@code proxy}, with accounts the test changes. */
  private java.util.concurrent.atomic.AtomicReference<Accounts> restart(Optional<String> proxy,
      Duration keepAlive) {
    server.close();
    java.util.concurrent.atomic.AtomicReference<Accounts> accounts =
        new java.util.concurrent.atomic.AtomicReference<>(Accounts.empty().with(
            new Accounts.Account("op", Role.SWITCHBOARD, "", PLAIN.hash("op-secret".toCharArray()))));
    server = new WebServer(board, accounts::get, PLAIN,
        new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12)),
        new LoginLimiter(clock, Duration.ofMinutes(15), 5, 20), new AuditLog(audit),
        new Templates(Optional.empty()),
        new WebServer.Settings("127.0.0.1", 0, proxy, Optional.empty(), Language.SV,
            Optional.empty()));
    server.keepAlive(keepAlive);
    base = "http://127.0.0.1:" + server.start();
    return accounts;
  }

  @Test
  void behindTheTrustedProxyTheBrowsersOriginIsTheProxysHostAndScheme() throws Exception {
    // What the README's nginx passes on: the browser's host, https, from the proxy's address.
    String[] proxied = {"Origin", "https://vaxel.example.se", "X-Forwarded-Host",
        "vaxel.example.se", "X-Forwarded-Proto", "https", "X-Forwarded-For", "198.51.100.7"};
    HttpResponse<String> r = new Browser().post("/login",
        form("user", "op", "password", "op-secret"), proxied);
    assertEquals(303, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Set-Cookie").orElse("").contains("Secure"));
    // Same host, another scheme or port: another origin.
    assertEquals(403, new Browser().post("/login", form("user", "op", "password", "op-secret"),
        "Origin", "http://vaxel.example.se", "X-Forwarded-Host", "vaxel.example.se",
        "X-Forwarded-Proto", "https").statusCode());
    assertEquals(403, new Browser().post("/login", form("user", "op", "password", "op-secret"),
        "Origin", "https://vaxel.example.se:8443", "X-Forwarded-Host", "vaxel.example.se",
        "X-Forwarded-Proto", "https").statusCode());
    // The same headers from an address that is not the proxy are not believed.
    restart(Optional.of("192.0.2.1"), Duration.ofSeconds(15));
    assertEquals(403, new Browser().post("/login", form("user", "op", "password", "op-secret"),
        proxied).statusCode());
  }

  @Test
  void originsCompareSchemeHostAndPort() {
    assertTrue(WebServer.sameOrigin("https://a.example", "https", "A.example:443"));
    assertTrue(WebServer.sameOrigin("http://127.0.0.1:8080", "http", "127.0.0.1:8080"));
    assertFalse(WebServer.sameOrigin("http://127.0.0.1:8081", "http", "127.0.0.1:8080"));
    assertFalse(WebServer.sameOrigin("https://a.example", "http", "a.example"));
    assertFalse(WebServer.sameOrigin("null", "http", "a.example"));
  }

  @Test
  void aTypedUserNameIsLoggedOnOneLine() {
    assertEquals("op??FAKE login", WebServer.printable("op\r\nFAKE login"));
  }

  /** Opens /events for {@code b}; the future completes when the server closes the stream. */
  private java.util.concurrent.CompletableFuture<Void> openEvents(Browser b,
      java.util.concurrent.BlockingQueue<String> lines) {
    HttpRequest events = HttpRequest.newBuilder(URI.create(base + "/events"))
        .header("Accept", "text/event-stream").build();
    return b.http.sendAsync(events, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(r -> r.body().forEach(lines::add));
  }

  @Test
  void anOpenConsoleStreamEndsWithItsSessionOrAccount() throws Exception {
    java.util.concurrent.atomic.AtomicReference<Accounts> accounts =
        restart(Optional.empty(), Duration.ofMillis(200));
    Browser op = new Browser();
    op.login("op", "op-secret");
    java.util.concurrent.BlockingQueue<String> lines =
        new java.util.concurrent.LinkedBlockingQueue<>();
    java.util.concurrent.CompletableFuture<Void> stream = openEvents(op, lines);
    assertNotNull(poll(lines, "event: hello"));
    assertNotNull(poll(lines, "keep-alive"), "no keep-alive while the session stands");
    assertFalse(stream.isDone());
    String csrf = op.csrf("/console");
    assertEquals(303, op.post("/logout", form("csrf", csrf)).statusCode());
    stream.get(2, java.util.concurrent.TimeUnit.SECONDS); // throws if still open

    Browser again = new Browser();
    again.login("op", "op-secret");
    java.util.concurrent.CompletableFuture<Void> second = openEvents(again,
        new java.util.concurrent.LinkedBlockingQueue<>());
    Thread.sleep(500);
    assertFalse(second.isDone(), "closed although the account stands");
    accounts.set(accounts.get().without("op"));
    second.get(2, java.util.concurrent.TimeUnit.SECONDS);

    // An expired session: the stream does not keep it alive.
    accounts.set(Accounts.empty().with(new Accounts.Account("op", Role.SWITCHBOARD, "",
        PLAIN.hash("op-secret".toCharArray()))));
    Browser third = new Browser();
    third.login("op", "op-secret");
    java.util.concurrent.CompletableFuture<Void> expiring = openEvents(third,
        new java.util.concurrent.LinkedBlockingQueue<>());
    Thread.sleep(500);
    assertFalse(expiring.isDone());
    clock.now = clock.now.plus(Duration.ofMinutes(31));
    expiring.get(2, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  void aFutureAbsenceIsAuditedWithWhatWasWritten() throws Exception {
    Browser op = new Browser();
    op.login("op", "op-secret");
    String csrf = op.csrf("/console");
    HttpResponse<String> r = op.post("/api/absence", form("person", "testby-kommun/per.present",
        "from", "2099-01-05", "until", "2099-01-10", "reason", "mote"),
        "X-CSRF-Token", csrf, "Accept", "application/json");
    assertEquals(200, r.statusCode(), r.body());
    r = op.post("/api/absence/clear", form("person", "testby-kommun/per.present"),
        "X-CSRF-Token", csrf, "Accept", "application/json");
    assertEquals(200, r.statusCode(), r.body());
    String[] entries = Files.readString(audit).split("\n");
    assertEquals(2, entries.length, String.join("\n", entries));
    assertTrue(entries[0].contains("\"before\":null") && entries[0].contains("\"after\":{")
        && entries[0].contains("\"from\":\"2099-01-0") && entries[0].contains("\"reason\":\"mote\"")
        && entries[0].contains("\"origin\":\"web\"") && entries[0].contains("\"setBy\":\"op\""),
        entries[0]);
    assertTrue(entries[1].contains("\"what\":\"absence-clear\"")
        && entries[1].contains("\"before\":{") && entries[1].contains("\"until\":\"2099-01-"),
        entries[1]);
  }
}
