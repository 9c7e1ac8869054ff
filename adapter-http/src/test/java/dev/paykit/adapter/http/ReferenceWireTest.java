package dev.paykit.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.paykit.adapter.http.ProviderJson.UnreadableJsonException;
import dev.paykit.domain.dispute.DisputeReason;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.refund.RefundState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference API's words, read as Paykit's; anything else named by its field, not quoted. */
class ReferenceWireTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "started, STARTED",
    "inprogress, IN_PROGRESS",
    "confirmed, CONFIRMED",
    "cancelled, CANCELLED",
    "expired, EXPIRED"
  })
  void reads_each_payment_status_without_a_failure(String word, ProviderStatus status)
      throws Exception {
    assertThat(ReferenceWire.paymentStatus(word, null, "status")).isEqualTo(status);
  }

  @ParameterizedTest(name = "cancelled + {0} -> {1}")
  @CsvSource({"DECLINED, DECLINED", "FRAUD_SUSPECTED, DECLINED", "CUSTOMER_CANCELLED, CANCELLED"})
  void reads_a_cancellation_for_a_decline_reason_as_declined(
      FailureReason reason, ProviderStatus status) throws Exception {
    assertThat(ReferenceWire.paymentStatus("cancelled", Failure.of(reason), "status"))
        .isEqualTo(status);
  }

  @Test
  void a_decline_reason_beside_another_status_changes_nothing() throws Exception {
    assertThat(
            ReferenceWire.paymentStatus(
                "confirmed", Failure.declined(DeclineCode.DO_NOT_HONOR), "status"))
        .isEqualTo(ProviderStatus.CONFIRMED);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "Started", "in_progress", "succeeded", "pending", "declined"})
  void rejects_an_unknown_payment_status_naming_the_field(String word) {
    assertUnknown(
        () -> ReferenceWire.paymentStatus(word, null, "data.status"), "data.status", word);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "declined, DECLINED",
    "fraud_suspected, FRAUD_SUSPECTED",
    "customer_cancelled, CUSTOMER_CANCELLED"
  })
  void reads_each_failure_reason(String word, FailureReason reason) throws Exception {
    assertThat(ReferenceWire.failureReason(word, "failure.reason")).isEqualTo(reason);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "DECLINED", "insufficient_funds", "rejected"})
  void rejects_an_unknown_failure_reason_naming_the_field(String word) {
    assertUnknown(
        () -> ReferenceWire.failureReason(word, "data.failure.reason"),
        "data.failure.reason",
        word);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"pending, PENDING", "succeeded, SUCCEEDED", "failed, FAILED"})
  void reads_each_refund_status(String word, RefundState state) throws Exception {
    assertThat(ReferenceWire.refundStatus(word, "status")).isEqualTo(state);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"", "requested", "PENDING", "refunded"})
  void rejects_an_unknown_or_local_only_refund_status(String word) {
    assertUnknown(() -> ReferenceWire.refundStatus(word, "status"), "status", word);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "needs_response, NEEDS_RESPONSE",
    "under_review, UNDER_REVIEW",
    "won, WON",
    "lost, LOST"
  })
  void reads_each_dispute_status(String word, DisputeState state) throws Exception {
    assertThat(ReferenceWire.disputeStatus(word, "status")).isEqualTo(state);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "fraudulent, FRAUDULENT",
    "product_not_received, PRODUCT_NOT_RECEIVED",
    "duplicate, DUPLICATE",
    "subscription_canceled, SUBSCRIPTION_CANCELED",
    "other, OTHER"
  })
  void reads_each_dispute_reason(String word, DisputeReason reason) throws Exception {
    assertThat(ReferenceWire.disputeReason(word, "reason")).isEqualTo(reason);
  }

  @Test
  void rejects_an_unknown_dispute_status_or_reason_naming_the_field() {
    assertUnknown(() -> ReferenceWire.disputeStatus("open", "status"), "status", "open");
    assertUnknown(() -> ReferenceWire.disputeReason("unhappy", "reason"), "reason", "unhappy");
  }

  private interface Read {
    Object read() throws UnreadableJsonException;
  }

  private static void assertUnknown(Read read, String field, String word) {
    var thrown =
        assertThatThrownBy(read::read)
            .isInstanceOf(UnreadableJsonException.class)
            .hasMessageStartingWith(field + ": unknown_value");
    if (word != null && !word.isEmpty()) {
      thrown.hasMessageNotContaining("'" + word + "'");
    }
  }
}
