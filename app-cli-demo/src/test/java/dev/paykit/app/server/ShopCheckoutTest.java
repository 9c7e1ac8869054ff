package dev.paykit.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.domain.payment.ExternalId;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.sandbox.SimulatedOutcome;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /pay} and the pages around it over HTTP, on the whole demo stack: one payment per
 * attempt however often and however concurrently Pay is pressed, and the way on from each outcome.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShopCheckoutTest {
  private final ShopHttp http = new ShopHttp();
  private ShopUnderTest stack;
  private URI shop;

  @BeforeAll
  void start(@TempDir Path temp) throws Exception {
    stack = ShopUnderTest.start(temp);
    shop = stack.shop(ShopSettings.standard()).shopUri();
  }

  @AfterAll
  void stop() throws Exception {
    stack.close();
  }

  @Test
  void concurrent_presses_of_pay_for_one_attempt_make_one_payment() throws Exception {
    ExternalId cart = ShopUnderTest.cartOf(http.newCart(shop));
    int presses = 8;
    CountDownLatch ready = new CountDownLatch(presses);
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(presses);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < presses; i++) {
        Callable<HttpResponse<String>> press =
            () -> {
              ready.countDown();
              go.await();
              return http.pay(shop, cart, 1);
            };
        answers.add(threads.submit(press));
      }
      assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
      go.countDown();
      List<URI> locations = new ArrayList<>();
      for (Future<HttpResponse<String>> answer : answers) {
        locations.add(ShopHttp.location(answer.get(30, TimeUnit.SECONDS), shop));
      }

      Payment payment = stack.payments(cart).get(0);
      assertThat(locations).containsOnly(payment.checkoutUrl());
      assertThat(stack.payments(cart)).hasSize(1);
      assertThat(stack.atProvider(cart)).hasSize(1);
      assertThat(payment.idempotencyKey()).isEqualTo(ShopCheckout.key(cart, 1));
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void pay_again_for_a_decided_attempt_shows_its_outcome_and_a_paid_cart_is_never_paid_twice()
      throws Exception {
    Payment started = firstAttempt(SimulatedOutcome.CONFIRMED, PaymentState.SUCCEEDED);
    ExternalId cart = started.externalId();

    URI replayed = ShopHttp.location(http.pay(shop, cart, 1), shop);
    URI next = ShopHttp.location(http.pay(shop, cart, 2), shop);
    String cartPage = http.get(shop.resolve(ShopPages.cartPath(cart))).body();

    URI receipt = shop.resolve("/return?payment=" + started.id().value());
    assertThat(replayed).isEqualTo(receipt);
    assertThat(next).isEqualTo(receipt);
    assertThat(stack.payments(cart)).hasSize(1);
    assertThat(cartPage)
        .contains("This cart is paid.", "See your confirmation")
        .doesNotContain("action=\"/pay\"");
  }

  @Test
  void a_new_attempt_while_one_is_open_leads_to_the_open_checkout() throws Exception {
    ExternalId cart = ShopUnderTest.cartOf(http.newCart(shop));
    URI first = ShopHttp.location(http.pay(shop, cart, 1), shop);

    URI second = ShopHttp.location(http.pay(shop, cart, 2), shop);
    String cartPage = http.get(shop.resolve(ShopPages.cartPath(cart))).body();

    assertThat(second).isEqualTo(first);
    assertThat(stack.payments(cart)).hasSize(1);
    assertThat(cartPage).contains("Pay takes you back to the same payment");
    assertThat(ShopHttp.payAttempt(cartPage)).isEqualTo(1);
  }

  @Test
  void a_declined_payment_offers_a_new_attempt_in_customer_words() throws Exception {
    Payment started = firstAttempt(SimulatedOutcome.DECLINED, PaymentState.FAILED);
    ExternalId cart = started.externalId();

    String page = http.get(shop.resolve(ShopPages.returnPath(started))).body();
    String cartPage = http.get(shop.resolve(ShopPages.cartPath(cart))).body();

    assertThat(page)
        .contains(
            "data-result=\"failed\"",
            "Your card has expired. Please use another card.",
            "id=\"retry\">Try again</button>",
            "id=\"back-to-cart\"")
        .doesNotContain("expired_card", "http-equiv=\"refresh\"", "data-status-url");
    assertThat(ShopHttp.payAttempt(page)).isEqualTo(2);
    assertThat(cartPage).contains("<strong>Payment declined.</strong>");
    assertThat(ShopHttp.payAttempt(cartPage)).isEqualTo(2);
  }

  @Test
  void a_cancelled_payment_leads_back_to_the_cart() throws Exception {
    Payment cancelled = firstAttempt(SimulatedOutcome.CANCELLED, PaymentState.CANCELLED);

    String page = http.get(shop.resolve(ShopPages.returnPath(cancelled))).body();

    assertThat(page)
        .contains(
            "data-result=\"cancelled\"",
            "href=\"/cart?cart=" + cancelled.externalId() + "\">Back to your cart</a>")
        .doesNotContain("action=\"/pay\"");
  }

  /**
   * A new cart's first attempt, once the customer has {@code done} it at the checkout (a decline
   * with the code {@code expired_card}) and the store has heard.
   */
  private Payment firstAttempt(SimulatedOutcome done, PaymentState stored) throws Exception {
    ExternalId cart = ShopUnderTest.cartOf(http.newCart(shop));
    http.pay(shop, cart, 1);
    String tx = stack.payments(cart).get(0).transactionId().value();
    stack.sandbox().simulate(tx, done, done == SimulatedOutcome.DECLINED ? "expired_card" : null);
    return stack.awaitNewest(cart, stored);
  }

  @Test
  void an_expired_payment_offers_a_new_payment_with_the_next_attempt() throws Exception {
    ExternalId cart = ShopUnderTest.cartOf(http.newCart(shop));
    http.pay(shop, cart, 1);
    Payment expired = stack.payments(cart).get(0);
    stack.jump(ShopSettings.standard().paymentExpiry().plusMinutes(1));
    stack.awaitNewest(cart, PaymentState.EXPIRED);

    String page = http.get(shop.resolve(ShopPages.returnPath(expired))).body();

    assertThat(page)
        .contains(
            "data-result=\"expired\"",
            "The payment was not completed in time.",
            "id=\"new-payment\">Start a new payment</button>");
    assertThat(ShopHttp.payAttempt(page)).isEqualTo(2);
    URI next = ShopHttp.location(http.pay(shop, cart, 2), shop);
    assertThat(next).isEqualTo(stack.payments(cart).get(0).checkoutUrl());
    assertThat(stack.payments(cart))
        .extracting(Payment::state)
        .containsExactly(PaymentState.STARTED, PaymentState.EXPIRED);
  }
}
