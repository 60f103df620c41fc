package se.vaxel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import se.vaxel.ami.AmiClient;
import se.vaxel.ami.AmiConnector;
import se.vaxel.generate.Rendering;
import se.vaxel.live.AbsenceEvent;
import se.vaxel.live.LiveOverride;
import se.vaxel.model.Language;
import se.vaxel.model.Platform;
import se.vaxel.model.Reason;
import se.vaxel.model.Staff;
import se.vaxel.pbx.AbsenceService;
import se.vaxel.render.Templates;
import se.vaxel.serve.Accounts;
import se.vaxel.serve.AuditLog;
import se.vaxel.serve.Board;
import se.vaxel.serve.LoginLimiter;
import se.vaxel.serve.Role;
import se.vaxel.serve.Sessions;
import se.vaxel.staff.StaffLoader;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;

/**
 * vaxel serve against the real Asterisk 22: an absence set over HTTP is in AstDB and announced
 * by a VaxelAbsence UserEvent; one written by anyone else (here AbsenceService on a link of its
 * own, as {@code vaxel absence} does) reaches the console through that event.
 */
class ServeIT {
  @TempDir static Path dir;
  static Pbx pbx;
  static Staff staff;
  static AmiClient link;
  static Board board;
  static WebServer server;
  static String base;

  @BeforeAll
  static void serve() throws Exception {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    Path file = ItStaff.write(dir);
    // Applied, for the hints whose states the console shows.
    Pbx.Run apply = pbx.vaxel("apply", "-f", file.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
    staff = new StaffLoader().load(file);
    link = AmiConnector.connect(pbx.settings().withEvents(true));
    board = new Board(Platform.of(staff), Rendering.of(Optional.empty(), "it").texts(),
        Clock.systemUTC());
    board.connected(link);
    Accounts accounts = Accounts.empty().with(new Accounts.Account("op", Role.SWITCHBOARD, "",
        WebServerTest.PLAIN.hash("op-secret".toCharArray())));
    server = new WebServer(board, () -> accounts, WebServerTest.PLAIN,
        new Sessions(Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12)),
        new LoginLimiter(Clock.systemUTC(), Duration.ofMinutes(15), 5, 20),
        new AuditLog(dir.resolve("audit.jsonl")), new Templates(Optional.empty()),
        new WebServer.Settings("127.0.0.1", 0, Optional.empty(), Optional.empty(), Language.SV,
            Optional.empty()));
    base = "http://127.0.0.1:" + server.start();
  }

  /** Each test starts with no live absence, so a call to 2201 rings 2201. */
  @org.junit.jupiter.api.AfterEach
  void clearLiveAbsences() {
    try (AmiClient ami = pbx.connect()) {
      ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
    }
    board.readAll();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (link != null) {
      try (AmiClient ami = pbx.connect()) {
        ami.dbDelTree(ItStaff.OVERRIDE_FAMILY);
      }
      link.close();
    }
  }

  @Test
  void anAbsenceSetOverHttpIsInAstDbAndAnnounced() throws Exception {
    CompletableFuture<Map<String, String>> seen = new CompletableFuture<>();
    try (AmiClient listener = AmiConnector.connect(pbx.settings().withEvents(true));
        AmiClient.Subscription sub = listener.onUserEvent(AbsenceEvent.NAME, e -> {
          if ("2201".equals(e.get("extension"))) {
            seen.complete(e);
          }
        })) {
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("user=op&password=op-secret")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(303, login.statusCode());
      String page = http.send(HttpRequest.newBuilder(URI.create(base + "/console")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-csrf=\"([^\"]+)\"")
          .matcher(page);
      assertTrue(m.find());
      HttpResponse<String> set = http.send(HttpRequest.newBuilder(URI.create(base
          + "/api/absence"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("X-CSRF-Token", m.group(1)).header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("person=testby-kommun%2Fper.present"
              + "&until=2099-01-10&reason=mote&alternate=testby-kommun%2Fdan.tomorrow")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, set.statusCode(), set.body());
      Map<String, String> event = seen.get(5, TimeUnit.SECONDS);
      assertEquals("testby-kommun", event.get("org"));
      try (AmiClient ami = pbx.connect()) {
        String value = ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").orElseThrow();
        LiveOverride o = LiveOverride.decode("2201", value).orElseThrow();
        assertTrue(o.away());
        assertEquals("2205", o.target());
        assertEquals(LiveOverride.Origin.WEB, o.origin());
        assertEquals("op", o.setBy());
      }
    }
  }

  @Test
  void anAbsenceWrittenElsewhereReachesTheConsoleThroughTheEvent() throws Exception {
    try (AmiClient cli = pbx.connect()) {
      new AbsenceService(staff, cli).set("dan.tomorrow", LocalDateTime.now().minusHours(1),
          LocalDateTime.now().plusDays(2), null, Reason.UTBILDNING, Instant.now());
    }
    long end = System.nanoTime() + 2_000_000_000L;
    String view = "";
    while (System.nanoTime() < end) {
      view = board.viewJson("testby-kommun/dan.tomorrow").orElse("");
      if (view.contains("\"source\":\"live\"")) {
        break;
      }
      Thread.sleep(50);
    }
    assertTrue(view.contains("\"source\":\"live\"") && view.contains("\"reason\":\"utbildning\""),
        view);
    assertNotNull(view);
  }

  @Test
  void phoneStatesComeFromTheHintsAndChangeWithTheirEvents() throws Exception {
    board.readAll();
    String before = state("per.present");
    assertTrue(before.equals("idle") || before.equals("unavailable"), before);
    // A call to 2201 rings its test phone: the hint's ExtensionStatus event changes the view.
    CompletableFuture<String> rang = CompletableFuture.supplyAsync(
        () -> pbx.call(ItStaff.CONTEXT, "2201", Duration.ofSeconds(8)));
    long end = System.nanoTime() + 8_000_000_000L;
    String during = before;
    while (System.nanoTime() < end && during.equals(before)) {
      Thread.sleep(20);
      during = state("per.present");
    }
    assertEquals("2201", rang.get(15, TimeUnit.SECONDS));
    assertTrue(during.equals("ringing") || during.equals("inuse"), before + " -> " + during);
  }

  private static String state(String id) {
    String view = board.viewJson("testby-kommun/" + id).orElseThrow();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"state\":\"(\\w+)\"")
        .matcher(view);
    assertTrue(m.find(), view);
    return m.group(1);
  }
}
