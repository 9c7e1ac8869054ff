package dev.paykit.adapter.stripe;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.paykit.adapter.stripe.StripeJson.Dispute;
import dev.paykit.adapter.stripe.StripeJson.Intent;
import dev.paykit.adapter.stripe.StripeJson.Page;
import dev.paykit.adapter.stripe.StripeJson.Refund;
import dev.paykit.domain.ValidationException;
import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.EvidenceDocument;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.TransactionId;
import dev.paykit.domain.refund.ProviderRefund;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.ProviderFacts;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderPaymentPage;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.port.shared.ProviderError;
import dev.paykit.transport.Credentials;
import dev.paykit.transport.Outcome;
import dev.paykit.transport.ProviderExchange;
import dev.paykit.transport.ProviderRequest;
import dev.paykit.transport.RetryAdvice;
import dev.paykit.transport.RetryAdvice.Decision;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.Function;

/**
 * Stripe's PaymentIntents, Refunds, Disputes and Files behind {@link ProviderGateway}, composed of
 * the transport toolkit. Amounts go as they are (Stripe's are in minor units too), the order in
 * {@code metadata[paykit_external_id]}, the caller's idempotency key as {@code Idempotency-Key} on
 * every attempt of a {@code POST}.
 *
 * <p>{@code Stripe-Should-Retry} is honoured both ways. A 429 or a 409 ran before Stripe's
 * idempotency layer acted, so giving up on one is {@code Unavailable}; a 5xx's outcome is unknown
 * by Stripe's own account, as is a timeout's, so it is {@code Unknown}.
 */
public final class StripeGateway implements ProviderGateway {
  /** Stripe keeps a key's answer for 24 hours; an hour less leaves room for clocks that differ. */
  private static final ProviderFacts FACTS = new ProviderFacts(Duration.ofHours(23));

  private static final Set<String> REFUND_REASONS =
      Set.of("duplicate", "fraudulent", "requested_by_customer");
  private static final RetryAdvice ACTED_OR_NOT =
      (answer, byDefault) ->
          !byDefault.retries()
              ? byDefault
              : answer.status() >= 500
                  ? Decision.RETRY_MAY_HAVE_ACTED
                  : answer.status() == 409 ? Decision.RETRY_NOT_ACTED : byDefault;

  private final ProviderExchange api;
  private final ProviderExchange files;
  private final URI paymentPage;
  private final PaykitObserver observer;
  private final Clock clock;

  public StripeGateway(StripeSettings settings, PaykitObserver observer, Clock clock) {
    this.api = exchange(settings, settings.baseUri(), observer, clock);
    this.files = exchange(settings, settings.filesUri(), observer, clock);
    this.paymentPage = settings.paymentPage();
    this.observer = observer;
    this.clock = clock;
  }

  private static ProviderExchange exchange(
      StripeSettings settings, URI base, PaykitObserver observer, Clock clock) {
    return ProviderExchange.builder(ProviderExchange.httpClient(base, settings.timeout()), base)
        .credentials(Credentials.bearer(settings.apiKey()))
        .timeout(settings.timeout())
        .retryPolicy(settings.retryPolicy())
        .retryAdvice(RetryAdvice.header("Stripe-Should-Retry").andThen(ACTED_OR_NOT))
        .errorCode(StripeJson::code)
        .header("Stripe-Version", "2024-06-20")
        .header("User-Agent", "paykit-adapter-stripe")
        .observer(observer)
        .clock(clock)
        .build();
  }

  @Override
  public ProviderFacts facts() {
    return FACTS;
  }

  @Override
  public ProviderResult<ProviderPayment> createPayment(PaymentRequest request, IdempotencyKey key) {
    if (!(request.charging() instanceof Charging.Checkout)) {
      return refused("charging", "saved methods and off-session charges are not supported yet");
    }
    if (request.metadata().entries().containsKey(StripeJson.EXTERNAL_ID)) {
      return refused("metadata." + StripeJson.EXTERNAL_ID, "the key is Paykit's own");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("amount", Long.toString(request.amount().minorUnits()));
    form.put("currency", request.amount().currencyCode().toLowerCase(Locale.ROOT));
    request.descriptionText().ifPresent(text -> form.put("description", text));
    form.put("return_url", request.returnUrls().successUrl().toString());
    request.metadata().entries().forEach((k, v) -> form.put("metadata[" + k + "]", v));
    form.put("metadata[" + StripeJson.EXTERNAL_ID + "]", request.externalId().value());
    return run(api, post("createPayment", "/v1/payment_intents", form, key), this::payment);
  }

  @Override
  public ProviderResult<ProviderPayment> getPayment(TransactionId transactionId) {
    String path = "/v1/payment_intents/" + ProviderRequest.encode(transactionId.value());
    return run(api, ProviderRequest.get("getPayment", path), this::payment);
  }

  /** Stripe's search finds an intent up to a minute after it was made: for reconciliation. */
  @Override
  public ProviderResult<ProviderPaymentPage> findPayments(
      ExternalId externalId, String cursor, int limit) {
    String order = externalId.value().replace("\\", "\\\\").replace("'", "\\'");
    String query = "metadata['" + StripeJson.EXTERNAL_ID + "']:'" + order + "'";
    String path =
        "/v1/payment_intents/search?query="
            + ProviderRequest.encode(query)
            + "&limit="
            + limit
            + (cursor == null ? "" : "&page=" + ProviderRequest.encode(cursor));
    return run(api, ProviderRequest.get("findPayments", path), this::page);
  }

  @Override
  public ProviderResult<ProviderRefund> createRefund(
      TransactionId transactionId, Money amount, String reason, IdempotencyKey key) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("payment_intent", transactionId.value());
    form.put("amount", Long.toString(amount.minorUnits()));
    if (reason != null) {
      // Stripe takes three reasons of its own; any other is kept beside the refund.
      form.put(REFUND_REASONS.contains(reason) ? "reason" : "metadata[reason]", reason);
    }
    return run(api, post("createRefund", "/v1/refunds", form, key), StripeGateway::refund);
  }

  @Override
  public ProviderResult<ProviderRefund> getRefund(String providerRefundId) {
    String path = "/v1/refunds/" + ProviderRequest.encode(providerRefundId);
    return run(api, ProviderRequest.get("getRefund", path), StripeGateway::refund);
  }

  @Override
  public ProviderResult<ProviderDispute> getDispute(DisputeId disputeId) {
    String path = "/v1/disputes/" + ProviderRequest.encode(disputeId.value());
    return run(api, ProviderRequest.get("getDispute", path), StripeGateway::dispute);
  }

  /** The text, and the document uploaded to the Files API first; Stripe takes one such file. */
  @Override
  public ProviderResult<ProviderDispute> submitEvidence(
      DisputeId disputeId, Evidence evidence, IdempotencyKey key) {
    if (evidence.documents().size() > 1) {
      return refused("documents", "Stripe takes one uncategorized file: combine the documents");
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("evidence[uncategorized_text]", evidence.text());
    for (EvidenceDocument document : evidence.documents()) {
      ProviderRequest upload = upload(document, IdempotencyKey.derive(key.value(), "file"));
      ProviderResult<String> file =
          run(files, upload, body -> StripeJson.read(body, StripeJson.File.class).id());
      if (file instanceof ProviderResult.Rejected<String> refusal) {
        return new ProviderResult.Rejected<>(refusal.error(), refusal.requestId());
      }
      if (!(file instanceof ProviderResult.Success<String> uploaded)) {
        return new ProviderResult.Unavailable<>("evidence not sent, its document was not: " + file);
      }
      form.put("evidence[uncategorized_file]", uploaded.value());
    }
    form.put("submit", "true");
    String path = "/v1/disputes/" + ProviderRequest.encode(disputeId.value());
    return run(api, post("submitEvidence", path, form, key), StripeGateway::dispute);
  }

  private ProviderPayment payment(byte[] body) {
    return StripeJson.read(body, Intent.class).toPayment(paymentPage);
  }

  private ProviderPaymentPage page(byte[] body) {
    Page page = StripeJson.read(body, Page.class);
    return new ProviderPaymentPage(
        page.data().stream().map(intent -> intent.toPayment(paymentPage)).toList(),
        page.hasMore() ? page.nextPage() : null);
  }

  private static ProviderRefund refund(byte[] body) {
    return StripeJson.read(body, Refund.class).toRefund();
  }

  private static ProviderDispute dispute(byte[] body) {
    return StripeJson.read(body, Dispute.class).toDispute();
  }

  private static ProviderRequest post(
      String operation, String path, Map<String, String> form, IdempotencyKey key) {
    StringJoiner body = new StringJoiner("&");
    form.forEach((k, v) -> body.add(ProviderRequest.encode(k) + "=" + ProviderRequest.encode(v)));
    return ProviderRequest.post(
            operation, path, ProviderRequest.FORM, body.toString().getBytes(UTF_8))
        .withIdempotencyKey(key.value());
  }

  /**
   * A {@code dispute_evidence} file, as multipart, with a key of its own derived from the
   * evidence's: sent again, it is the same file, and so the same evidence request.
   */
  private static ProviderRequest upload(EvidenceDocument document, IdempotencyKey key) {
    String boundary = "paykit-" + UUID.randomUUID();
    String name = document.name().replaceAll("[\"\\\\\\r\\n]", "_");
    String head =
        """
        --%1$s\r
        Content-Disposition: form-data; name="purpose"\r
        \r
        dispute_evidence\r
        --%1$s\r
        Content-Disposition: form-data; name="file"; filename="%2$s"\r
        Content-Type: application/octet-stream\r
        \r
        """
            .formatted(boundary, name);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(head.getBytes(UTF_8));
    body.writeBytes(document.content());
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
    String type = "multipart/form-data; boundary=" + boundary;
    return ProviderRequest.post("uploadFile", "/v1/files", type, body.toByteArray())
        .withIdempotencyKey(key.value());
  }

  /** The outcome in Paykit's terms; a 2xx body that cannot be read is an unknown outcome. */
  private <T> ProviderResult<T> run(
      ProviderExchange exchange, ProviderRequest request, Function<byte[], T> reader) {
    Outcome outcome = exchange.run(request);
    if (outcome instanceof Outcome.Answered answer && answer.successful()) {
      boolean replayed = answer.header("Idempotent-Replayed").map("true"::equals).orElse(false);
      try {
        return new ProviderResult.Success<>(
            reader.apply(answer.body()), answer.requestId(), replayed);
      } catch (RuntimeException e) {
        String why =
            e instanceof ValidationException v
                ? v.field() + " " + v.rule()
                : e.getClass().getName();
        return new ProviderResult.Unknown<>(request + ": answered but unreadable (" + why + ")");
      }
    }
    if (outcome instanceof Outcome.Answered answer) {
      ProviderError error = StripeJson.error(answer.status(), answer.body());
      report(request, answer.status(), error.code(), answer.requestId());
      String what = request + ": answered " + answer.status() + " " + error.code();
      return answer.status() == 429
          ? new ProviderResult.Unavailable<>(what)
          : answer.status() >= 500
              ? new ProviderResult.Unknown<>(what + "; Stripe may have acted")
              : new ProviderResult.Rejected<>(error, answer.requestId());
    }
    if (outcome instanceof Outcome.NotActed failed) {
      report(request, failed.status(), failed.code(), failed.requestId());
      return new ProviderResult.Unavailable<>(request + ": " + failed.detail());
    }
    if (outcome instanceof Outcome.MayHaveActed failed) {
      report(request, failed.status(), failed.code(), failed.requestId());
      return new ProviderResult.Unknown<>(request + ": " + failed.detail() + "; may have acted");
    }
    throw new IllegalStateException("a static API key is never refused before sending");
  }

  private void report(ProviderRequest request, int status, String code, String requestId) {
    observer.on(
        new PaykitEvent.ProviderFailure(
            clock.instant(), request.operation(), status, code, requestId));
  }

  private static <T> ProviderResult<T> refused(String field, String message) {
    return new ProviderResult.Rejected<>(
        new ProviderError(ProviderError.Kind.VALIDATION, "not_supported", message, field, null),
        null);
  }
}
