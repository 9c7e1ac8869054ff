package dev.paykit.domain.message;

import static dev.paykit.domain.payment.PaymentFixtures.paymentIn;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.DeclineCode;
import dev.paykit.domain.payment.Failure;
import dev.paykit.domain.payment.FailureReason;
import dev.paykit.domain.payment.PaymentState;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class CustomerMessagesTest {

  private static CustomerMessage declined(DeclineCode code) {
    return CustomerMessages.of(PaymentState.FAILED, Failure.declined(code));
  }

  @ParameterizedTest
  @EnumSource(
      value = PaymentState.class,
      names = {"CREATED", "SUBMITTED", "STARTED", "IN_PROGRESS"})
  void an_unfinished_payment_is_pending_and_not_to_be_retried(PaymentState state) {
    CustomerMessage message = CustomerMessages.of(state, null);

    assertThat(message.title()).isEqualTo("Payment pending");
    assertThat(message.body()).contains("waiting for confirmation");
    assertThat(message.mayRetry()).isFalse();
  }

  @Test
  void a_succeeded_payment_is_received_and_must_not_be_paid_again() {
    CustomerMessage message = CustomerMessages.of(paymentIn(PaymentState.SUCCEEDED));

    assertThat(message.title()).isEqualTo("Payment received");
    assertThat(message.mayRetry()).isFalse();
  }

  @Test
  void a_cancelled_payment_says_nothing_was_charged_and_may_be_retried() {
    CustomerMessage message = CustomerMessages.of(paymentIn(PaymentState.CANCELLED));

    assertThat(message.title()).isEqualTo("Payment cancelled");
    assertThat(message.body()).contains("Nothing was charged");
    assertThat(message.mayRetry()).isTrue();
  }

  @Test
  void an_expired_payment_says_nothing_was_charged_and_may_be_retried() {
    CustomerMessage message = CustomerMessages.of(paymentIn(PaymentState.EXPIRED));

    assertThat(message.title()).isEqualTo("Payment expired");
    assertThat(message.body()).contains("Nothing was charged");
    assertThat(message.mayRetry()).isTrue();
  }

  @Test
  void insufficient_funds_suggests_another_card() {
    CustomerMessage message = declined(DeclineCode.INSUFFICIENT_FUNDS);

    assertThat(message.title()).isEqualTo("Payment declined");
    assertThat(message.body()).contains("insufficient funds").contains("another card");
    assertThat(message.mayRetry()).isTrue();
  }

  @Test
  void an_expired_card_says_so() {
    assertThat(declined(DeclineCode.EXPIRED_CARD).body()).contains("Your card has expired");
    assertThat(declined(DeclineCode.EXPIRED_CARD).mayRetry()).isTrue();
  }

  @Test
  void a_wrong_cvv_asks_to_check_the_security_code() {
    assertThat(declined(DeclineCode.INVALID_CVV).body()).contains("security code (CVV)");
    assertThat(declined(DeclineCode.INVALID_CVV).mayRetry()).isTrue();
  }

  @Test
  void do_not_honor_and_unknown_codes_get_the_generic_decline() {
    String generic =
        "Your bank declined the payment. Please try another card or contact your bank.";

    assertThat(declined(DeclineCode.DO_NOT_HONOR).body()).isEqualTo(generic);
    assertThat(declined(new DeclineCode("card_velocity_exceeded")).body()).isEqualTo(generic);
    assertThat(CustomerMessages.of(PaymentState.FAILED, Failure.of(FailureReason.DECLINED)).body())
        .isEqualTo(generic);
  }

  @Test
  void suspected_fraud_sends_the_customer_to_the_bank_without_a_retry() {
    CustomerMessage message =
        CustomerMessages.of(PaymentState.FAILED, Failure.of(FailureReason.FRAUD_SUSPECTED));

    assertThat(message.title()).isEqualTo("Payment declined");
    assertThat(message.body()).contains("contact your bank").doesNotContainIgnoringCase("fraud");
    assertThat(message.mayRetry()).isFalse();
  }

  @Test
  void a_payment_the_provider_refused_is_not_possible_now() {
    CustomerMessage message =
        CustomerMessages.of(
            PaymentState.FAILED, new Failure(FailureReason.REJECTED, null, "invalid_amount"));

    assertThat(message.title()).isEqualTo("Payment not possible");
    assertThat(message.mayRetry()).isFalse();
  }

  @Test
  void a_failure_without_details_still_gets_a_decline_message() {
    CustomerMessage message = CustomerMessages.of(PaymentState.FAILED, null);

    assertThat(message.title()).isEqualTo("Payment declined");
    assertThat(message.body()).contains("Nothing was charged");
  }

  @Test
  void uses_the_payment_state_and_failure() {
    assertThat(CustomerMessages.of(paymentIn(PaymentState.FAILED)))
        .isEqualTo(declined(DeclineCode.INSUFFICIENT_FUNDS));
  }

  static Stream<Arguments> everyStateAndFailure() {
    List<Failure> failures = new ArrayList<>();
    failures.add(null);
    for (FailureReason reason : FailureReason.values()) {
      failures.add(new Failure(reason, null, "provider detail req_123"));
      for (DeclineCode code :
          List.of(
              DeclineCode.INSUFFICIENT_FUNDS,
              DeclineCode.EXPIRED_CARD,
              DeclineCode.INVALID_CVV,
              DeclineCode.DO_NOT_HONOR,
              new DeclineCode("card_velocity_exceeded"))) {
        failures.add(new Failure(reason, code, "provider detail req_123"));
      }
    }
    List<Arguments> all = new ArrayList<>();
    for (PaymentState state : PaymentState.values()) {
      for (Failure failure : failures) {
        all.add(Arguments.of(state, failure));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyStateAndFailure")
  void never_shows_a_code_a_reason_or_a_provider_detail(PaymentState state, Failure failure) {
    CustomerMessage message = CustomerMessages.of(state, failure);
    String shown = message.title() + " " + message.body();

    assertThat(message.title()).isNotBlank();
    assertThat(message.body()).isNotBlank();
    assertThat(shown).doesNotContain("_").doesNotContain("req").doesNotContain("detail");
    if (failure != null) {
      // The reason's wire name may be a plain word ("declined"); its enum name never is.
      assertThat(shown).doesNotContain(failure.reason().name());
      failure.decline().ifPresent(code -> assertThat(shown).doesNotContain(code.value()));
    }
  }
}
