package se.vaxel.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, driven as a person uses it, for the browser tests of {@code vaxel
 * serve}.
 *
 * <p>Debian's {@code chromium} and {@code chromium-driver} (paths fixed, overridable with
 * {@code VAXEL_CHROMIUM} and {@code VAXEL_CHROMEDRIVER}): giving Selenium the driver's path
 * keeps its Selenium Manager from looking for, or downloading, a driver or a browser. Each
 * browser has a fresh profile directory, deleted on close, so no test sees another's cookies.
 * The switches keep Chromium from talking to anything but the server under test.
 *
 * <p>Where the browser cannot start, a developer's run skips the test with the reason on
 * stderr; with {@code CI=true} it fails instead, as {@link Sandbox} does for the PBX: a skipped
 * browser test proves nothing.
 */
public final class Browser implements AutoCloseable {
  /** A desktop window, the switchboard's screen. */
  public static final Dimension DESKTOP = new Dimension(1280, 800);
  /** A phone's viewport in CSS pixels (an iPhone 12 to 15). */
  public static final Dimension PHONE = new Dimension(390, 844);

  private static final int MIN_WINDOW_WIDTH = 500;

  static final String CHROMIUM = env("VAXEL_CHROMIUM", "/usr/bin/chromium");
  static final String CHROMEDRIVER = env("VAXEL_CHROMEDRIVER", "/usr/bin/chromedriver");

  private final ChromeDriver driver;
  private final ChromeDriverService service;
  private final Path profile;

  private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
    this.driver = driver;
    this.service = service;
    this.profile = profile;
  }

  /** A headless Chromium whose page is {@code size} (CSS pixels), language {@code sv}. */
  public static Browser start(Dimension size) {
    Path profile = null;
    ChromeDriverService service = null;
    try {
      profile = Files.createTempDirectory("vaxel-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM);
      options.addArguments(arguments(profile, size));
      if (size.width < MIN_WINDOW_WIDTH) {
        // Chromium's windows are at least 500 px wide, headless too: narrower is a phone,
        // emulated as one (its viewport, touch, and the page's meta viewport honoured).
        options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
            "width", size.width, "height", size.height, "pixelRatio", 1.0, "mobile", true,
            "touch", true)));
      }
      service = new ChromeDriverService.Builder()
          .usingDriverExecutable(new File(CHROMEDRIVER))
          .usingAnyFreePort()
          .withLogOutput(java.io.OutputStream.nullOutputStream())
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver, service, profile);
    } catch (RuntimeException | IOException e) {
      if (service != null) {
        service.stop();
      }
      deleteQuietly(profile);
      String why = "Chromium (" + CHROMIUM + ") with chromedriver (" + CHROMEDRIVER
          + ") did not start: " + e.getMessage()
          + "\n(apt-get install chromium chromium-driver)";
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true and the browser is not available: " + why, e);
      }
      System.err.println("SKIPPED: browser tests: " + why);
      Assumptions.abort("the browser is not available: " + why);
      throw new AssertionError("unreachable");
    }
  }

  /** The command line: headless, and nothing that reaches out beyond the page under test. */
  static List<String> arguments(Path profile, Dimension size) {
    // Headless Chromium has no toolbars: the window is the page's viewport, so a screenshot at
    // 390 px is what a phone of that width shows.
    return List.of("--window-size=" + Math.max(size.width, MIN_WINDOW_WIDTH) + "," + size.height,
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-dev-shm-usage", "--lang=sv",
        "--user-data-dir=" + profile);
  }

  public WebDriver driver() {
    return driver;
  }

  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  /**
   * Waits up to {@code within} for {@code condition} to give something other than null/false.
   * An element that went stale is asked again: the console re-renders its rows on every live
   * change, so an element found a moment ago may have been replaced by the next event.
   */
  public <T> T await(Duration within, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, within, Duration.ofMillis(20))
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * The page as it is now, as target/screenshots/NAME.png (the whole page, not only the
   * viewport, where Chromium can), for a person to look at.
   */
  public Path screenshot(String name) {
    try {
      Path dir = Files.createDirectories(screenshots());
      Path file = dir.resolve(name + ".png");
      Path tmp = driver.getScreenshotAs(OutputType.FILE).toPath();
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path screenshots() {
    return Sandbox.projectDir().resolve("target/screenshots");
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A profile left in /tmp is harmless; the test's result is what matters.
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
