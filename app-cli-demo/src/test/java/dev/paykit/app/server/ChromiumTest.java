package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The browser tests skip where Chromium is missing, saying so, and fail on CI instead. */
class ChromiumTest {
  private static final Path MISSING = Path.of("/nonexistent/chromium");
  private static final Path PRESENT = Path.of("/bin/sh");

  @Test
  void without_chromium_the_browser_tests_are_skipped_saying_how_to_install_it() {
    assertThatThrownBy(() -> Chromium.requireInstalled(Map.of(), MISSING, PRESENT))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("/nonexistent/chromium")
        .hasMessageContaining("skipping the browser tests")
        .hasMessageContaining("apt-get install chromium chromium-driver");
  }

  @Test
  void without_chromium_on_ci_the_browser_tests_fail() {
    assertThatThrownBy(() -> Chromium.requireInstalled(Map.of("CI", "true"), PRESENT, MISSING))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CI=true, so the browser tests must run");
  }

  @Test
  void with_the_browser_and_its_driver_installed_the_tests_run() {
    assertThatCode(() -> Chromium.requireInstalled(Map.of("CI", "true"), PRESENT, PRESENT))
        .doesNotThrowAnyException();
  }
}
