package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.HistoryEntry;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentId;
import dev.paykit.domain.payment.PaymentRequest;
import dev.paykit.domain.payment.ReturnUrls;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.shared.PaymentPage;
import dev.paykit.port.shared.PaymentQuery;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shop's pages over HTTP, on stores and a provider that are stand-ins. */
class ReturnPageServerTest {
  private static final String ITEM = "<script>alert(\"1\")</script> & 'tickets'";
  private static final ExternalId ODD_ORDER = new ExternalId("order-<b>\"&'</b>");

  /** Inline script, inline style and event handler attributes: what the CSP forbids. */
  private static final Pattern INLINE =
      Pattern.compile("<script(?![^>]*\\bsrc=)|<style|\\sstyle=|\\son[a-z]+=");

  private final ShopHttp http = new ShopHttp();
  private final Payment pending = payment("pay_1", new ExternalId("order-1"));
  private final Payment odd = payment("pay_2", ODD_ORDER);
  private final AtomicReference<PaymentId> verified = new AtomicReference<>();
  private final CreatePayment noCreate =
      command -> {
        throw new AssertionError("no payment is created here");
      };
  private ReturnPageServer server;

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void the_page_shows_what_the_provider_said_not_what_the_url_says() throws Exception {
    server = serve(List.of(pending));

    HttpResponse<String> page =
        http.get(URI.create(server.pageFor(new ExternalId("order-1")) + "&status=paid"));

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

    HttpResponse<String> page = http.get(template.forPayment(pending.id()).successUrl());

    assertThat(template.successUrl().getQuery()).contains("payment=PAYKIT_PAYMENT_ID");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<dd id=\"reference\">pay_1</dd>");
    assertThat(verified.get()).isEqualTo(pending.id());
  }

  @Test
  void an_unknown_order_is_a_404_and_verifies_nothing() throws Exception {
    server = serve(List.of());

    HttpResponse<String> page = http.get(server.pageFor(new ExternalId("order-unknown")));

    assertThat(page.statusCode()).isEqualTo(404);
    assertThat(page.body()).contains("data-result=\"not-found\"", "Go to the shop");
    assertThat(verified.get()).isNull();
  }

  @Test
  void a_link_naming_no_payment_is_a_400() throws Exception {
    server = serve(List.of(pending));

    assertThat(http.get(server.pageUri()).statusCode()).isEqualTo(400);
    assertThat(verified.get()).isNull();
  }

  @Test
  void only_get_is_answered() throws Exception {
    server = serve(List.of(pending));

    HttpResponse<String> posted =
        http.post(server.pageFor(new ExternalId("order-1")), "status=paid");

    assertThat(posted.statusCode()).isEqualTo(405);
    assertThat(posted.headers().firstValue("Allow")).contains("GET");
    assertThat(verified.get()).isNull();
  }

  @Test
  void a_pending_page_without_javascript_refreshes_itself_on_the_polling_schedule()
      throws Exception {
    server = serve(List.of(pending));

    String first = http.get(returnPage(pending, 0)).body();
    String third = http.get(returnPage(pending, 2)).body();

    assertThat(first)
        .contains(
            "<noscript><meta http-equiv=\"refresh\" content=\"1;url=/return?payment=pay_1&amp;polls=1\"></noscript>",
            "data-status-url=\"/status?payment=pay_1\"",
            "data-poll-first-ms=\"1000\"",
            "data-poll-limit=\"20\"")
        .containsPattern("<p class=\"notice\" id=\"gave-up\" hidden>");
    // 1 s, then 1.5 s, then 2.25 s: a meta refresh counts whole seconds, rounded up.
    assertThat(third).contains("content=\"3;url=/return?payment=pay_1&amp;polls=3\"");
  }

  @Test
  void a_pending_page_stops_refreshing_at_the_limit_and_says_the_shop_will_email()
      throws Exception {
    server = serve(List.of(pending));

    String last = http.get(returnPage(pending, 20)).body();

    assertThat(last)
        .doesNotContain("http-equiv=\"refresh\"", "data-status-url")
        .contains("<p class=\"notice\" id=\"gave-up\">", "we will email you")
        .contains("<p class=\"progress\" id=\"progress\" role=\"status\" hidden>");
  }

  @Test
  void a_count_of_reloads_that_is_not_a_number_counts_as_none() throws Exception {
    server = serve(List.of(pending));

    String page = http.get(URI.create(server.pageUri() + "?payment=pay_1&polls=9x")).body();

    assertThat(page).contains("content=\"1;url=/return?payment=pay_1&amp;polls=1\"");
  }

  @Test
  void status_answers_from_the_store_without_asking_the_provider() throws Exception {
    server = serve(List.of(pending));

    HttpResponse<String> status = http.get(status("pay_1"));

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type"))
        .contains("application/json; charset=utf-8");
    assertThat(status.headers().firstValue("Cache-Control")).contains("no-store");
    JsonNode json = new ObjectMapper().readTree(status.body());
    assertThat(json.get("payment").asText()).isEqualTo("pay_1");
    assertThat(json.get("state").asText()).isEqualTo("CREATED");
    assertThat(json.get("terminal").asBoolean()).isFalse();
    assertThat(json.get("title").asText()).isEqualTo("Payment pending");
    assertThat(json.get("message").asText()).startsWith("We are waiting for confirmation");
    assertThat(verified.get()).isNull();
  }

  @Test
  void status_of_an_unknown_or_malformed_payment_says_so_in_json() throws Exception {
    server = serve(List.of(pending));

    HttpResponse<String> unknown = http.get(status("pay_unknown"));
    HttpResponse<String> missing = http.get(server.shopUri().resolve(ReturnPageServer.STATUS));

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.body()).isEqualTo("{\"error\":\"not_found\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).isEqualTo("{\"error\":\"invalid\",\"field\":\"payment\"}");
  }

  @Test
  void every_answer_forbids_inline_script_framing_sniffing_and_the_referrer() throws Exception {
    server = serve(List.of(pending));
    URI shop = server.shopUri();

    for (URI uri :
        List.of(
            shop,
            shop.resolve("/cart?cart=cart-1"),
            returnPage(pending, 0),
            status("pay_1"),
            shop.resolve("/assets/shop.js"),
            shop.resolve("/nowhere"))) {
      HttpResponse<String> answer = http.get(uri);
      assertThat(answer.headers().firstValue("Content-Security-Policy"))
          .as(uri.toString())
          .contains(
              "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
                  + " connect-src 'self'; base-uri 'none'; frame-ancestors 'none'");
      assertThat(answer.headers().firstValue("X-Frame-Options"))
          .as(uri.toString())
          .contains("DENY");
      assertThat(answer.headers().firstValue("X-Content-Type-Options"))
          .as(uri.toString())
          .contains("nosniff");
      assertThat(answer.headers().firstValue("Referrer-Policy"))
          .as(uri.toString())
          .contains("no-referrer");
    }
  }

  @Test
  void the_pages_have_no_inline_script_or_style_only_the_shops_own_files() throws Exception {
    server = serve(List.of(pending));
    URI shop = server.shopUri();

    for (URI uri :
        List.of(
            shop.resolve("/cart?cart=cart-1"),
            returnPage(pending, 0),
            returnPage(pending, 20),
            server.pageUri(),
            shop.resolve("/nowhere"))) {
      String html = http.get(uri).body();
      assertThat(html)
          .as(uri.toString())
          .contains(
              "<link rel=\"stylesheet\" href=\"/assets/shop.css\">",
              "<script src=\"/assets/shop.js\" defer></script>")
          .doesNotContainPattern(INLINE);
    }
  }

  @Test
  void every_value_on_a_page_is_escaped() throws Exception {
    server = serve(List.of(odd), ShopSettings.standard().withItem(ITEM));

    String cart =
        http.get(server.shopUri().resolve("/cart?" + Html.query("cart", ODD_ORDER.value()))).body();
    String page = http.get(returnPage(odd, 0)).body();

    assertThat(cart)
        .contains(
            "&lt;script&gt;alert(&#34;1&#34;)&lt;/script&gt; &amp; &#39;tickets&#39;",
            "data-cart=\"order-&lt;b&gt;&#34;&amp;&#39;&lt;/b&gt;\"",
            "name=\"cart\" value=\"order-&lt;b&gt;&#34;&amp;&#39;&lt;/b&gt;\"")
        .doesNotContain("<script>alert", "<b>");
    assertThat(page)
        .contains("<dd id=\"order\">order-&lt;b&gt;&#34;&amp;&#39;&lt;/b&gt;</dd>")
        .doesNotContain("<b>");
  }

  @Test
  void the_front_door_opens_a_new_cart_each_time() throws Exception {
    server = serve(List.of());

    URI first = http.newCart(server.shopUri());
    URI second = http.newCart(server.shopUri());

    assertThat(first.getPath()).isEqualTo("/cart");
    assertThat(ShopHttp.parameter(first, "cart")).matches("cart-[0-9a-f]{16}");
    assertThat(first).isNotEqualTo(second);
    String page = http.get(first).body();
    assertThat(page).contains("<h1>Your cart</h1>", "Pay 10.50 EUR");
    assertThat(ShopHttp.payAttempt(page)).isEqualTo(1);
  }

  @Test
  void a_pay_form_without_an_attempt_or_with_a_bad_cart_is_refused_naming_the_field()
      throws Exception {
    server = serve(List.of());
    URI pay = server.shopUri().resolve(ReturnPageServer.PAY);

    HttpResponse<String> noAttempt = http.post(pay, "cart=cart-1");
    HttpResponse<String> wordyAttempt = http.post(pay, "cart=cart-1&attempt=two");
    HttpResponse<String> noCart = http.post(pay, "attempt=1");
    HttpResponse<String> longCart = http.post(pay, "attempt=1&cart=" + "c".repeat(65));
    HttpResponse<String> farAttempt = http.post(pay, "cart=cart-1&attempt=51");

    for (HttpResponse<String> refused : List.of(noAttempt, wordyAttempt, farAttempt)) {
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("a damaged attempt.");
    }
    for (HttpResponse<String> refused : List.of(noCart, longCart)) {
      assertThat(refused.statusCode()).isEqualTo(400);
      assertThat(refused.body()).contains("a damaged cart.");
    }
  }

  @Test
  void pay_takes_only_a_post_and_only_a_short_form() throws Exception {
    server = serve(List.of());
    URI pay = server.shopUri().resolve(ReturnPageServer.PAY);

    HttpResponse<String> got = http.get(pay);
    HttpResponse<String> huge = http.post(pay, "cart=cart-1&attempt=1&pad=" + "x".repeat(4000));

    assertThat(got.statusCode()).isEqualTo(405);
    assertThat(got.headers().firstValue("Allow")).contains("POST");
    assertThat(huge.statusCode()).isEqualTo(413);
  }

  @Test
  void only_the_shops_own_script_and_stylesheet_are_served() throws Exception {
    server = serve(List.of());
    URI shop = server.shopUri();

    HttpResponse<String> script = http.get(shop.resolve("/assets/shop.js"));
    HttpResponse<String> style = http.get(shop.resolve("/assets/shop.css"));

    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type"))
        .contains("text/javascript; charset=utf-8");
    assertThat(script.body()).contains("data-status-url", "/status").doesNotContain("eval(");
    assertThat(style.headers().firstValue("Content-Type")).contains("text/css; charset=utf-8");
    assertThat(http.get(shop.resolve("/assets/shop.html")).statusCode()).isEqualTo(404);
    assertThat(http.get(shop.resolve("/assets/%2e%2e/ReturnPageServer.class")).statusCode())
        .isEqualTo(404);
  }

  private URI returnPage(Payment payment, int polls) {
    return URI.create(
        server.pageUri() + "?" + Html.query("payment", payment.id().value()) + "&polls=" + polls);
  }

  private URI status(String payment) {
    return server.shopUri().resolve(ReturnPageServer.STATUS + "?" + Html.query("payment", payment));
  }

  private ReturnPageServer serve(List<Payment> payments) {
    return serve(payments, ShopSettings.standard());
  }

  private ReturnPageServer serve(List<Payment> payments, ShopSettings settings) {
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

          @Override
          public List<HistoryEntry> history(PaymentId id) {
            return find(id).map(p -> List.of(p.latest())).orElse(List.of());
          }
        };
    return new ReturnPageServer(
            noCreate,
            list,
            id -> {
              verified.set(id);
              return list.find(id).orElseThrow();
            },
            settings,
            0)
        .start();
  }

  private static Payment payment(String id, ExternalId order) {
    return Payment.create(
        new PaymentId(id),
        IdempotencyKey.of("key-" + id),
        new PaymentRequest(
            order,
            Money.of(1050, "EUR"),
            null,
            null,
            ReturnUrls.of("https://shop.example/ok", "https://shop.example/cancel"),
            Duration.ofMinutes(30)),
        Instant.parse("2026-11-24T10:00:00Z"));
  }
}
