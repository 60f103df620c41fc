package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * The browser harness itself, against a page of the JDK's own HTTP server: Debian's Chromium
 * starts headless with the size asked for, runs the page's script, receives Server-Sent Events
 * without a reload, and writes a screenshot. When one of the vaxel serve tests fails, this one
 * says whether the browser or the server is to blame.
 */
class BrowserIT {
  private static final String PAGE = """
      <!doctype html><html><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1"><title>harness</title>
      </head><body><p id="state">waiting</p><script>
      new EventSource('/events').onmessage = e => {
        document.getElementById('state').textContent = e.data; };
      </script></body></html>
      """;

  static HttpServer server;
  static final BlockingQueue<String> events = new LinkedBlockingQueue<>();

  @BeforeAll
  static void serve() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      // The page without its script for the other tests: an EventSource of theirs would wait
      // on the queue too and take the event meant for the SSE test.
      String page = ex.getRequestURI().getPath().equals("/live") ? PAGE
          : PAGE.replaceAll("(?s)<script>.*</script>", "");
      byte[] body = page.getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    server.createContext("/events", ex -> {
      ex.getResponseHeaders().set("Content-Type", "text/event-stream");
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(": open\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        String data = events.poll(30, TimeUnit.SECONDS);
        if (data != null) {
          out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
          out.flush();
          Thread.sleep(2000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop(0);
  }

  static String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
  }

  @Test
  void aServerSentEventChangesThePageWithoutAReload() {
    try (Browser browser = Browser.start(Browser.DESKTOP)) {
      browser.open(url() + "live");
      assertEquals("waiting", browser.find(By.id("state")).getText());
      ((JavascriptExecutor) browser.driver()).executeScript("window.notReloaded = true");
      events.add("Anna Borta är på semester");
      browser.await(Duration.ofSeconds(5),
          d -> d.findElement(By.id("state")).getText().equals("Anna Borta är på semester"));
      assertEquals(Boolean.TRUE,
          ((JavascriptExecutor) browser.driver()).executeScript("return window.notReloaded"));
    }
  }

  @Test
  void thePageHasTheWidthAskedForAndTheScreenshotIsAPng() throws IOException {
    for (var size : java.util.List.of(Browser.DESKTOP, Browser.PHONE)) {
      try (Browser browser = Browser.start(size)) {
        browser.open(url());
        long width = (Long) ((JavascriptExecutor) browser.driver())
            .executeScript("return window.innerWidth");
        assertEquals(size.width, width, "viewport width");
        Path png = browser.screenshot("harness-" + size.width);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 8);
        assertEquals("\u0089PNG", new String(head, 0, 4, StandardCharsets.ISO_8859_1));
        assertTrue(Files.size(png) > 1000, png + " is too small to show a page");
      }
    }
  }
}
