package dev.paykit.app.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium from the system's packages ({@code apt-get install chromium chromium-driver}),
 * driven by Selenium through the system's chromedriver. Both paths are given, so Selenium Manager
 * never looks anything up or downloads anything; the browser is started without any of its own
 * network traffic (this machine has no outside network) and with a fresh profile.
 */
final class Chromium {
  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  /** An iPhone SE's screen, the narrowest the shop's pages are made for. */
  static final int WIDTH = 375;

  static final int HEIGHT = 667;
  static final double PIXEL_RATIO = 2.0;

  private Chromium() {}

  /**
   * Returns if the browser and its driver are installed. Otherwise the calling tests are skipped,
   * saying why; with {@code CI=true} they fail instead: CI must never pass by skipping.
   */
  static void requireInstalled(Map<String, String> env, Path browser, Path driver) {
    List<Path> missing =
        List.of(browser, driver).stream().filter(p -> !Files.isExecutable(p)).toList();
    if (missing.isEmpty()) {
      return;
    }
    String problem = "Chromium is not installed: no " + missing;
    if ("true".equalsIgnoreCase(env.get("CI"))) {
      throw new IllegalStateException(
          problem
              + "; CI=true, so the browser tests must run: apt-get install chromium"
              + " chromium-driver");
    }
    String skipped =
        problem
            + ", skipping the browser tests (apt-get install chromium chromium-driver; they run"
            + " for real in CI)";
    // Surefire counts a skip but shows no reason: the build's output says it here.
    System.err.println(skipped);
    Assumptions.abort(skipped);
  }

  /**
   * A headless browser with its own profile in {@code profile}, showing pages as a phone {@value
   * #WIDTH} CSS pixels wide does, and keeping the console's messages for {@code
   * driver.manage().logs()}.
   *
   * @param javascript false for a browser with JavaScript switched off
   */
  static ChromeDriver start(Path profile, boolean javascript) {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    // Headless windows are at least 500 px wide; the emulated screen is what a phone shows.
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of(
            "deviceMetrics",
            Map.of("width", WIDTH, "height", HEIGHT, "pixelRatio", PIXEL_RATIO, "touch", false)));
    if (!javascript) {
      options.setExperimentalOption(
          "prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(DRIVER.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver
        .manage()
        .timeouts()
        .pageLoadTimeout(Duration.ofSeconds(30))
        .scriptTimeout(Duration.ofSeconds(10));
    return driver;
  }
}
