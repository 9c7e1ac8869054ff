package dev.paykit.app.tour.flows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paykit.app.tour.Checks;
import dev.paykit.app.tour.Flow;
import dev.paykit.app.tour.TourContext;
import dev.paykit.app.tour.WebhookSigner;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.domain.webhook.EventId;
import dev.paykit.port.shared.WebhookHeaders;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Someone posts a "confirmed" webhook the provider never sent: rejected and counted. */
public final class ForgedWebhookFlow implements Flow {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String name() {
    return "forged-webhook";
  }

  @Override
  public String title() {
    return "a forged confirmation is rejected";
  }

  @Override
  public String narration() {
    return "An attacker who knows a transaction id posts a 'confirmed' event to the shop's webhook"
        + " URL: once without a signature, once signed with a key of their own. Paykit checks the"
        + " signature over the raw bytes before reading anything, answers 401, counts the"
        + " failure, and the payment does not move.";
  }

  @Override
  public boolean needsSandboxOnlyEndpoints() {
    return false;
  }

  @Override
  public void run(TourContext tour, Checks checks) throws Exception {
    ExternalId order = tour.order(name());
    Payment started = tour.startPayment(order, tour.key(order, "attempt-1"));
    List<HistoryEntry> before = tour.history(started);
    double missingBefore = failures(tour, "MISSING_HEADER");
    double wrongBefore = failures(tour, "NO_MATCHING_SIGNATURE");

    String eventId = "evt_forged_" + UUID.randomUUID().toString().replace("-", "");
    byte[] body = forgedConfirmation(started, eventId);
    int unsigned =
        tour.postWebhook(
            body,
            WebhookHeaders.of(Map.of("content-type", "application/json", "webhook-id", eventId)));
    byte[] attackersKey = new byte[32];
    new SecureRandom().nextBytes(attackersKey);
    int wronglySigned =
        tour.postWebhook(
            body,
            WebhookHeaders.of(
                new WebhookSigner(attackersKey).headers(eventId, tour.clock().instant(), body)));
    tour.say()
        .step(
            "The unsigned post is answered "
                + unsigned
                + "; the one signed with the attacker's key "
                + wronglySigned
                + ".");

    Payment after = tour.reload(started);
    List<HistoryEntry> trail = tour.history(after);
    tour.timeline(after);
    checks.equal("the unsigned post is answered 401", 401, unsigned);
    checks.equal("the wrongly signed post is answered 401", 401, wronglySigned);
    checks.equal(
        "counted: signature missing",
        1L,
        Math.round(failures(tour, "MISSING_HEADER") - missingBefore));
    checks.equal(
        "counted: no matching signature",
        1L,
        Math.round(failures(tour, "NO_MATCHING_SIGNATURE") - wrongBefore));
    checks.that(
        "nothing reached the inbox",
        tour.inbox().find(new EventId(eventId)).isEmpty(),
        "inbox has no " + eventId);
    if (tour.sandbox().isPresent()) {
      checks.equal(
          "the history did not grow", TourContext.extent(before), TourContext.extent(trail));
    } else {
      // Another provider may settle the payment meanwhile: its own events may add to the history.
      checks.that(
          "the forged event is not in the history",
          trail.stream().noneMatch(entry -> eventId.equals(entry.eventId())),
          trail.size() + " entries, none from " + eventId);
    }
    tour.checkState(checks, after, PaymentState.STARTED);
    tour.checkChargedOnce(checks, after);
  }

  private static double failures(TourContext tour, String reason) {
    return tour.metrics().count("paykit.webhooks.signature_failures", "reason", reason);
  }

  /** What the provider's event would look like, had it confirmed the payment. */
  private static byte[] forgedConfirmation(Payment payment, String eventId) throws Exception {
    String now = Instant.now().toString();
    ObjectNode event = JSON.createObjectNode();
    event.put("id", eventId);
    event.put("type", "payment.status_changed");
    event.put("createdAt", now);
    ObjectNode data = event.putObject("data");
    data.put("transactionId", payment.transactionId().value());
    data.put("status", "confirmed");
    ObjectNode amount = data.putObject("amount");
    amount.put("value", payment.request().amount().minorUnits());
    amount.put("currency", payment.request().amount().currencyCode());
    data.put("externalId", payment.externalId().value());
    data.putObject("metadata");
    data.putNull("failure");
    data.put("createdAt", now);
    data.put("updatedAt", now);
    return JSON.writeValueAsBytes(event);
  }
}
