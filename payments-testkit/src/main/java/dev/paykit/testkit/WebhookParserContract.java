package dev.paykit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Metadata;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.domain.refund.RefundState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.domain.webhook.WebhookEvent;
import dev.paykit.port.out.MalformedWebhookException;
import dev.paykit.port.out.WebhookParser;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The executable contract of {@link WebhookParser}, for any provider's event format. Extend it and
 * implement:
 *
 * <ul>
 *   <li>{@link #parser()}: the parser under test.
 *   <li>{@link #publishedEvents()}: example bodies from the provider's documentation, with the
 *       event each must read as.
 *   <li>{@link #body(WebhookEvent)}: the body the provider sends for an event, written with your
 *       test's own JSON (or whatever the format is), so that the contract can try every status; for
 *       a {@link WebhookEvent.Unmodelled} it is an event of that type.
 *   <li>{@link #requiredFields} and {@link #bodyWithout}: the fields without which a body is not an
 *       event, named as the parser names them in its errors, and the body without one of them.
 * </ul>
 *
 * <p>The suite checks each modelled kind ({@code PaymentStatusChanged} in every status, {@code
 * RefundStatusChanged} in every state; {@link #modelledEvents()} may leave out what the provider
 * cannot say), that an unknown type is {@link WebhookEvent.Unmodelled} and not a refusal, and that
 * malformed bodies (missing fields, not UTF-8, not the format, cut short) are a {@link
 * MalformedWebhookException} that names the field and never quotes the body. The events compared
 * are what Paykit acts on: the ids, the time, the status, the failure, the amount and the order.
 */
public abstract class WebhookParserContract {

  /** Marks every value of the contract's events: an error message that shows it quotes the body. */
  private static final String CANARY = "canary";

  private static final Instant AT = Instant.parse("2026-03-02T10:15:30Z");

  private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

  /**
   * One example body from the provider's documentation.
   *
   * @param name which example, for the failure message
   * @param body the raw body, byte for byte
   * @param expected the event it must read as
   */
  public record PublishedEvent(String name, byte[] body, WebhookEvent expected) {
    public PublishedEvent {
      Objects.requireNonNull(name, "name");
      body = body.clone();
      Objects.requireNonNull(expected, "expected");
    }

    @Override
    public byte[] body() {
      return body.clone();
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** The parser under test. */
  protected abstract WebhookParser parser();

  /** The provider's published examples; at least one. */
  protected abstract List<PublishedEvent> publishedEvents();

  /** The body the provider sends for {@code event}, UTF-8. */
  protected abstract byte[] body(WebhookEvent event);

  /**
   * The fields of {@link #body(WebhookEvent)} without which it is no event, by the names the
   * parser's errors use (for the reference API: {@code id}, {@code type}, {@code
   * data.amount.value}, ...).
   */
  protected abstract List<String> requiredFields(WebhookEvent event);

  /** {@link #body(WebhookEvent)} with {@code field} (one of {@link #requiredFields}) left out. */
  protected abstract byte[] bodyWithout(WebhookEvent event, String field);

  /**
   * The events the contract writes with {@link #body} and reads back: a payment event in each
   * status (declined for each decline reason, cancelled by the customer) and a refund event in each
   * state. Override to leave out what the provider has no way to say.
   */
  protected List<WebhookEvent> modelledEvents() {
    return List.of(
        paymentEvent("started", ProviderStatus.STARTED, null),
        paymentEvent("in-progress", ProviderStatus.IN_PROGRESS, null),
        paymentEvent("confirmed", ProviderStatus.CONFIRMED, null),
        paymentEvent("expired", ProviderStatus.EXPIRED, null),
        paymentEvent(
            "declined", ProviderStatus.DECLINED, Failure.declined(DeclineCode.INSUFFICIENT_FUNDS)),
        paymentEvent(
            "customer-cancelled",
            ProviderStatus.CANCELLED,
            Failure.of(FailureReason.CUSTOMER_CANCELLED)),
        paymentEvent(
            "fraud-suspected", ProviderStatus.DECLINED, Failure.of(FailureReason.FRAUD_SUSPECTED)),
        refundEvent("pending", RefundState.PENDING),
        refundEvent("succeeded", RefundState.SUCCEEDED),
        refundEvent("failed", RefundState.FAILED));
  }

  // What the provider says, read as it means it

  @Test
  void every_published_event_is_read_as_published() {
    assertThat(publishedEvents()).as("published events").isNotEmpty();
    for (PublishedEvent published : publishedEvents()) {
      assertSameEvent(parser().parse(published.body()), published.expected(), published.name());
    }
  }

  @Test
  void every_modelled_event_is_read_back_as_it_was_written() {
    List<WebhookEvent> events = modelledEvents();
    assertThat(events).as("modelled events").isNotEmpty();
    for (WebhookEvent event : events) {
      assertSameEvent(parser().parse(body(event)), event, describe(event));
    }
  }

  @Test
  void both_modelled_kinds_are_covered() {
    assertThat(modelledEvents())
        .as("modelled events")
        .anyMatch(WebhookEvent.PaymentStatusChanged.class::isInstance)
        .anyMatch(WebhookEvent.RefundStatusChanged.class::isInstance);
  }

  @Test
  void an_event_of_a_type_paykit_does_not_model_is_unmodelled_not_refused() {
    WebhookEvent.Unmodelled unknown =
        new WebhookEvent.Unmodelled(eventId("unknown"), AT, "contract.not_modelled");

    WebhookEvent read = parser().parse(body(unknown));

    assertThat(read).isInstanceOf(WebhookEvent.Unmodelled.class);
    assertThat(read.id()).isEqualTo(unknown.id());
    assertThat(((WebhookEvent.Unmodelled) read).type()).isEqualTo("contract.not_modelled");
  }

  // What is not an event: refused by field, never quoted

  @Test
  void a_modelled_event_without_a_required_field_is_refused_naming_the_field() {
    for (WebhookEvent event :
        List.of(
            firstOf(WebhookEvent.PaymentStatusChanged.class),
            firstOf(WebhookEvent.RefundStatusChanged.class))) {
      List<String> fields = requiredFields(event);
      assertThat(fields).as("required fields of " + describe(event)).isNotEmpty();
      for (String field : fields) {
        MalformedWebhookException e =
            refused(bodyWithout(event, field), describe(event) + " without " + field);

        assertThat(e.reason()).as(field).isEqualTo(MalformedWebhookException.Reason.INVALID_EVENT);
        assertThat(e.getMessage()).as("the error without " + field).contains(field);
      }
    }
  }

  @Test
  void an_unmodelled_event_without_a_required_field_is_refused_naming_the_field() {
    WebhookEvent.Unmodelled unknown =
        new WebhookEvent.Unmodelled(eventId("unknown-missing"), AT, "contract.not_modelled");

    for (String field : requiredFields(unknown)) {
      MalformedWebhookException e =
          refused(bodyWithout(unknown, field), "unmodelled without " + field);

      assertThat(e.getMessage()).as("the error without " + field).contains(field);
    }
  }

  @Test
  void a_body_that_is_not_the_providers_format_is_refused_as_unparseable() {
    for (byte[] body :
        List.of(
            utf8("not an event, " + CANARY + " " + run),
            utf8("{\"id\": \"evt_" + CANARY + "\", "),
            new byte[0])) {
      MalformedWebhookException e = refused(body, "not the format");

      assertThat(e.reason()).isEqualTo(MalformedWebhookException.Reason.NOT_PARSEABLE);
    }
  }

  @Test
  void a_body_cut_short_is_refused() {
    byte[] body = body(firstOf(WebhookEvent.PaymentStatusChanged.class));

    for (int length : new int[] {1, body.length / 2, body.length - 1}) {
      refused(Arrays.copyOf(body, length), "cut to " + length + " bytes");
    }
  }

  @Test
  void a_body_in_utf16_or_with_a_byte_order_mark_is_refused_as_not_utf8() {
    String text =
        new String(body(firstOf(WebhookEvent.PaymentStatusChanged.class)), StandardCharsets.UTF_8);
    ByteArrayOutputStream withBom = new ByteArrayOutputStream();
    withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    withBom.writeBytes(utf8(text));

    Map<String, byte[]> bodies =
        Map.of(
            "UTF-16", text.getBytes(StandardCharsets.UTF_16),
            "UTF-16LE", text.getBytes(StandardCharsets.UTF_16LE),
            "UTF-8 with a byte order mark", withBom.toByteArray());
    bodies.forEach(
        (what, body) ->
            assertThat(refused(body, what).reason())
                .as(what)
                .isEqualTo(MalformedWebhookException.Reason.NOT_UTF8));
  }

  @Test
  void a_malformed_utf8_sequence_inside_a_value_is_refused_as_not_utf8() {
    byte[] body = body(firstOf(WebhookEvent.PaymentStatusChanged.class));
    int at = indexOf(body, utf8(CANARY));
    assertThat(at).as("the body carries the event's values").isNotNegative();
    byte[] broken = body.clone();
    // 0xC3 starts a two-byte sequence; '(' cannot continue it.
    broken[at] = (byte) 0xC3;
    broken[at + 1] = '(';

    assertThat(refused(broken, "a malformed sequence").reason())
        .isEqualTo(MalformedWebhookException.Reason.NOT_UTF8);
  }

  /** The contract's events; ids and values carry a marker that no error message may show. */
  protected final WebhookEvent.PaymentStatusChanged paymentEvent(
      String name, ProviderStatus status, Failure failure) {
    TransactionId tx = new TransactionId("tx_" + CANARY + "_" + run + "_" + key(name));
    ProviderPayment payment =
        new ProviderPayment(
            tx,
            status,
            Money.of(1050, "EUR"),
            new ExternalId("order-" + CANARY + "-" + run + "-" + name),
            Metadata.of(Map.of("note", CANARY + "-" + run)),
            URI.create("https://provider.example/checkout/" + tx.value()),
            failure,
            AT.minusSeconds(60),
            AT,
            AT.plusSeconds(900));
    return new WebhookEvent.PaymentStatusChanged(eventId(name), AT, payment);
  }

  /** A refund event of the contract, for {@link #modelledEvents()}. */
  protected final WebhookEvent.RefundStatusChanged refundEvent(String name, RefundState state) {
    ProviderRefund refund =
        new ProviderRefund(
            "rf_" + CANARY + "_" + run + "_" + key(name),
            new TransactionId("tx_" + CANARY + "_" + run + "_" + key(name)),
            state,
            Money.of(500, "EUR"),
            AT.minusSeconds(30));
    return new WebhookEvent.RefundStatusChanged(eventId("refund-" + name), AT, refund);
  }

  private EventId eventId(String name) {
    return new EventId("evt_" + CANARY + "_" + run + "_" + key(name));
  }

  private static String key(String name) {
    return name.replace('-', '_');
  }

  private <E extends WebhookEvent> E firstOf(Class<E> kind) {
    return modelledEvents().stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("modelledEvents() has no " + kind.getSimpleName()));
  }

  /** Parses what must be refused; the refusal must not quote a value of the body. */
  private MalformedWebhookException refused(byte[] body, String what) {
    MalformedWebhookException e =
        catchThrowableOfType(() -> parser().parse(body), MalformedWebhookException.class);
    assertThat(e).as(what + ": refused with MalformedWebhookException").isNotNull();
    assertThat(e.getMessage()).as(what + ": the message").doesNotContain(CANARY);
    return e;
  }

  private static void assertSameEvent(WebhookEvent actual, WebhookEvent expected, String what) {
    assertThat(actual).as(what).isInstanceOf(expected.getClass());
    assertThat(actual.id()).as(what + ": id").isEqualTo(expected.id());
    if (expected.createdAt() != null) {
      assertThat(actual.createdAt()).as(what + ": createdAt").isEqualTo(expected.createdAt());
    }
    if (expected instanceof WebhookEvent.PaymentStatusChanged payment) {
      ProviderPayment want = payment.payment();
      ProviderPayment got = ((WebhookEvent.PaymentStatusChanged) actual).payment();
      assertThat(got.transactionId()).as(what + ": transactionId").isEqualTo(want.transactionId());
      assertThat(got.status()).as(what + ": status").isEqualTo(want.status());
      assertThat(got.amount()).as(what + ": amount").isEqualTo(want.amount());
      assertThat(got.externalId()).as(what + ": externalId").isEqualTo(want.externalId());
      assertThat(got.failure() == null ? null : got.failure().reason())
          .as(what + ": failure reason")
          .isEqualTo(want.failure() == null ? null : want.failure().reason());
      assertThat(got.failure() == null ? null : got.failure().declineCode())
          .as(what + ": decline code")
          .isEqualTo(want.failure() == null ? null : want.failure().declineCode());
    } else if (expected instanceof WebhookEvent.RefundStatusChanged refund) {
      ProviderRefund want = refund.refund();
      ProviderRefund got = ((WebhookEvent.RefundStatusChanged) actual).refund();
      assertThat(got.refundId()).as(what + ": refundId").isEqualTo(want.refundId());
      assertThat(got.transactionId()).as(what + ": transactionId").isEqualTo(want.transactionId());
      assertThat(got.status()).as(what + ": status").isEqualTo(want.status());
      assertThat(got.amount()).as(what + ": amount").isEqualTo(want.amount());
    } else {
      assertThat(((WebhookEvent.Unmodelled) actual).type())
          .as(what + ": type")
          .isEqualTo(((WebhookEvent.Unmodelled) expected).type());
    }
  }

  private static String describe(WebhookEvent event) {
    if (event instanceof WebhookEvent.PaymentStatusChanged payment) {
      return "payment "
          + payment.payment().status()
          + " "
          + payment.payment().failureInfo().map(Failure::reason).map(Enum::name).orElse("");
    }
    if (event instanceof WebhookEvent.RefundStatusChanged refund) {
      return "refund " + refund.refund().status();
    }
    return "unmodelled " + ((WebhookEvent.Unmodelled) event).type();
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
