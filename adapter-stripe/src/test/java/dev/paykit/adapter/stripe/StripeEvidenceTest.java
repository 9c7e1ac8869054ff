package dev.paykit.adapter.stripe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.dispute.DisputeId;
import dev.paykit.domain.dispute.DisputeState;
import dev.paykit.domain.dispute.Evidence;
import dev.paykit.domain.dispute.EvidenceDocument;
import dev.paykit.domain.dispute.ProviderDispute;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.ProviderPayment;
import dev.paykit.port.out.ProviderResult;
import dev.paykit.stripefake.FakeStripe;
import dev.paykit.testkit.PaymentSamples;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Evidence goes as text and one file uploaded through the Files API first. */
class StripeEvidenceTest {
  private FakeStripe stripe;
  private StripeGateway gateway;
  private DisputeId dispute;

  @BeforeEach
  void openADispute() {
    stripe = FakeStripe.start();
    gateway =
        StripeGatewayContractTest.gateway(
            StripeGatewayContractTest.settings(stripe, 2, Duration.ofSeconds(2)));
    ProviderResult<ProviderPayment> created =
        gateway.createPayment(PaymentSamples.request("order-1"), IdempotencyKey.of("pay-1"));
    String intent =
        ((ProviderResult.Success<ProviderPayment>) created).value().transactionId().value();
    stripe.succeed(intent);
    dispute = new DisputeId(stripe.openDispute(intent, "fraudulent").id());
  }

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void the_document_is_uploaded_as_a_file_and_the_evidence_names_it() {
    ProviderResult<ProviderDispute> result =
        gateway.submitEvidence(
            dispute, new Evidence("Signed for", List.of(document("receipt.pdf"))), key());

    assertThat(result).isInstanceOf(ProviderResult.Success.class);
    assertThat(((ProviderResult.Success<ProviderDispute>) result).value().status())
        .isEqualTo(DisputeState.UNDER_REVIEW);
    FakeStripe.Dispute submitted = stripe.disputes().get(0);
    assertThat(submitted.evidence())
        .containsEntry("uncategorized_text", "Signed for")
        .hasEntrySatisfying("uncategorized_file", file -> assertThat(file).startsWith("file_"));
  }

  @Test
  void two_documents_are_refused_naming_the_field_and_nothing_is_sent() {
    ProviderResult<ProviderDispute> result =
        gateway.submitEvidence(
            dispute, new Evidence("Signed for", List.of(document("a"), document("b"))), key());

    assertThat(result).isInstanceOf(ProviderResult.Rejected.class);
    assertThat(((ProviderResult.Rejected<ProviderDispute>) result).error().param())
        .isEqualTo("documents");
    assertThat(stripe.disputes().get(0).evidenceDetails().submissionCount()).isZero();
  }

  private static EvidenceDocument document(String name) {
    return new EvidenceDocument("documents[0]", name, "%PDF-1.4".getBytes(UTF_8));
  }

  private static IdempotencyKey key() {
    return IdempotencyKey.of("evidence-1");
  }
}
