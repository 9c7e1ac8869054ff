package dev.paykit.domain.payment;

import static dev.paykit.domain.ValidationAssert.assertRejected;
import static dev.paykit.domain.payment.PaymentFixtures.AMOUNT;
import static dev.paykit.domain.payment.PaymentFixtures.ORDER;
import static dev.paykit.domain.payment.PaymentFixtures.URLS;
import static dev.paykit.domain.payment.PaymentFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.money.AmountLimits;
import dev.paykit.domain.money.Money;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PaymentRequestTest {

  private static PaymentRequest withExpiry(Duration expiresIn) {
    return new PaymentRequest(ORDER, AMOUNT, null, null, URLS, expiresIn);
  }

  @Test
  void defaults_to_no_description_empty_metadata_and_fifteen_minutes() {
    PaymentRequest request = new PaymentRequest(ORDER, AMOUNT, null, null, URLS, null);

    assertThat(request.descriptionText()).isEmpty();
    assertThat(request.metadata()).isEqualTo(Metadata.empty());
    assertThat(request.expiresIn()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void requires_an_external_id() {
    assertRejected(
        () -> new PaymentRequest(null, AMOUNT, null, null, URLS, null), "externalId", "required");
  }

  @Test
  void requires_an_amount() {
    assertRejected(
        () -> new PaymentRequest(ORDER, null, null, null, URLS, null), "amount", "required");
  }

  @Test
  void requires_return_urls() {
    assertRejected(
        () -> new PaymentRequest(ORDER, AMOUNT, null, null, null, null), "returnUrls", "required");
  }

  @Test
  void accepts_a_description_of_up_to_255_characters() {
    PaymentRequest request = new PaymentRequest(ORDER, AMOUNT, "d".repeat(255), null, URLS, null);
    assertThat(request.descriptionText()).contains("d".repeat(255));
    assertThat(new PaymentRequest(ORDER, AMOUNT, "", null, URLS, null).descriptionText())
        .contains("");
  }

  @Test
  void rejects_a_description_of_256_characters() {
    var e =
        assertRejected(
            () -> new PaymentRequest(ORDER, AMOUNT, "d".repeat(256), null, URLS, null),
            "description",
            "too_long");
    assertThat(e.getMessage()).contains("at most 255");
  }

  @Test
  void rejects_a_description_with_a_control_character() {
    assertRejected(
        () -> new PaymentRequest(ORDER, AMOUNT, "two\ntickets", null, URLS, null),
        "description",
        "control_character");
  }

  @ParameterizedTest
  @ValueSource(longs = {60, 900, 86_400})
  void accepts_an_expiry_from_one_minute_to_one_day(long seconds) {
    assertThat(withExpiry(Duration.ofSeconds(seconds)).expiresIn())
        .isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(longs = {-60, 0, 59, 86_401})
  void rejects_an_expiry_outside_one_minute_to_one_day(long seconds) {
    var e =
        assertRejected(
            () -> withExpiry(Duration.ofSeconds(seconds)), "expiresInSeconds", "out_of_range");
    assertThat(e.getMessage()).contains("between 60 and 86400").contains("was " + seconds);
  }

  @Test
  void checks_the_amount_against_the_configured_limits() {
    PaymentRequest small = new PaymentRequest(ORDER, Money.of(10, "EUR"), null, null, URLS, null);

    var e =
        assertRejected(
            () -> small.withinLimits(AmountLimits.defaults()), "amount.value", "below_minimum");
    assertThat(e.getMessage()).contains("0.50 EUR");
    assertThat(request().withinLimits(AmountLimits.defaults())).isEqualTo(request());
  }

  @Test
  void has_the_same_fingerprint_for_the_same_request() {
    assertThat(request().fingerprint()).isEqualTo(request().fingerprint());
  }

  @Test
  void metadata_order_does_not_change_the_fingerprint() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");

    assertThat(change(r -> withMetadata(r, ab)).fingerprint())
        .isEqualTo(change(r -> withMetadata(r, ba)).fingerprint());
  }

  @Test
  void a_default_expiry_fingerprints_like_an_explicit_fifteen_minutes() {
    assertThat(new PaymentRequest(ORDER, AMOUNT, null, null, URLS, null).fingerprint())
        .isEqualTo(withExpiry(Duration.ofMinutes(15)).fingerprint());
  }

  @Test
  void an_absent_description_fingerprints_differently_from_an_empty_one() {
    assertThat(withDescription(request(), null).fingerprint())
        .isNotEqualTo(withDescription(request(), "").fingerprint());
  }

  static Stream<Arguments> changes() {
    return Stream.of(
        Arguments.of("externalId", op(r -> copy(r, new ExternalId("order-8813"), null, null))),
        Arguments.of("amount.value", op(r -> copy(r, null, Money.of(1051, "EUR"), null))),
        Arguments.of("amount.currency", op(r -> copy(r, null, Money.of(1050, "USD"), null))),
        Arguments.of("description", op(r -> copy(r, null, null, "One concert ticket"))),
        Arguments.of("description absent", op(r -> withDescription(r, null))),
        Arguments.of("description empty", op(r -> withDescription(r, ""))),
        Arguments.of(
            "metadata value", op(r -> withMetadata(r, Map.of("cartId", "c-20", "channel", "web")))),
        Arguments.of(
            "metadata key", op(r -> withMetadata(r, Map.of("cartID", "c-19", "channel", "web")))),
        Arguments.of("metadata removed", op(r -> withMetadata(r, Map.of("cartId", "c-19")))),
        Arguments.of(
            "successUrl",
            op(
                r ->
                    withUrls(
                        r,
                        ReturnUrls.of(
                            "https://shop.example/pay/return2",
                            "https://shop.example/pay/cancel")))),
        Arguments.of(
            "cancelUrl",
            op(
                r ->
                    withUrls(
                        r,
                        ReturnUrls.of(
                            "https://shop.example/pay/return",
                            "https://shop.example/pay/cancel2")))),
        Arguments.of(
            "urls swapped",
            op(
                r ->
                    withUrls(
                        r,
                        ReturnUrls.of(
                            "https://shop.example/pay/cancel",
                            "https://shop.example/pay/return")))),
        Arguments.of("expiresInSeconds", op(r -> withExpiry(r, Duration.ofSeconds(901)))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("changes")
  void any_changed_field_changes_the_fingerprint(String field, UnaryOperator<PaymentRequest> edit) {
    PaymentRequest changed = edit.apply(request());

    assertThat(changed).isNotEqualTo(request());
    assertThat(changed.fingerprint()).isNotEqualTo(request().fingerprint());
  }

  private static UnaryOperator<PaymentRequest> op(UnaryOperator<PaymentRequest> op) {
    return op;
  }

  private static PaymentRequest change(UnaryOperator<PaymentRequest> edit) {
    return edit.apply(request());
  }

  private static PaymentRequest copy(
      PaymentRequest r, ExternalId externalId, Money amount, String description) {
    return new PaymentRequest(
        externalId != null ? externalId : r.externalId(),
        amount != null ? amount : r.amount(),
        description != null ? description : r.description(),
        r.metadata(),
        r.returnUrls(),
        r.expiresIn());
  }

  private static PaymentRequest withDescription(PaymentRequest r, String description) {
    return new PaymentRequest(
        r.externalId(), r.amount(), description, r.metadata(), r.returnUrls(), r.expiresIn());
  }

  private static PaymentRequest withMetadata(PaymentRequest r, Map<String, String> metadata) {
    return new PaymentRequest(
        r.externalId(),
        r.amount(),
        r.description(),
        Metadata.of(metadata),
        r.returnUrls(),
        r.expiresIn());
  }

  private static PaymentRequest withUrls(PaymentRequest r, ReturnUrls urls) {
    return new PaymentRequest(
        r.externalId(), r.amount(), r.description(), r.metadata(), urls, r.expiresIn());
  }

  private static PaymentRequest withExpiry(PaymentRequest r, Duration expiresIn) {
    return new PaymentRequest(
        r.externalId(), r.amount(), r.description(), r.metadata(), r.returnUrls(), expiresIn);
  }
}
