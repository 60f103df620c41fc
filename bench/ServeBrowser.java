// ServeBrowser: the switchboard console's search, measured inside a real browser, for
// bench/serve-browser.sh (issue 11: "50,000 people stay instant").
//
// Usage (the JDK's source launcher; the classpath must hold Selenium, as the script gives it):
//   java -cp SELENIUM bench/ServeBrowser.java BASE_URL USER PASSWORD [REPEATS] [QUERY...]
//
// One headless Debian Chromium (the switches of src/test/java/se/vaxel/testing/Browser.java,
// plus --enable-precise-memory-info so performance.memory is not rounded). It logs in as the
// operator through the login form, as a person does, and measures:
//  - login to list: from the click on "log in" to the console's first drawn list (#people has
//    its rows and #count its data-total), wall clock here; and, inside the page, the console
//    page's performance.now() at that moment (0 = the console's navigation started), taken by
//    a MutationObserver installed before the page's own script (CDP, so the page's CSP does not
//    apply to it).
//  - each query, REPEATS times: the search box is emptied (the full list drawn again, not
//    measured), then the query is put in and one input event dispatched, as the last
//    keystroke of typing it does (console.js filters from scratch at every keystroke).
//    "handler": performance.now() around dispatchEvent (console.js draws synchronously in its
//    input handler). "frame": from before dispatchEvent until a task posted from the next
//    requestAnimationFrame runs, i.e. after that frame's style, layout and paint: the time
//    until the narrowed list is on the screen.
//  - real typing: WebDriver types TYPED into the empty search box key by key (Chromium's own
//    trusted key and input events, as fast as the driver sends them); for each input event,
//    from the event's timeStamp to the end of console.js's handler ("handler") and to a task
//    after the next frame ("frame"). A listener on window, in the bubble phase, runs after the
//    console's own on the search box. Typed twice: as fast as the driver sends keys, and one
//    sendKeys per key with a pause of HUMAN_GAP_MS after each (a quick typist; the gap between
//    keystrokes is printed). Also printed: the forced style and layout after each
//    typed keystroke's handler, and the median time between keystrokes (the driver types far
//    faster than a person, so keystrokes queue up behind each other's drawing and the frame).
//  - the page's JS heap (performance.memory.usedJSHeapSize) after a forced GC, with the
//    list loaded and at the end.
// Prints one line per figure; the script adds the run's label.

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

public class ServeBrowser {
  static final List<String> DEFAULT_QUERIES =
      List.of("a", "an", "ann", "100123", "enhet 42", "berg", "handläggare", "xyz");

  /** Records when #people first gets rows; runs before console.js on every new document. */
  static final String OBSERVER = """
      window.__vaxelListAt = null;
      document.addEventListener('DOMContentLoaded', () => {
        const list = document.getElementById('people');
        if (!list) { return; }
        new MutationObserver((m, o) => {
          if (list.children.length > 0) { window.__vaxelListAt = performance.now(); o.disconnect(); }
        }).observe(list, { childList: true });
      });
      """;

  /** One measured input event; arguments: query, callback (executeAsyncScript). */
  static final String MEASURE = """
      const q = arguments[0], done = arguments[arguments.length - 1];
      const s = document.getElementById('search');
      s.value = '';
      s.dispatchEvent(new Event('input'));
      // Let the full list reach the screen before the measured keystroke.
      requestAnimationFrame(() => setTimeout(() => {
        s.value = q;
        const t0 = performance.now();
        s.dispatchEvent(new Event('input'));
        const t1 = performance.now();
        requestAnimationFrame(() => setTimeout(() => {
          const t2 = performance.now();
          done([t1 - t0, t2 - t0, Number(document.getElementById('count').dataset.total),
                document.querySelectorAll('#people > li.person').length]);
        }, 0));
      }, 0));
      """;

  static final String TYPED = "anna berg";

  static final String TYPED_LISTENER = """
      window.__typed = [];
      window.addEventListener('input', (ev) => {
        if (ev.target.id !== 'search' || !ev.isTrusted) { return; }
        const t0 = ev.timeStamp, t1 = performance.now();
        document.body.offsetHeight; // style and layout now, to see what they cost
        const t2 = performance.now();
        requestAnimationFrame(() => setTimeout(() =>
          window.__typed.push([t1 - t0, performance.now() - t0, t2 - t1, t0]), 0));
      });
      """;

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: ServeBrowser BASE_URL USER PASSWORD [REPEATS] [QUERY...]");
      System.exit(2);
    }
    String base = args[0].replaceAll("/$", "");
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 15;
    List<String> queries = args.length > 4
        ? Arrays.asList(args).subList(4, args.length) : DEFAULT_QUERIES;

    Path profile = Files.createTempDirectory("vaxel-bench-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(env("VAXEL_CHROMIUM", "/usr/bin/chromium"));
    options.addArguments("--window-size=1280,800", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--lang=sv",
        "--enable-precise-memory-info", "--user-data-dir=" + profile);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(env("VAXEL_CHROMEDRIVER", "/usr/bin/chromedriver")))
        .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", OBSERVER));
      JavascriptExecutor js = driver;

      driver.get(base + "/login");
      driver.findElement(By.id("login-user")).sendKeys(args[1]);
      driver.findElement(By.id("login-password")).sendKeys(args[2]);
      long start = System.nanoTime();
      driver.findElement(By.id("login-submit")).click();
      new WebDriverWait(driver, Duration.ofSeconds(120), Duration.ofMillis(10)).until(d ->
          js.executeScript("const c = document.getElementById('count');"
              + " return !!(c && c.dataset.total && window.__vaxelListAt != null);"));
      long loginMs = (System.nanoTime() - start) / 1_000_000;
      Object inPage = js.executeScript("return window.__vaxelListAt;");
      Object total = js.executeScript("return document.getElementById('count').dataset.total;");
      System.out.printf("login to list: %d ms (click to drawn list); in page: %.0f ms after the"
          + " console's navigation started; %s people in the list%n",
          loginMs, ((Number) inPage).doubleValue(), total);
      System.out.printf("JS heap after GC, list loaded: %.1f MiB%n", heap(driver));

      System.out.printf("%-14s %7s %9s %9s %9s %9s%n", "query", "matches",
          "handler", "(max)", "frame", "(max)");
      for (String q : queries) {
        js.executeAsyncScript(MEASURE, q); // a warm-up, not counted
        List<Double> handler = new ArrayList<>();
        List<Double> frame = new ArrayList<>();
        long matches = -1;
        for (int i = 0; i < repeats; i++) {
          @SuppressWarnings("unchecked")
          List<Object> r = (List<Object>) js.executeAsyncScript(MEASURE, q);
          handler.add(((Number) r.get(0)).doubleValue());
          frame.add(((Number) r.get(1)).doubleValue());
          matches = ((Number) r.get(2)).longValue();
          long rows = ((Number) r.get(3)).longValue();
          if (rows != Math.min(matches, 100)) {
            throw new IllegalStateException("query '" + q + "': " + rows + " rows for "
                + matches + " matches");
          }
        }
        System.out.printf("%-14s %7d %6.1f ms %6.1f ms %6.1f ms %6.1f ms%n", "'" + q + "'",
            matches, median(handler), Collections.max(handler), median(frame),
            Collections.max(frame));
      }
      js.executeScript(TYPED_LISTENER);
      typed(driver, repeats, 0);
      typed(driver, repeats, HUMAN_GAP_MS);
      System.out.printf("JS heap after GC, at the end: %.1f MiB%n", heap(driver));
    } finally {
      driver.quit();
      service.stop();
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A quick typist: about 12 keys a second (a fast touch typist's 100+ words a minute). */
  static final int HUMAN_GAP_MS = 80;

  static void typed(ChromeDriver driver, int repeats, int gapMs) throws InterruptedException {
    JavascriptExecutor js = driver;
      List<Double> typedHandler = new ArrayList<>();
      List<Double> typedFrame = new ArrayList<>();
      List<Double> typedLayout = new ArrayList<>();
      List<Double> typedGap = new ArrayList<>();
      for (int i = 0; i < repeats; i++) {
        js.executeScript("const s = document.getElementById('search'); s.value = '';"
            + " s.dispatchEvent(new Event('input')); window.__typed = []; s.focus();");
        if (gapMs == 0) {
          driver.findElement(By.id("search")).sendKeys(TYPED);
        } else {
          for (char c : TYPED.toCharArray()) {
            driver.findElement(By.id("search")).sendKeys(String.valueOf(c));
            Thread.sleep(gapMs);
          }
        }
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(10)).until(d ->
            ((Number) js.executeScript("return window.__typed.length;")).intValue()
                >= TYPED.length());
        @SuppressWarnings("unchecked")
        List<List<Number>> typed = (List<List<Number>>) js.executeScript("return window.__typed;");
        for (int k = 1; k < typed.size(); k++) {
          typedGap.add(typed.get(k).get(3).doubleValue() - typed.get(k - 1).get(3).doubleValue());
        }
        for (List<Number> t : typed) {
          typedHandler.add(t.get(0).doubleValue());
          typedFrame.add(t.get(1).doubleValue());
          typedLayout.add(t.get(2).doubleValue());
        }
      }
      System.out.printf("%-14s %7s %6.1f ms %6.1f ms %6.1f ms %6.1f ms   (%d keystrokes, typed %s)%n",
          "'" + TYPED + "'", js.executeScript("return document.getElementById('count').dataset.total;"),
          median(typedHandler), Collections.max(typedHandler), median(typedFrame),
          Collections.max(typedFrame), typedHandler.size(),
          gapMs == 0 ? "as fast as the driver can" : "one sendKeys per key, " + gapMs + " ms pause after each");
      System.out.printf("%-14s %7s %6.1f ms %6.1f ms   (style and layout of the typed keystrokes;"
          + " %.1f ms between keystrokes, median)%n",
          "", "", median(typedLayout), Collections.max(typedLayout), median(typedGap));
  }

  static double heap(ChromeDriver driver) {
    driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
    Number used = (Number) driver.executeScript("return performance.memory.usedJSHeapSize;");
    return used.doubleValue() / 1048576;
  }

  static double median(List<Double> xs) {
    List<Double> s = new ArrayList<>(xs);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }

  static String env(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }
}
