package dev.paykit.inbound.returnpage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.service.PaykitCore;
import dev.paykit.testkit.fake.FakeProvider;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The return page example of the README, compiled and run as written there. */
class ReturnPageExamplesTest {
  private final InMemoryPaykit memory = new InMemoryPaykit(Clock.systemUTC());
  private final PaykitCore paykit = memory.core();
  private final FakeProvider provider = memory.provider();

  @Test
  void the_readme_return_page_shows_the_verified_outcome() {
    ReturnUrls returnUrls =
        ReturnUrls.of(
            "https://shop.example/return?payment=" + ReturnUrls.PAYMENT_ID_PLACEHOLDER,
            "https://shop.example/return?payment=" + ReturnUrls.PAYMENT_ID_PLACEHOLDER);
    Payment payment =
        paykit
            .create()
            .create(
                new CreatePaymentCommand(
                    IdempotencyKey.derive("shop", "order-1", "attempt-1"),
                    new PaymentRequest(
                        new ExternalId("order-1"),
                        Money.of(1050, "EUR"),
                        null,
                        null,
                        returnUrls,
                        null)))
            .payment();
    provider.move(payment.transactionId(), ProviderStatus.CONFIRMED, null);
    URI requestUri = provider.returnUrls(payment.transactionId()).orElseThrow().successUrl();

    ReturnPage returnPage = new ReturnPage(paykit.list(), paykit.verify());

    // In the shop's own handler of GET /return, in whatever framework:
    ReturnPageResult result = returnPage.show(ReturnPage.parameters(requestUri.getRawQuery()));
    int status = result.httpStatus();
    String title = result.message().title();
    String body = result.message().body();
    boolean paid = result instanceof ReturnPageResult.Paid;

    assertThat(status).isEqualTo(200);
    assertThat(title).isEqualTo("Payment received");
    assertThat(body).isEqualTo("Thank you, your payment was successful.");
    assertThat(paid).isTrue();
  }
}
