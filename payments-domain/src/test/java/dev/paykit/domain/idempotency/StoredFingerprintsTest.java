package dev.paykit.domain.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fingerprints and derived keys are stored, and a stored one is compared with one computed by a
 * later version: each value below was computed by the implementation that built a new UTF-8 encoder
 * per part and looked the digest up on every call, so any change in how they are computed that
 * changes a value fails here.
 */
class StoredFingerprintsTest {

  private static final ReturnUrls URLS =
      ReturnUrls.of("https://shop.example/pay/return", "https://shop.example/pay/cancel");

  static Stream<Arguments> requests() {
    return Stream.of(
        pinned(
            "the empty request",
            () -> fields(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        pinned(
            "an ASCII request",
            () -> fields("externalId", "order-8812", "amount", "1050"),
            "37ee87cc430fedebb94861762a662aa6f2dbeab70b7f8a14f61d14b87b9b1279"),
        pinned(
            "separators inside values",
            () -> fields("a", "b;1:c", "c", "", "d.e", "5!x?"),
            "1319f8f82a36be5c8efd3590dc9bbc828acdcb2652bc090048335db05535d3a7"),
        pinned(
            "accented and CJK text",
            () -> fields("description", "Zwei Konzertkarten für Köln", "note", "チケット二枚"),
            "17bda2b4d0549b0c9ccc9676304f434b965f8f904c11516f1b044ae9eb101b53"),
        pinned(
            "a surrogate pair",
            () -> fields("description", "\uD83C\uDF9F tickets"),
            "5d12728d1777d7ca005432fb0de6db5010616ed956c6530dbf06fdbf782b94db"),
        pinned(
            "a lone low surrogate",
            () -> fields("description", "tickets \uDC00"),
            "5060e031c814bded78b3f826e45134b5ca19e269d83c96708fc77fc1c12ed6e3"),
        pinned(
            "a question mark where the surrogate was",
            () -> fields("description", "tickets ?"),
            "8c7b2b84062f97f4c2aa9df682aa788246af7bc661fbb9f31ba1717f15dcec76"),
        pinned(
            "a lone high surrogate at the end",
            () -> fields("description", "tickets \uD83C"),
            "e7cff85ecb0f6e3bf95562169bda9cf98c58c0ba66ba0ed5c52b4b2f4edc7b4a"),
        pinned(
            "a pair in the wrong order beside well-formed fields",
            () -> fields("description", "\uDF9F\uD83C", "externalId", "order-8812"),
            "649c099332247806129e07b55bee4c4e7df57740b9909d8df4d3a90a068bd178"),
        pinned(
            "a lone surrogate in a field name",
            () -> fields("metadata.\uD800", "value"),
            "4786ed56a166ff5214ef1ad17603e7b3d503a24c6cf47cdb3f4b8f9f265aa65b"),
        pinned(
            "a null value, which is absent",
            () -> withNull("externalId", "order-8812", "description"),
            "048b5ec61ace5bf5f940dd738cc4c67e3788bd21e153abb8d7e774b27ed4f88c"),
        pinned(
            "the fixture payment request",
            () ->
                new PaymentRequest(
                        new ExternalId("order-8812"),
                        Money.of(1050, "EUR"),
                        "Two concert tickets",
                        Metadata.of(Map.of("cartId", "c-19", "channel", "web")),
                        URLS,
                        Duration.ofSeconds(900))
                    .fingerprint()
                    .sha256Hex(),
            "fca5e2ec475c0a5a05e5033b5d5f493054af5069013500c79fa47209a00d070e"),
        pinned(
            "a payment request with empty metadata and no description",
            () ->
                new PaymentRequest(
                        new ExternalId("order-1"),
                        Money.of(500, "JPY"),
                        null,
                        Metadata.empty(),
                        URLS,
                        null)
                    .fingerprint()
                    .sha256Hex(),
            "8aa7e111e19322d3209396836913a7005ff2b7efce1b12ce27989e4f1a4cfd91"),
        pinned(
            "a payment request with non-ASCII text and a lone surrogate",
            () ->
                new PaymentRequest(
                        new ExternalId("zamówienie-17"),
                        Money.of(123456, "HUF"),
                        "Két jegy \uD83C\uDF9F \uDC00",
                        Metadata.of(
                            Map.of("város", "Győr", "emoji", "\uD83D\uDE00", "lone", "\uD800")),
                        URLS,
                        Duration.ofHours(24))
                    .fingerprint()
                    .sha256Hex(),
            "ecdcdaf704b01e4b5298fa83924174c6d659e90a5fc427c9fb7a85fd82b307e3"),
        pinned(
            "a derived key from ASCII parts",
            () -> IdempotencyKey.derive("user-7", "order-8812", "attempt-1").value(),
            "pk_9bc3b53f0e17c420ae800d6788cbfdce79defa0ce0a7764c782bb7c6c0bc27fa"),
        pinned(
            "a derived key from non-ASCII parts and a lone surrogate",
            () -> IdempotencyKey.derive("användare-7", "注文-8812", "\uDBFF", "\uD83D\uDE00").value(),
            "pk_393aceeba4994795e3770e7ec34670157ee522e1bd283242a3377ada901b1e56"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("requests")
  void a_fingerprint_or_derived_key_stays_what_earlier_versions_stored(
      String request, Supplier<String> computed, String stored) {
    assertThat(computed.get()).as(request).isEqualTo(stored);
  }

  private static Arguments pinned(String request, Supplier<String> computed, String stored) {
    return Arguments.of(request, computed, stored);
  }

  private static String fields(String... namesAndValues) {
    Map<String, String> fields = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      fields.put(namesAndValues[i], namesAndValues[i + 1]);
    }
    return RequestFingerprint.of(fields).sha256Hex();
  }

  private static String withNull(String name, String value, String absent) {
    Map<String, String> fields = new HashMap<>();
    fields.put(name, value);
    fields.put(absent, null);
    return RequestFingerprint.of(fields).sha256Hex();
  }
}
