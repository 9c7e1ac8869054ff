package dev.paykit.domain.payment;

import static dev.paykit.domain.payment.PaymentFixtures.said;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class ProviderReportTest {

  @Test
  void a_webhook_report_carries_its_event_id() {
    ProviderReport report = ProviderReport.fromWebhook(said(ProviderStatus.STARTED), "evt_1");

    assertThat(report.source()).isEqualTo(TransitionSource.WEBHOOK);
    assertThat(report.eventId()).isEqualTo("evt_1");
    assertThat(report.requestId()).isNull();
  }

  @Test
  void a_webhook_report_needs_its_event_id() {
    assertThatNullPointerException()
        .isThrownBy(() -> ProviderReport.fromWebhook(said(ProviderStatus.STARTED), null));
  }

  @Test
  void look_ups_and_create_responses_carry_the_request_id() {
    ProviderReport lookup = ProviderReport.fromLookup(said(ProviderStatus.STARTED), "req_1");
    ProviderReport created =
        ProviderReport.fromCreateResponse(said(ProviderStatus.STARTED), "req_2");

    assertThat(lookup.source()).isEqualTo(TransitionSource.LOOKUP);
    assertThat(lookup.requestId()).isEqualTo("req_1");
    assertThat(lookup.eventId()).isNull();
    assertThat(created.source()).isEqualTo(TransitionSource.PROVIDER_RESPONSE);
    assertThat(created.requestId()).isEqualTo("req_2");
  }

  @Test
  void the_provider_cannot_speak_as_paykit_itself() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ProviderReport(
                    said(ProviderStatus.STARTED), TransitionSource.LOCAL, null, null));
  }

  @Test
  void requires_the_payment_and_the_source() {
    assertThatNullPointerException()
        .isThrownBy(() -> new ProviderReport(null, TransitionSource.LOOKUP, null, null));
    assertThatNullPointerException()
        .isThrownBy(() -> new ProviderReport(said(ProviderStatus.STARTED), null, null, null));
  }
}
