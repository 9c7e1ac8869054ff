package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ReturnUrlsTest {

  @Test
  void keeps_both_urls() {
    ReturnUrls urls = ReturnUrls.of("https://shop.example/ok", "http://localhost:8080/cancel");

    assertThat(urls.successUrl()).isEqualTo(URI.create("https://shop.example/ok"));
    assertThat(urls.cancelUrl()).isEqualTo(URI.create("http://localhost:8080/cancel"));
  }

  @Test
  void names_the_success_url_when_it_is_insecure() {
    assertRejected(
        () -> ReturnUrls.of("http://shop.example/ok", "https://shop.example/cancel"),
        "successUrl",
        "insecure_url");
  }

  @Test
  void names_the_cancel_url_when_it_is_insecure() {
    assertRejected(
        () -> ReturnUrls.of("https://shop.example/ok", "http://shop.example/cancel"),
        "cancelUrl",
        "insecure_url");
  }

  @Test
  void checks_uris_given_to_the_constructor_too() {
    assertRejected(
        () -> new ReturnUrls(URI.create("https://shop.example/ok"), URI.create("/cancel")),
        "cancelUrl",
        "invalid_url");
    assertRejected(
        () -> new ReturnUrls(null, URI.create("https://shop.example/cancel")),
        "successUrl",
        "required");
  }

  @Test
  void refuses_credentials_in_either_url_without_echoing_them() {
    var success =
        assertRejected(
            () -> ReturnUrls.of("https://u:pw-0xdead@shop.example/ok", "https://shop.example/c"),
            "successUrl",
            "credentials_in_url");
    var cancel =
        assertRejected(
            () ->
                new ReturnUrls(
                    URI.create("https://shop.example/ok"),
                    URI.create("https://u:pw-0xdead@shop.example/c")),
            "cancelUrl",
            "credentials_in_url");
    assertThat(success.getMessage() + cancel.getMessage()).doesNotContain("pw-0xdead");
  }
}
