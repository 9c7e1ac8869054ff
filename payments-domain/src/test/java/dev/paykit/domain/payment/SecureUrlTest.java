package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SecureUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop.example/pay/return",
        "https://shop.example:8443/pay/return?order=8812#top",
        "HTTPS://SHOP.EXAMPLE/",
        "https://203.0.113.7/return"
      })
  void accepts_https(String url) {
    assertThat(SecureUrl.require("successUrl", url)).isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost/return",
        "http://localhost:8080/return",
        "http://LOCALHOST:8080/return",
        "http://127.0.0.1:8080/return",
        "http://127.1.2.3/return",
        "http://[::1]:8080/return",
        "HTTP://localhost/return"
      })
  void accepts_http_to_a_loopback_host(String url) {
    assertThat(SecureUrl.require("successUrl", url)).isEqualTo(URI.create(url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://shop.example/return",
        "http://localhost.evil.example/return",
        "http://127.0.0.1.evil.example/return",
        "http://localhost@evil.example/return",
        "http://10.0.0.1/return",
        "http://128.0.0.1/return",
        "ftp://shop.example/return",
        "ws://localhost/return"
      })
  void rejects_anything_else_as_insecure(String url) {
    var e = assertRejected(() -> SecureUrl.require("cancelUrl", url), "cancelUrl", "insecure_url");
    assertThat(e.getMessage()).contains("https://");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/pay/return", "shop.example/return", "https:///return", "mailto:a@shop.example"})
  void rejects_a_url_without_scheme_or_host(String url) {
    assertRejected(() -> SecureUrl.require("successUrl", url), "successUrl", "invalid_url");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://shop example/return",
        "https://shop.example/a b",
        "https://[x",
        // An IPv4 part of an IPv6 address that overflows an int: the JDK's parser throws a
        // NumberFormatException for these rather than a URISyntaxException.
        "https://[::1.2.3.99999999999]/",
        "https://[1:2:3:4:5:6:1.2.3.99999999999]/return"
      })
  void rejects_what_is_not_a_url(String url) {
    var e = assertRejected(() -> SecureUrl.require("successUrl", url), "successUrl", "invalid_url");
    assertThat(e.getMessage()).contains("not a valid URL");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://alice:s3cr3t-pa55@shop.example/return",
        "https://s3cr3t-pa55@shop.example/return",
        "https://:s3cr3t-pa55@shop.example/return",
        "http://alice:s3cr3t-pa55@localhost:8080/return",
        "https://alice%3As3cr3t-pa55@shop.example/return"
      })
  void refuses_credentials_in_a_url_without_ever_echoing_them(String url) {
    var e =
        assertRejected(
            () -> SecureUrl.require("successUrl", url), "successUrl", "credentials_in_url");
    assertThat(e.getMessage()).doesNotContain("s3cr3t-pa55").doesNotContain("alice");
  }

  @Test
  void refuses_credentials_in_a_uri_given_as_such() {
    URI uri = URI.create("https://user:s3cr3t-pa55@shop.example/return");

    var e =
        assertRejected(
            () -> SecureUrl.require("webhookUrl", uri), "webhookUrl", "credentials_in_url");
    assertThat(e.getMessage()).doesNotContain("s3cr3t-pa55");
  }

  @ParameterizedTest(name = "port {0} accepted: {1}")
  @CsvSource({"0, false", "1, true", "65535, true", "65536, false", "99999, false"})
  void accepts_a_port_only_from_1_to_65535(int port, boolean accepted) {
    String url = "https://shop.example:" + port + "/return";

    if (accepted) {
      assertThat(SecureUrl.require("successUrl", url).getPort()).isEqualTo(port);
    } else {
      assertRejected(() -> SecureUrl.require("successUrl", url), "successUrl", "invalid_port");
    }
  }

  @ParameterizedTest
  @NullAndEmptySource
  void rejects_a_missing_url(String url) {
    assertRejected(() -> SecureUrl.require("successUrl", url), "successUrl", "required");
  }

  @Test
  void rejects_a_missing_uri() {
    assertRejected(() -> SecureUrl.require("successUrl", (URI) null), "successUrl", "required");
  }

  @Test
  void rejects_a_url_longer_than_2048_characters() {
    String url = "https://shop.example/" + "a".repeat(2048);
    assertRejected(() -> SecureUrl.require("successUrl", url), "successUrl", "too_long");
  }

  @Test
  void rejects_control_characters() {
    assertRejected(
        () -> SecureUrl.require("successUrl", "https://shop.example/\r\nx"),
        "successUrl",
        "control_character");
  }

  @Test
  void applies_the_same_rule_to_a_uri() {
    assertRejected(
        () -> SecureUrl.require("webhookUrl", URI.create("http://shop.example/hook")),
        "webhookUrl",
        "insecure_url");
    assertThat(SecureUrl.require("webhookUrl", URI.create("http://localhost/hook")))
        .isEqualTo(URI.create("http://localhost/hook"));
  }

  @ParameterizedTest(name = "{0} loopback={1}")
  @CsvSource({
    "localhost, true",
    "LocalHost, true",
    "127.0.0.1, true",
    "127.255.255.254, true",
    "[::1], true",
    "::1, true",
    "localhost.example, false",
    "127.0.0.1.example, false",
    "128.0.0.1, false",
    "0.0.0.0, false",
    "shop.example, false"
  })
  void recognises_loopback_hosts(String host, boolean loopback) {
    assertThat(SecureUrl.isLoopback(host)).isEqualTo(loopback);
  }
}
