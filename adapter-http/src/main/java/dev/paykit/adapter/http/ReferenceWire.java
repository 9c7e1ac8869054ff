package dev.paykit.adapter.http;

import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.refund.RefundState;
import java.util.Map;
import java.util.TreeSet;

/**
 * The reference API's words for statuses and reasons (docs/provider-api.md), read as Paykit's: the
 * one place in Paykit where they are spelled. A word the API does not define is an error naming the
 * field, never quoting the word.
 */
final class ReferenceWire {
  private ReferenceWire() {}

  private static final Map<String, ProviderStatus> PAYMENT_STATUSES =
      Map.of(
          "started", ProviderStatus.STARTED,
          "inprogress", ProviderStatus.IN_PROGRESS,
          "confirmed", ProviderStatus.CONFIRMED,
          "cancelled", ProviderStatus.CANCELLED,
          "expired", ProviderStatus.EXPIRED);

  private static final Map<String, FailureReason> FAILURE_REASONS =
      Map.of(
          "declined", FailureReason.DECLINED,
          "fraud_suspected", FailureReason.FRAUD_SUSPECTED,
          "customer_cancelled", FailureReason.CUSTOMER_CANCELLED);

  /** {@code requested} is Paykit's own state, before the provider answered: never the API's. */
  private static final Map<String, RefundState> REFUND_STATUSES =
      Map.of(
          "pending", RefundState.PENDING,
          "succeeded", RefundState.SUCCEEDED,
          "failed", RefundState.FAILED);

  private static final Map<String, DisputeState> DISPUTE_STATUSES =
      Map.of(
          "needs_response", DisputeState.NEEDS_RESPONSE,
          "under_review", DisputeState.UNDER_REVIEW,
          "won", DisputeState.WON,
          "lost", DisputeState.LOST);

  private static final Map<String, DisputeReason> DISPUTE_REASONS =
      Map.of(
          "fraudulent", DisputeReason.FRAUDULENT,
          "product_not_received", DisputeReason.PRODUCT_NOT_RECEIVED,
          "duplicate", DisputeReason.DUPLICATE,
          "subscription_canceled", DisputeReason.SUBSCRIPTION_CANCELED,
          "other", DisputeReason.OTHER);

  /**
   * A payment's status, with its failure: the API has no declined status, a decline is {@code
   * cancelled} with the reason {@code declined} or {@code fraud_suspected}, and that is {@link
   * ProviderStatus#DECLINED}. Any other {@code cancelled} is {@link ProviderStatus#CANCELLED}.
   */
  static ProviderStatus paymentStatus(String word, Failure failure, String field)
      throws UnreadableJsonException {
    ProviderStatus status = read(PAYMENT_STATUSES, word, field);
    boolean decline = failure != null && failure.reason().isDecline();
    return status == ProviderStatus.CANCELLED && decline ? ProviderStatus.DECLINED : status;
  }

  static FailureReason failureReason(String word, String field) throws UnreadableJsonException {
    return read(FAILURE_REASONS, word, field);
  }

  static RefundState refundStatus(String word, String field) throws UnreadableJsonException {
    return read(REFUND_STATUSES, word, field);
  }

  static DisputeState disputeStatus(String word, String field) throws UnreadableJsonException {
    return read(DISPUTE_STATUSES, word, field);
  }

  static DisputeReason disputeReason(String word, String field) throws UnreadableJsonException {
    return read(DISPUTE_REASONS, word, field);
  }

  private static <T> T read(Map<String, T> table, String word, String field)
      throws UnreadableJsonException {
    T value = word == null ? null : table.get(word);
    if (value == null) {
      throw new UnreadableJsonException(field + ": unknown_value, must be one of " + names(table));
    }
    return value;
  }

  private static String names(Map<String, ?> table) {
    return String.join(", ", new TreeSet<>(table.keySet()));
  }
}
