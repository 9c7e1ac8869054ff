package dev.paykit.domain.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.domain.ValidationException;
import java.net.URI;
import org.junit.jupiter.api.Test;

class ReturnUrlsPlaceholderTest {
  private static final PaymentId ID = new PaymentId("pay_0123abcd");

  @Test
  void every_placeholder_in_both_urls_is_replaced_by_the_payment_id() {
    ReturnUrls template =
        ReturnUrls.of(
            "https://shop.example/return/PAYKIT_PAYMENT_ID?payment=PAYKIT_PAYMENT_ID&outcome=ok",
            "https://shop.example/return?payment=PAYKIT_PAYMENT_ID#PAYKIT_PAYMENT_ID");

    ReturnUrls sent = template.forPayment(ID);

    assertThat(sent.successUrl())
        .isEqualTo(
            URI.create("https://shop.example/return/pay_0123abcd?payment=pay_0123abcd&outcome=ok"));
    assertThat(sent.cancelUrl())
        .isEqualTo(URI.create("https://shop.example/return?payment=pay_0123abcd#pay_0123abcd"));
    assertThat(sent.successUrl().getQuery()).isEqualTo("payment=pay_0123abcd&outcome=ok");
  }

  @Test
  void urls_without_the_placeholder_are_sent_as_they_are() {
    ReturnUrls plain = ReturnUrls.of("https://shop.example/ok?order=7", "https://shop.example/no");

    assertThat(plain.forPayment(ID)).isEqualTo(plain);
  }

  @Test
  void urls_without_the_placeholder_are_not_parsed_again_for_each_payment() {
    ReturnUrls plain = ReturnUrls.of("https://shop.example/ok?order=7", "https://shop.example/no");

    assertThat(plain.forPayment(ID)).isSameAs(plain);
  }

  @Test
  void an_id_with_characters_a_url_reserves_is_percent_encoded() {
    ReturnUrls template =
        ReturnUrls.of(
            "https://shop.example/r/PAYKIT_PAYMENT_ID?p=PAYKIT_PAYMENT_ID",
            "https://shop.example/c");

    ReturnUrls sent = template.forPayment(new PaymentId("pay 1&x=2/#~%"));

    assertThat(sent.successUrl().getRawPath()).isEqualTo("/r/pay%201%26x%3D2%2F%23~%25");
    assertThat(sent.successUrl().getPath()).isEqualTo("/r/pay 1&x=2/#~%");
    assertThat(sent.successUrl().getRawQuery()).isEqualTo("p=pay%201%26x%3D2%2F%23~%25");
  }

  @Test
  void the_placeholder_cannot_stand_in_the_host() {
    assertThatThrownBy(
            () ->
                ReturnUrls.of(
                    "https://PAYKIT_PAYMENT_ID.shop.example/ok", "https://shop.example/c"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("successUrl"));
  }

  @Test
  void the_payment_id_is_required() {
    ReturnUrls urls = ReturnUrls.of("https://shop.example/ok", "https://shop.example/c");

    assertThatThrownBy(() -> urls.forPayment(null))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.field()).isEqualTo("paymentId"));
  }
}
