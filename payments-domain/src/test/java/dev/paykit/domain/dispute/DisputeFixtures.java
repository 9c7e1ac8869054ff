package dev.paykit.domain.dispute;

import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.PaymentFixtures;
import dev.paykit.domain.payment.PaymentId;
import java.time.Instant;

/** A dispute of {@link PaymentFixtures}' payment, and the provider's words about it. */
final class DisputeFixtures {
  static final DisputeId ID = new DisputeId("dp_1");
  static final Instant DUE = PaymentFixtures.at(7 * 24 * 3600);

  private DisputeFixtures() {}

  static ProviderDispute said(DisputeState status) {
    return said(status, PaymentFixtures.AMOUNT);
  }

  static ProviderDispute said(DisputeState status, Money amount) {
    return new ProviderDispute(
        ID,
        PaymentFixtures.TX,
        amount,
        DisputeReason.FRAUDULENT,
        status,
        DUE,
        PaymentFixtures.T0,
        PaymentFixtures.T0);
  }

  static DisputeReport webhook(DisputeState status, String eventId) {
    return DisputeReport.fromWebhook(said(status), eventId);
  }

  static Dispute opened(DisputeState status) {
    return Dispute.open(
        PaymentFixtures.PAYMENT_ID, webhook(status, "evt_open"), PaymentFixtures.at(1));
  }

  static Dispute of(PaymentId payment, Money amount, DisputeState status) {
    return Dispute.open(
        payment,
        DisputeReport.fromWebhook(said(status, amount), "evt_" + status),
        PaymentFixtures.at(1));
  }
}
