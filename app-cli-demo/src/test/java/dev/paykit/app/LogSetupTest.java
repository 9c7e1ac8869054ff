package dev.paykit.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {
  @TempDir Path dir;

  @Test
  void lines_carry_their_key_values_and_never_a_credential() throws Exception {
    Path file = dir.resolve("run.log");
    LogSetup.configure(file, null);
    Logger log = LoggerFactory.getLogger("dev.paykit.events");

    log.atInfo().setMessage("payment.created").addKeyValue("paymentId", "pay_1").log();
    log.info("sent Authorization: Bearer eyJhbGciOi.secret-token and Basic dXNlcjpwdw==");
    log.info("secret whsec_c2VjcmV0 in a url ?password=hunter2&user=app");
    log.info("headers\n  Authorization: Bearer [redacted]\n  Accept: application/json");

    String written = Files.readString(file);
    assertThat(written).contains("payment.created paymentId=\"pay_1\"");
    assertThat(written)
        .doesNotContain("secret-token")
        .doesNotContain("dXNlcjpwdw==")
        .doesNotContain("c2VjcmV0")
        .doesNotContain("hunter2")
        .contains("Bearer [redacted]")
        .contains("password=[redacted]&user=app")
        .contains("  Authorization: Bearer [redacted]\n  Accept: application/json");
  }

  @Test
  void the_http_adapters_exchanges_are_in_the_file_at_debug() throws Exception {
    Path file = dir.resolve("run.log");
    LogSetup.configure(file, null);

    LoggerFactory.getLogger("dev.paykit.adapter.http.HttpProviderGateway")
        .debug("attempt 1 answered 201");
    LoggerFactory.getLogger("com.zaxxer.hikari.pool").debug("pool chatter");

    assertThat(Files.readString(file))
        .contains("attempt 1 answered 201")
        .doesNotContain("pool chatter");
  }
}
