package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReturnPageServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Payment pending =
      Payment.create(
          new PaymentId("pay_1"),
          IdempotencyKey.of("key-1"),
          new PaymentRequest(
              new ExternalId("order-1"),
              Money.of(1050, "EUR"),
              null,
              null,
              ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel"),
              null),
          Instant.parse("2026-11-24T10:00:00Z"));
  private final AtomicReference<PaymentId> verified = new AtomicReference<>();
  private ReturnPageServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void the_page_shows_what_the_provider_said_not_what_the_url_says() throws Exception {
    server = serve(List.of(pending));

    HttpResponse<String> page =
        get(URI.create(server.pageFor(new ExternalId("order-1")) + "&status=paid"));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<h1>Payment pending</h1>", "data-state=\"CREATED\"")
        .doesNotContain("received");
    assertThat(verified.get()).isEqualTo(pending.id());
  }

  @Test
  void the_return_urls_lead_back_to_the_payment_whose_id_the_core_put_in() throws Exception {
    server = serve(List.of(pending));
    ReturnUrls template = server.returnUrlsFor(new ExternalId("order-1"));

    HttpResponse<String> page = get(template.forPayment(pending.id()).successUrl());

    assertThat(template.successUrl().getQuery()).contains("payment=PAYKIT_PAYMENT_ID");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Payment pay_1: CREATED");
    assertThat(verified.get()).isEqualTo(pending.id());
  }

  @Test
  void an_unknown_order_is_a_404_and_verifies_nothing() throws Exception {
    server = serve(List.of());

    HttpResponse<String> page = get(server.pageFor(new ExternalId("order-unknown")));

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(verified.get()).isNull();
  }

  @Test
  void a_link_naming_no_payment_is_a_400() throws Exception {
    server = serve(List.of(pending));

    assertThat(get(server.pageUri()).statusCode()).isEqualTo(400);
    assertThat(verified.get()).isNull();
  }

  @Test
  void only_get_is_answered() throws Exception {
    server = serve(List.of(pending));

    HttpResponse<String> posted =
        http.send(
            HttpRequest.newBuilder(server.pageFor(new ExternalId("order-1")))
                .POST(HttpRequest.BodyPublishers.ofString("status=paid"))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(posted.statusCode()).isEqualTo(405);
    assertThat(posted.headers().firstValue("Allow")).contains("GET");
    assertThat(verified.get()).isNull();
  }

  private ReturnPageServer serve(List<Payment> payments) {
    ListPayments list =
        new ListPayments() {
          @Override
          public Optional<Payment> find(PaymentId id) {
            return payments.stream().filter(p -> p.id().equals(id)).findFirst();
          }

          @Override
          public PaymentPage list(PaymentQuery query) {
            return new PaymentPage(
                payments.stream().filter(p -> p.externalId().equals(query.externalId())).toList(),
                null);
          }
        };
    return new ReturnPageServer(
            new ReturnPage(
                list,
                id -> {
                  verified.set(id);
                  return list.find(id).orElseThrow();
                }),
            0)
        .start();
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
