package dev.paykit.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code autoSettle}: the sandbox plays a provider that confirms payments on its own. */
class AutoSettleTest {

  private static final Duration AFTER = Duration.ofMillis(200);

  private final WebhookReceiver receiver = new WebhookReceiver();
  private SandboxProvider sandbox;
  private SandboxClient client;

  @BeforeEach
  void start() {
    sandbox =
        SandboxProvider.start(
            TestSandboxes.fast().webhookUrl(receiver.url()).autoSettle(AFTER).build());
    client = new SandboxClient(sandbox);
    client.token();
  }

  @AfterEach
  void stop() {
    sandbox.close();
    receiver.close();
  }

  private PaymentStatus status(String tx) {
    return sandbox.payment(tx).orElseThrow().status();
  }

  private List<String> webhookStatuses(String tx) {
    return receiver.receivedFor(tx).stream().map(WebhookReceiver.Received::status).toList();
  }

  @Test
  void a_payment_nobody_touches_is_confirmed_after_the_delay_with_a_webhook_for_each_step() {
    long before = System.nanoTime();
    String tx = client.createPayment();

    assertThat(status(tx)).isEqualTo(PaymentStatus.STARTED);
    await().atMost(Duration.ofSeconds(10)).until(() -> status(tx) == PaymentStatus.CONFIRMED);
    assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(AFTER);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.receivedFor(tx).size() == 2);
    assertThat(webhookStatuses(tx)).containsExactly("inprogress", "confirmed");
    assertThat(receiver.receivedFor(tx))
        .allSatisfy(
            r ->
                assertThat(WebhookReceiver.verifies(r, sandbox.webhookSecret().reveal())).isTrue());
    assertThat(sandbox.ledger().paymentsConfirmed()).isEqualTo(1);
  }

  @Test
  void a_payment_the_customer_moved_first_keeps_what_the_customer_did() {
    String cancelled = client.createPayment();
    String paying = client.createPayment();
    assertThat(client.simulate(cancelled, "cancelled").statusCode()).isEqualTo(200);
    assertThat(client.simulate(paying, "inprogress").statusCode()).isEqualTo(200);
    String untouched = client.createPayment();

    // The settlements run on one scheduler in the order they fall due: once the last one ran,
    // the earlier two have had their turn.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> status(untouched) == PaymentStatus.CONFIRMED);
    assertThat(status(cancelled)).isEqualTo(PaymentStatus.CANCELLED);
    assertThat(status(paying)).isEqualTo(PaymentStatus.INPROGRESS);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 5);
    assertThat(webhookStatuses(cancelled)).containsExactly("inprogress", "cancelled");
    assertThat(webhookStatuses(paying)).containsExactly("inprogress");
    assertThat(sandbox.ledger().paymentsConfirmed()).isEqualTo(1);
  }

  @Test
  void a_replayed_create_settles_its_payment_once() {
    String body = SandboxClient.paymentBody("order-replayed", 1050, "EUR");
    assertThat(client.createPayment(body, "key-replayed").statusCode()).isEqualTo(201);
    assertThat(
            client.createPayment(body, "key-replayed").headers().firstValue("Idempotent-Replayed"))
        .hasValue("true");
    String tx = sandbox.payments().get(0).transactionId();

    await().atMost(Duration.ofSeconds(10)).until(() -> status(tx) == PaymentStatus.CONFIRMED);
    String later = client.createPayment();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(later) == PaymentStatus.CONFIRMED);
    await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 4);
    assertThat(webhookStatuses(tx)).containsExactly("inprogress", "confirmed");
  }
}
