package se.vaxel.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import se.vaxel.ami.AmiClient;
import se.vaxel.live.LiveOverride;
import se.vaxel.testing.Browser;
import se.vaxel.testing.CuttableProxy;
import se.vaxel.testing.ItStaff;
import se.vaxel.testing.Pbx;
import se.vaxel.testing.Sandbox;
import se.vaxel.testing.ServeProcess;

/**
 * {@code vaxel serve} used as its people use it: Debian's Chromium against the packaged jar,
 * which talks to the real Asterisk of the sandbox through a proxy the test can cut. The
 * switchboard sets an absence and a real call then rings the alternate; a second console sees
 * it at once; an employee reads their texts and tells the switchboard; nobody reaches another
 * person's page; a change without the CSRF token is refused; a lost AMI shows the banner.
 * Screenshots of the console and of "my page" at desktop and phone width go to
 * target/screenshots/, for a person to look at.
 */
class ServeBrowserIT {
  private static final Duration RING = Duration.ofSeconds(10);
  private static final String PASSWORD = "korrekt häst batteri";

  @TempDir static Path dir;
  static Pbx pbx;
  static Path staff;
  static Path accounts;
  static CuttableProxy proxy;
  static ServeProcess serve;
  /** The organisation part of every person's key in the console (ORG/ID). */
  static String org;

  @BeforeAll
  static void startTheServerOnTheAppliedPbx() throws IOException {
    Sandbox sandbox = Sandbox.get();
    sandbox.reset();
    pbx = new Pbx(sandbox);
    pbx.installTestPhones();
    staff = ItStaff.write(dir);
    Pbx.Run apply = pbx.vaxel("apply", "-f", staff.toString(), "--asterisk-conf-dir",
        sandbox.etc().toString());
    assertEquals(0, apply.code(), apply.out() + apply.err());
    accounts = dir.resolve("accounts");
    addAccount("op", "switchboard", null);
    addAccount("dan", "staff", "dan.tomorrow");
    proxy = new CuttableProxy(sandbox.host(), sandbox.port());
    Map<String, String> env = pbx.env();
    env.put("VAXEL_AMI", proxy.address());
    serve = ServeProcess.start(dir, env, List.of("-f", staff.toString(),
        "--accounts", accounts.toString(), "--audit-log", dir.resolve("audit.jsonl").toString()));
    String people = Client.login("op").get("/api/people").body();
    Matcher m = Pattern.compile("\"key\":\"([^\"/]+)/per.present\"").matcher(people);
    assertTrue(m.find(), people);
    org = m.group(1);
  }

  /** vaxel user add, as an administrator runs it, the password on standard input. */
  static void addAccount(String name, String role, String staffId) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        Sandbox.projectDir().resolve("target/vaxel.jar").toString(), "user", "add", name,
        "--role", role, "--accounts", accounts.toString()));
    if (staffId != null) {
      cmd.addAll(List.of("--staff-id", staffId));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("VAXEL_CONFIG", "");
    Process p = pb.start();
    p.getOutputStream().write((PASSWORD + "\n").getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "vaxel user add hangs: " + out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    assertEquals(0, p.exitValue(), "vaxel user add " + name + ": " + out);
  }

  @AfterAll
  static void stop() {
    if (serve != null) {
      serve.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  /** Each test starts with nobody away live; cleared through the server, which then knows. */
  @AfterEach
  void clearLiveAbsences() throws IOException {
    proxy.restore();
    awaitUp();
    Client op = Client.login("op");
    for (String id : List.of("per.present", "dan.tomorrow")) {
      op.post("/api/absence/clear", op.csrf, "person", key(id));
    }
    try (AmiClient ami = pbx.connect()) {
      assertEquals(Map.of(), ami.dbGetTree(ItStaff.OVERRIDE_FAMILY), "live absences left");
    }
  }

  /** Waits until the server has its AMI link again (after a test that cut it). */
  static void awaitUp() throws IOException {
    Client op = Client.login("op");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!op.get("/api/people").body().contains("\"up\":true")) {
      assertTrue(System.nanoTime() < deadline, "the server did not reconnect to the AMI\n"
          + serve.log());
      sleep(200);
    }
  }

  static String key(String id) {
    return org + "/" + id;
  }

  static String row(String id) {
    return "li.person[data-key='" + key(id) + "']";
  }

  // ---- the switchboard -----------------------------------------------------------------------

  @Test
  void anOperatorSetsAnAbsenceASecondConsoleSeesItAtOnceAndTheCallGoesToTheAlternate()
      throws IOException {
    try (Browser first = Browser.start(Browser.DESKTOP);
        Browser second = Browser.start(Browser.DESKTOP)) {
      login(first, "op");
      login(second, "op");
      awaitRow(second, "per.present");
      // The second console: not reloaded, and the moment Per's row turns "away" noted.
      js(second, """
          window.notReloaded = true;
          const sel = arguments[0];
          new MutationObserver(() => {
            const li = document.querySelector(sel);
            if (li && li.dataset.away === 'true' && !window.seenAt) { window.seenAt = Date.now(); }
          }).observe(document.getElementById('people'),
            {subtree: true, childList: true, attributes: true});
          """, row("per.present"));

      // A few letters of the surname narrow the list to Per.
      awaitRow(first, "per.present");
      first.find(By.id("search")).sendKeys("närv");
      first.await(Duration.ofSeconds(5), d -> "1".equals(
          d.findElement(By.id("count")).getDomAttribute("data-total")));
      assertEquals(1, first.driver().findElements(By.cssSelector("li.person")).size());
      first.find(By.cssSelector(row("per.present") + " .btn-set")).click();
      first.await(Duration.ofSeconds(5),
          d -> d.findElement(By.id("absence-dialog")).isDisplayed());
      String until = LocalDate.now(ItStaff.ZONE).plusDays(2) + "T17:00";
      // A datetime-local field's keyboard entry depends on the browser's locale: set its value.
      js(first, "document.getElementById('absence-until').value = arguments[0]", until);
      new Select(first.find(By.id("absence-reason"))).selectByValue("tjansteresa");
      first.find(By.id("absence-alternate")).sendKeys("2205");
      js(first, "document.getElementById('absence-form').addEventListener('submit', "
          + "() => { window.submitAt = Date.now(); }, {capture: true})");
      first.find(By.id("absence-save")).click();
      first.await(Duration.ofSeconds(10), d -> "true".equals(
          d.findElement(By.cssSelector(row("per.present"))).getDomAttribute("data-away")));

      // Read in one go inside await: a live event may replace the row between two reads.
      String perRow = first.await(Duration.ofSeconds(5),
          d -> d.findElement(By.cssSelector(row("per.present"))).getText());
      assertTrue(perRow.contains("Dan Imorgon"), perRow);
      assertTrue(perRow.contains(until.replace('T', ' ')), perRow);
      assertTrue(perRow.contains("op"), "who registered it: " + perRow);
      Object seen = second.await(Duration.ofSeconds(5), d -> js(second, "return window.seenAt"));
      long latency = ((Number) seen).longValue()
          - ((Number) js(first, "return window.submitAt")).longValue();
      System.out.println("ServeBrowserIT: the second console showed the change " + latency
          + " ms after the first one's Save");
      assertTrue(latency < 1000, "the second console showed it after " + latency + " ms");
      assertEquals(Boolean.TRUE, js(second, "return window.notReloaded"));
      second.screenshot("console-desktop");
    }

    // A real call to Per now rings Dan, the alternate: the dialplan read what the page wrote.
    assertEquals("2205", pbx.call(ItStaff.CONTEXT, "2201", RING));
    try (AmiClient ami = pbx.connect()) {
      LiveOverride o = LiveOverride.decode("2201",
          ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").orElseThrow()).orElseThrow();
      assertEquals(LiveOverride.Origin.WEB, o.origin());
      assertEquals("op", o.setBy());
    }
    String audit = Files.readString(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8);
    assertTrue(audit.lines().anyMatch(l -> l.contains("\"op\"") && l.contains("absence-set")
        && l.contains("per.present")), audit);
  }

  @Test
  void theConsoleAtPhoneWidth() throws IOException {
    Client op = Client.login("op");
    assertEquals(200, op.post("/api/absence", op.csrf, "person", key("per.present"),
        "until", LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "reason", "semester",
        "alternate", key("dan.tomorrow")).statusCode());
    try (Browser phone = Browser.start(Browser.PHONE)) {
      login(phone, "op");
      awaitRow(phone, "per.present");
      phone.screenshot("console-phone");
      long scroll = ((Number) js(phone,
          "return document.documentElement.scrollWidth")).longValue();
      assertTrue(scroll <= Browser.PHONE.width, "the console scrolls sideways on a phone: "
          + scroll + " px wide");
    }
  }

  @Test
  void aLostAmiConnectionShowsTheBannerAndItGoesWhenTheLinkIsBack() {
    try (Browser console = Browser.start(Browser.DESKTOP)) {
      login(console, "op");
      awaitRow(console, "per.present");
      assertFalse(console.find(By.id("ami-banner")).isDisplayed());
      proxy.cut();
      console.await(Duration.ofSeconds(15),
          d -> d.findElement(By.id("ami-banner")).isDisplayed());
      // Nothing presented as live: no phone shows a state while the link is down.
      console.await(Duration.ofSeconds(5), d -> d.findElements(By.cssSelector("li.person"))
          .stream().allMatch(li -> "false".equals(li.getDomAttribute("data-live"))));
      console.screenshot("console-ami-lost");
      proxy.restore();
      console.await(Duration.ofSeconds(30),
          d -> !d.findElement(By.id("ami-banner")).isDisplayed());
    }
  }

  // ---- an employee ---------------------------------------------------------------------------

  @Test
  void anEmployeeSeesTheirTextsAndTellsTheSwitchboardAboutAnAbsence() throws IOException {
    Pbx.Run greeting = pbx.vaxel("greeting", "-f", staff.toString(), "dan.tomorrow");
    assertEquals(0, greeting.code(), greeting.err());
    try (Browser browser = Browser.start(Browser.DESKTOP)) {
      login(browser, "dan");
      browser.await(Duration.ofSeconds(10),
          d -> d.getCurrentUrl().endsWith("/person/" + key("dan.tomorrow")));
      String script = browser.find(By.id("text-greeting")).getText();
      assertFalse(script.isBlank());
      assertTrue(words(greeting.out()).contains(words(script)),
          "the page's greeting script is not vaxel greeting's:\n" + script + "\n---\n"
              + greeting.out());
      assertTrue(browser.find(By.id("text-answering")).getText().contains("Dan"));
      String signature = browser.find(By.id("text-signature")).getText();
      assertTrue(signature.contains("Dan Imorgon") && signature.contains("Testby kommun"),
          signature);
      browser.screenshot("my-page-desktop");

      js(browser, "document.getElementById('me-until').value = arguments[0]",
          LocalDate.now(ItStaff.ZONE).plusDays(1).toString());
      new Select(browser.find(By.id("me-reason"))).selectByValue("utbildning");
      browser.find(By.id("me-alternate")).sendKeys("per.present");
      browser.find(By.id("me-save")).click();
      browser.await(Duration.ofSeconds(10), d -> d.findElement(By.id("my-absence"))
          .getDomAttribute("class").contains("away"));
      String mine = browser.find(By.id("my-absence")).getText();
      assertTrue(mine.contains("Per Närvarande"), mine);
      browser.screenshot("my-page-desktop-away");
    }
    // Live at once, exactly as if the switchboard had set it, and the switchboard sees who.
    assertEquals("2201", pbx.call(ItStaff.CONTEXT, "2205", RING));
    String view = Client.login("op").get("/api/people/" + key("dan.tomorrow")).body();
    assertTrue(view.contains("\"setBy\":\"dan\"") && view.contains("\"origin\":\"web\""), view);
  }

  @Test
  void myPageAtPhoneWidth() {
    try (Browser phone = Browser.start(Browser.PHONE)) {
      login(phone, "dan");
      phone.await(Duration.ofSeconds(10), d -> !d.findElements(By.id("text-greeting")).isEmpty());
      phone.screenshot("my-page-phone");
      long scroll = ((Number) js(phone,
          "return document.documentElement.scrollWidth")).longValue();
      assertTrue(scroll <= Browser.PHONE.width, "my page scrolls sideways on a phone: "
          + scroll + " px wide");
    }
  }

  @Test
  void anEmployeeCannotReachAnotherPersonsPageOrDataByChangingTheId() throws IOException {
    try (Browser browser = Browser.start(Browser.DESKTOP)) {
      login(browser, "dan");
      browser.await(Duration.ofSeconds(10), d -> d.getCurrentUrl().contains("/person/"));
      browser.open(serve.url("/person/" + key("anna.away")));
      String body = browser.find(By.tagName("body")).getText();
      assertTrue(body.contains("403"), body);
      assertFalse(body.contains("Anna"), body);
    }
    Client dan = Client.login("dan");
    assertEquals(200, dan.get("/api/people/" + key("dan.tomorrow")).statusCode());
    assertEquals(403, dan.get("/api/people/" + key("anna.away")).statusCode());
    assertEquals(403, dan.get("/person/" + key("per.present")).statusCode());
    assertEquals(403, dan.get("/api/people").statusCode());
    assertEquals(403, dan.get("/console").statusCode());
    // A change for someone else, with dan's own valid token: refused, and nothing written.
    HttpResponse<String> set = dan.post("/api/absence", dan.csrf, "person", key("per.present"),
        "until", LocalDate.now(ItStaff.ZONE).plusDays(1).toString(), "reason", "semester");
    assertEquals(403, set.statusCode(), set.body());
    assertEquals(403, dan.post("/api/absence/clear", dan.csrf, "person", key("anna.away"))
        .statusCode());
    try (AmiClient ami = pbx.connect()) {
      assertEquals(Optional.empty(), ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201"));
    }
  }

  @Test
  void aChangeWithoutTheCsrfTokenIsRefused() throws IOException {
    Client op = Client.login("op");
    String until = LocalDate.now(ItStaff.ZONE).plusDays(1).toString();
    assertEquals(403, op.post("/api/absence", null, "person", key("per.present"),
        "until", until, "reason", "semester").statusCode());
    assertEquals(403, op.post("/api/absence", "not-the-token", "person", key("per.present"),
        "until", until, "reason", "semester").statusCode());
    try (AmiClient ami = pbx.connect()) {
      assertEquals(Optional.empty(), ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201"));
    }
    // The same request with the session's token goes through: the token was the difference.
    assertEquals(200, op.post("/api/absence", op.csrf, "person", key("per.present"),
        "until", until, "reason", "semester").statusCode());
    try (AmiClient ami = pbx.connect()) {
      assertTrue(ami.dbGet(ItStaff.OVERRIDE_FAMILY, "2201").isPresent());
    }
  }

  @Test
  void theAmiSecretAndThePasswordHashesReachNoPageAndNoLog() throws IOException {
    String secret = pbx.sandbox().secret();
    String hashes = Files.readString(accounts, StandardCharsets.UTF_8);
    assertTrue(hashes.contains("$argon2id$"), "the accounts file has changed shape: " + hashes);
    Client op = Client.login("op");
    Client dan = Client.login("dan");
    List<String> seen = List.of(op.get("/console").body(), op.get("/api/people").body(),
        op.get("/person/" + key("dan.tomorrow")).body(),
        dan.get("/person/" + key("dan.tomorrow")).body(), serve.log(),
        Files.exists(dir.resolve("audit.jsonl"))
            ? Files.readString(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8) : "");
    for (String text : seen) {
      assertFalse(text.contains(secret), "the AMI secret is shown or logged");
      assertFalse(text.contains("$argon2"), "a password hash is shown or logged");
      assertFalse(text.contains(PASSWORD), "a password is shown or logged");
    }
  }

  // ---- helpers -------------------------------------------------------------------------------

  static void login(Browser browser, String user) {
    browser.open(serve.url("/login"));
    browser.find(By.id("login-user")).sendKeys(user);
    browser.find(By.id("login-password")).sendKeys(PASSWORD);
    browser.find(By.id("login-submit")).click();
    // Argon2id is slow by design, and slower on a busy machine: a generous wait.
    try {
      browser.await(Duration.ofSeconds(30), d -> !d.getCurrentUrl().endsWith("/login"));
    } catch (org.openqa.selenium.TimeoutException e) {
      browser.screenshot("login-failed-" + user);
      throw new AssertionError("login as " + user + " stayed on " + browser.driver()
          .getCurrentUrl() + ":\n" + browser.find(By.tagName("body")).getText() + "\n"
          + serve.log(), e);
    }
  }

  static void awaitRow(Browser browser, String id) {
    browser.await(Duration.ofSeconds(10),
        d -> !d.findElements(By.cssSelector(row(id))).isEmpty());
  }

  static Object js(Browser browser, String script, Object... args) {
    return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
  }

  static String words(String text) {
    return String.join(" ", text.strip().split("\\s+"));
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A logged-in session without a browser: its cookie, and the CSRF token of its pages. */
  static final class Client {
    final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String csrf;

    static Client login(String user) throws IOException {
      Client c = new Client();
      HttpResponse<String> r = c.send(HttpRequest.newBuilder(URI.create(serve.url("/login")))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form("user", user, "password", PASSWORD))));
      assertEquals(303, r.statusCode(), "login as " + user + ": " + r.body());
      String location = r.headers().firstValue("Location").orElseThrow();
      HttpResponse<String> page = c.get(location);
      if (page.statusCode() == 303) {
        page = c.get(page.headers().firstValue("Location").orElseThrow());
      }
      Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
      assertTrue(m.find(), page.body());
      c.csrf = m.group(1);
      return c;
    }

    HttpResponse<String> get(String path) throws IOException {
      String url = path.startsWith("http") ? path : serve.url(path.startsWith("/") ? path : "/" + path);
      return send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")
          .GET());
    }

    HttpResponse<String> post(String path, String token, String... fields) throws IOException {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(serve.url(path)))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(form(fields)));
      if (token != null) {
        b.header("X-CSRF-Token", token);
      }
      return send(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws IOException {
      try {
        return http.send(b.timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
  }

  static String form(String... kv) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < kv.length; i += 2) {
      parts.add(URLEncoder.encode(kv[i], StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
    }
    return String.join("&", parts);
  }
}
