package dev.paykit.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.core.flows.InMemoryPaykit;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.PaymentState;
import dev.paykit.port.in.InboxRunReport;
import dev.paykit.port.out.PaykitEvent;
import dev.paykit.port.shared.InboxEvent;
import dev.paykit.testkit.fake.SignedWebhook;
import dev.paykit.testkit.flows.FlowClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A pass over the inbox that is asked to stop gives back what it has not applied. */
class ProcessInboxServiceTest {
  private final FlowClock clock = new FlowClock(Instant.parse("2026-11-24T10:00:00Z"));
  private final AtomicBoolean stopAfterTheFirst = new AtomicBoolean();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Payment> started = new ArrayList<>();
  private final InMemoryPaykit paykit =
      new InMemoryPaykit(
          clock,
          event -> {
            if (event instanceof PaykitEvent.WebhookProcessed && stopAfterTheFirst.get()) {
              stop.set(true);
            }
          });

  @Test
  void a_pass_asked_to_stop_applies_the_event_it_is_on_and_gives_the_rest_back() {
    List<SignedWebhook> webhooks = confirmedPayments(3);
    receive(webhooks);
    stopAfterTheFirst.set(true);

    InboxRunReport report = paykit.core().inbox().processPending(10, stop::get);

    assertThat(report.claimed()).isEqualTo(3);
    assertThat(report.processed()).isEqualTo(1);
    assertThat(report.released()).isEqualTo(2);
    List<InboxEvent> stored =
        webhooks.stream().map(w -> paykit.inbox().find(w.eventId()).orElseThrow()).toList();
    assertThat(stored)
        .extracting(InboxEvent::status)
        .containsExactly(
            InboxEvent.Status.PROCESSED, InboxEvent.Status.PENDING, InboxEvent.Status.PENDING);
    assertThat(stored.subList(1, 3))
        .allSatisfy(
            e -> {
              assertThat(e.attempts()).isZero();
              assertThat(e.claimToken()).isNull();
            });
  }

  @Test
  void what_a_stopped_pass_gave_back_the_next_pass_applies_at_once() {
    receive(confirmedPayments(2));
    stopAfterTheFirst.set(true);
    paykit.core().inbox().processPending(10, stop::get);

    InboxRunReport next = paykit.core().inbox().processPending(10);

    assertThat(next.processed()).isEqualTo(1);
    assertThat(started)
        .extracting(p -> paykit.payments().findById(p.id()).orElseThrow().state())
        .containsOnly(PaymentState.SUCCEEDED);
  }

  @Test
  void a_pass_asked_to_stop_before_it_began_claims_nothing() {
    SignedWebhook webhook = confirmedPayments(1).get(0);
    receive(List.of(webhook));

    InboxRunReport report = paykit.core().inbox().processPending(10, () -> true);

    assertThat(report.claimed()).isZero();
    assertThat(paykit.inbox().find(webhook.eventId()).orElseThrow().status())
        .isEqualTo(InboxEvent.Status.PENDING);
  }

  /** Started payments the provider has confirmed; their webhooks are not delivered yet. */
  private List<SignedWebhook> confirmedPayments(int count) {
    List<SignedWebhook> webhooks = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      Payment payment = paykit.started("order-" + i);
      started.add(payment);
      webhooks.add(paykit.confirm(payment));
    }
    return webhooks;
  }

  /** Receives the webhooks a millisecond apart, so that the inbox holds them in this order. */
  private void receive(List<SignedWebhook> webhooks) {
    for (SignedWebhook webhook : webhooks) {
      paykit.receive(webhook);
      clock.advance(Duration.ofMillis(1));
    }
  }
}
