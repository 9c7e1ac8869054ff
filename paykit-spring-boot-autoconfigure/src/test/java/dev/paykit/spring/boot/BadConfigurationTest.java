package dev.paykit.spring.boot;

import static dev.paykit.spring.boot.PaykitAutoConfigurationTest.CLIENT_SECRET;
import static dev.paykit.spring.boot.PaykitAutoConfigurationTest.WEBHOOK_SECRET;
import static dev.paykit.spring.boot.PaykitAutoConfigurationTest.threads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A bad {@code paykit.*} value stops a real Spring Boot application at start-up: Spring Boot's
 * failure report names the property and quotes no secret, and no worker thread is left running.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTest {

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("paykit.provider.url", "http://provider.example", "must use https://"),
        Arguments.of("paykit.provider.url", "https://user:pw@provider.example", "user information"),
        Arguments.of("paykit.provider.url", "", "is required"),
        Arguments.of("paykit.provider.client.id", "", "is required"),
        Arguments.of("paykit.provider.client.secret", "", "is required"),
        Arguments.of("paykit.webhooks.secrets", "whsec_not*base64!", "whsec_ followed by base64"),
        Arguments.of(
            "paykit.webhooks.secrets", WEBHOOK_SECRET + ",nope-" + CLIENT_SECRET, "2 of 2"),
        Arguments.of("paykit.webhooks.secrets", "", "is required"),
        Arguments.of("paykit.provider.connect-timeout", "-1s", "positive duration"),
        Arguments.of("paykit.provider.request-timeout", "0s", "positive duration"),
        Arguments.of("paykit.provider.retry.max-attempts", "0", "at least 1"),
        Arguments.of("paykit.workers.inbox.threads", "0", "between 1 and 64"),
        Arguments.of("paykit.workers.outbox.idle-wait", "-5ms", "positive"),
        Arguments.of("paykit.workers.reconciler.interval", "0s", "positive"),
        Arguments.of("paykit.webhooks.path", "webhooks", "starting with /"),
        Arguments.of("paykit.amount-limits.XXY.min", "10", "ISO 4217"),
        Arguments.of("paykit.store.schema", "Bad-Schema", "lower-case"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badValues")
  void the_start_fails_naming_the_property(
      String property, String value, String rule, CapturedOutput output) {
    List<String> args = new ArrayList<>(good());
    args.removeIf(arg -> arg.startsWith("--" + property + "="));
    args.add("--" + property + "=" + value);
    if (property.startsWith("paykit.store.schema")) {
      args.add("--spring.datasource.url=jdbc:h2:mem:bad;DB_CLOSE_DELAY=-1");
      args.remove("--paykit.store.type=memory");
    }
    // Relative: another test class's cached context may run workers of its own in this JVM.
    long threadsBefore = threads("paykit-");
    SpringApplication application = new SpringApplication(App.class);
    application.setWebApplicationType(WebApplicationType.NONE);

    assertThatThrownBy(() -> application.run(args.toArray(String[]::new)))
        .hasStackTraceContaining(named(property));

    assertThat(output.getOut() + output.getErr())
        .contains("APPLICATION FAILED TO START")
        .contains("Paykit's setting " + named(property))
        .contains(rule)
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()))
        .doesNotContain("user:pw");
    assertThat(threads("paykit-")).isEqualTo(threadsBefore);
  }

  /** A limit is named by its currency: both its min and max are checked together. */
  private static String named(String property) {
    return property.replaceFirst("\\.min$", "");
  }

  private static List<String> good() {
    return List.of(
        "--paykit.store.type=memory",
        "--paykit.provider.url=https://provider.example",
        "--paykit.provider.client.id=shop",
        "--paykit.provider.client.secret=" + CLIENT_SECRET,
        "--paykit.webhooks.secrets=" + WEBHOOK_SECRET);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class App {}
}
