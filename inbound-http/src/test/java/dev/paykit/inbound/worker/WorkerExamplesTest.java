package dev.paykit.inbound.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.service.PaykitCore;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The workers example of the README, compiled and run as written there. */
class WorkerExamplesTest {
  private final InMemoryPaykit memory = new InMemoryPaykit(Clock.systemUTC());
  private final PaykitCore paykit = memory.core();

  @Test
  void the_readme_workers_apply_a_webhook_and_stop_with_the_app() {
    WorkerSettings settings =
        WorkerSettings.defaults().withThreads(2).withReconcileInterval(Duration.ofMinutes(5));
    InboxWorker inbox = new InboxWorker(paykit.inbox(), settings).start();
    ReconcilerWorker reconciler = new ReconcilerWorker(paykit.reconcile(), settings).start();

    Payment payment = memory.started("order-1");
    memory.receive(memory.confirm(payment));

    // When the webhook endpoint has accepted an event, apply it now rather than at the next poll:
    inbox.wakeUp();

    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                memory.payments().findById(payment.id()).orElseThrow().state()
                    == PaymentState.SUCCEEDED);

    // On shutdown, once the webhook endpoint takes no more requests:
    boolean reconcilerEnded = reconciler.stop(Duration.ofSeconds(10));
    boolean inboxEnded = inbox.stop(Duration.ofSeconds(10));

    assertThat(reconcilerEnded).isTrue();
    assertThat(inboxEnded).isTrue();
    assertThat(Threads.alive("paykit-inbox-")).isEmpty();
    assertThat(Threads.alive("paykit-reconciler-")).isEmpty();
  }
}
