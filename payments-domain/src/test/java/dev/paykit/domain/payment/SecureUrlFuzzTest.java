package dev.paykit.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.paykit.domain.FuzzChecks;
import java.net.URI;
import java.util.Locale;

/**
 * {@link SecureUrl#require} and {@link ReturnUrls#of} on any text: a URL that follows the rule
 * (https, or http to loopback; a host; no user information; a port from 1 to 65535) or a typed
 * error. Seeds: {@code SecureUrlFuzzTestInputs}.
 */
class SecureUrlFuzzTest {

  @FuzzTest
  void gives_a_secure_url_or_a_typed_error(FuzzedDataProvider data) {
    String cancel = data.consumeString(300);
    String success = data.consumeRemainingAsString();

    FuzzChecks.valueOrTypedError(() -> SecureUrl.require("successUrl", success))
        .ifPresent(SecureUrlFuzzTest::assertSecure);
    FuzzChecks.valueOrTypedError(() -> ReturnUrls.of(success, cancel))
        .ifPresent(
            urls -> {
              assertSecure(urls.successUrl());
              assertSecure(urls.cancelUrl());
            });
  }

  private static void assertSecure(URI uri) {
    assertThat(uri.getHost()).isNotNull();
    assertThat(uri.getRawUserInfo()).isNull();
    assertThat(uri.getPort())
        .satisfiesAnyOf(p -> assertThat(p).isEqualTo(-1), p -> assertThat(p).isBetween(1, 65535));
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    assertThat(
            scheme.equals("https") || scheme.equals("http") && SecureUrl.isLoopback(uri.getHost()))
        .as("https, or http to a loopback host: %s", uri)
        .isTrue();
  }
}
