package dev.paykit.testkit.fake;

import dev.paykit.domain.payment.Charging;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.PaymentMethodId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.SavedPaymentMethod;
import dev.paykit.domain.payment.TransactionId;
import java.net.URI;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** The payment objects this package's providers answer. */
final class ProviderPayments {
  private ProviderPayments() {}

  /**
   * A payment just created for {@code request}: {@code started}, its checkout under {@code
   * checkout}; or, for an off-session charge, already decided as {@link #offSessionDecline} says.
   */
  static ProviderPayment started(
      TransactionId tx, PaymentRequest request, URI checkout, Instant now) {
    if (request.charging() instanceof Charging.OffSession off) {
      return offSession(tx, request, off, now, offSessionDecline(request));
    }
    return new ProviderPayment(
        tx,
        ProviderStatus.STARTED,
        request.amount(),
        request.externalId(),
        request.metadata(),
        checkout.resolve(tx.value()),
        null,
        now,
        now,
        now.plus(request.expiresIn()));
  }

  /**
   * An off-session charge of {@code off}'s method: confirmed, or declined with {@code declined}.
   */
  static ProviderPayment offSession(
      TransactionId tx,
      PaymentRequest request,
      Charging.OffSession off,
      Instant now,
      DeclineCode declined) {
    return new ProviderPayment(
        tx,
        declined == null ? ProviderStatus.CONFIRMED : ProviderStatus.DECLINED,
        request.amount(),
        request.externalId(),
        request.metadata(),
        null,
        declined == null ? null : Failure.declined(declined),
        now,
        now,
        now.plus(request.expiresIn()),
        savedMethod(off.method(), now));
  }

  /**
   * The sandbox's rule for off-session outcomes, by the amount's last two digits: 51
   * insufficient_funds, 52 expired_card, 53 do_not_honor, 54 authentication_required; else
   * confirmed.
   */
  static DeclineCode offSessionDecline(PaymentRequest request) {
    return switch ((int) (request.amount().minorUnits() % 100)) {
      case 51 -> DeclineCode.INSUFFICIENT_FUNDS;
      case 52 -> DeclineCode.EXPIRED_CARD;
      case 53 -> DeclineCode.DO_NOT_HONOR;
      case 54 -> DeclineCode.AUTHENTICATION_REQUIRED;
      default -> null;
    };
  }

  /** The test card's description, as a provider shows a saved method. */
  static SavedPaymentMethod savedMethod(PaymentMethodId id, Instant now) {
    return new SavedPaymentMethod(
        id, "visa", "4242", YearMonth.from(now.atZone(ZoneOffset.UTC)).plusYears(3));
  }
}
