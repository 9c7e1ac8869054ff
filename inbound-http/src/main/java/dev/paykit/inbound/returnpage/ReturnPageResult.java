package dev.paykit.inbound.returnpage;

import dev.paykit.domain.message.CustomerMessage;
import dev.paykit.domain.message.CustomerMessages;
import dev.paykit.domain.payment.Payment;
import java.util.Optional;

/**
 * What the shop's return page shows: the payment as the provider has verified it, in customer words
 * from {@link CustomerMessages}, or that the link names no payment. Never anything the redirect
 * itself claimed, and never a provider's own text.
 */
public sealed interface ReturnPageResult {

  /** What to tell the customer. */
  CustomerMessage message();

  /** The status a page answers with: 200 for a payment, 404 or 400 for a link that names none. */
  int httpStatus();

  /** The verified payment, or empty when the link names none. */
  Optional<Payment> payment();

  /** The result for a payment the provider was asked about, by its state. */
  static ReturnPageResult of(Payment verified) {
    return switch (verified.state()) {
      case CREATED, SUBMITTED, STARTED, IN_PROGRESS -> new Pending(verified);
      case SUCCEEDED -> new Paid(verified);
      case FAILED -> new Failed(verified);
      case CANCELLED -> new Cancelled(verified);
      case EXPIRED -> new Expired(verified);
    };
  }

  /**
   * A payment the provider was asked about; the message is {@link CustomerMessages#of(Payment)}.
   */
  sealed interface Verified extends ReturnPageResult {
    /** The payment as it is after the provider's answer was applied. */
    Payment verified();

    @Override
    default CustomerMessage message() {
      return CustomerMessages.of(verified());
    }

    @Override
    default int httpStatus() {
      return 200;
    }

    @Override
    default Optional<Payment> payment() {
      return Optional.of(verified());
    }
  }

  /** The provider confirmed the payment. */
  record Paid(Payment verified) implements Verified {}

  /**
   * The provider has not decided yet (or could not be asked): the page says so and may look again
   * later. Never treat this as paid.
   */
  record Pending(Payment verified) implements Verified {}

  /** Declined or refused; the message says why in customer words and whether to try again. */
  record Failed(Payment verified) implements Verified {}

  /** The customer cancelled at the checkout. */
  record Cancelled(Payment verified) implements Verified {}

  /** The checkout was not completed in time. */
  record Expired(Payment verified) implements Verified {}

  /** The link names a payment or order that is not known here, or one that does not match. */
  record NotFound() implements ReturnPageResult {
    private static final CustomerMessage MESSAGE =
        new CustomerMessage("Payment not found", "We have no payment for this link.", false);

    @Override
    public CustomerMessage message() {
      return MESSAGE;
    }

    @Override
    public int httpStatus() {
      return 404;
    }

    @Override
    public Optional<Payment> payment() {
      return Optional.empty();
    }
  }

  /**
   * The link is incomplete or damaged: {@code field} is the query parameter at fault (or the one
   * that is missing) and {@code rule} the rule it broke, as in {@link
   * dev.paykit.domain.ValidationException}.
   */
  record Invalid(String field, String rule) implements ReturnPageResult {
    private static final CustomerMessage MESSAGE =
        new CustomerMessage("Payment not found", "The link is incomplete or damaged.", false);

    @Override
    public CustomerMessage message() {
      return MESSAGE;
    }

    @Override
    public int httpStatus() {
      return 400;
    }

    @Override
    public Optional<Payment> payment() {
      return Optional.empty();
    }
  }
}
