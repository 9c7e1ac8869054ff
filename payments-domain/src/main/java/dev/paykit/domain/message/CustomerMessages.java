package dev.paykit.domain.message;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;

/**
 * Customer-facing wording for each state and decline code. Developer detail (codes, request ids,
 * history) stays on the payment; this is what is safe and useful to show a buyer.
 */
public final class CustomerMessages {
  private CustomerMessages() {}

  public static CustomerMessage of(Payment payment) {
    return of(payment.state(), payment.failure());
  }

  public static CustomerMessage of(PaymentState state, Failure failure) {
    return switch (state) {
      case CREATED, SUBMITTED, STARTED, IN_PROGRESS ->
          new CustomerMessage(
              "Payment pending",
              "We are waiting for confirmation from the payment provider. This page updates when it arrives.",
              false);
      case SUCCEEDED ->
          new CustomerMessage("Payment received", "Thank you, your payment was successful.", false);
      case CANCELLED ->
          new CustomerMessage(
              "Payment cancelled", "You cancelled the payment. Nothing was charged.", true);
      case EXPIRED ->
          new CustomerMessage(
              "Payment expired",
              "The payment was not completed in time. Nothing was charged.",
              true);
      case FAILED -> failed(failure);
    };
  }

  private static CustomerMessage failed(Failure failure) {
    if (failure == null) {
      return declined("Your payment could not be completed. Nothing was charged.");
    }
    if (failure.reason() == FailureReason.REJECTED) {
      return new CustomerMessage(
          "Payment not possible",
          "We could not start this payment. Please try again later or contact the shop.",
          false);
    }
    if (failure.reason() == FailureReason.FRAUD_SUSPECTED) {
      return new CustomerMessage(
          "Payment declined", "Your bank declined this payment. Please contact your bank.", false);
    }
    DeclineCode code = failure.declineCode();
    if (DeclineCode.INSUFFICIENT_FUNDS.equals(code)) {
      return declined(
          "Your card has insufficient funds. Please use another card or payment method.");
    }
    if (DeclineCode.EXPIRED_CARD.equals(code)) {
      return declined("Your card has expired. Please use another card.");
    }
    if (DeclineCode.INVALID_CVV.equals(code)) {
      return declined("The security code (CVV) was not correct. Please check it and try again.");
    }
    return declined(
        "Your bank declined the payment. Please try another card or contact your bank.");
  }

  private static CustomerMessage declined(String body) {
    return new CustomerMessage("Payment declined", body, true);
  }
}
