package dev.paykit.core.flows;

import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.payment.Payment;
import dev.paykit.domain.payment.ProviderStatus;
import dev.paykit.port.in.CreatePaymentCommand;
import dev.paykit.port.in.WebhookReceipt;
import dev.paykit.port.out.Outbox;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.out.PaymentStore;
import dev.paykit.port.out.WebhookInbox;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.FakeProvider;
import dev.paykit.testkit.fake.SignedWebhook;
import java.time.Clock;

/**
 * The real core on fresh in-memory stores and the testkit's fake provider, with the default
 * settings: for the tests of one service or of the inbound pieces, which need the whole core but
 * not the flows contract. Published in this module's test jar.
 */
public final class InMemoryPaykit {
  private final FakeProvider provider;
  private final InMemoryStores stores = new InMemoryStores();
  private final PaykitCore core;

  /**
   * The core and the provider on {@code clock}; {@code observer} hears what the core reports, and
   * {@code shop} is handed the outbox's events by {@code core().outbox()}.
   */
  public InMemoryPaykit(Clock clock, PaykitObserver observer, PaymentEventHandler shop) {
    this.provider = new FakeProvider(clock);
    this.core =
        PaykitCore.builder()
            .stores(stores)
            .provider(provider.gateway(), provider.webhookVerifier(clock), provider.webhookParser())
            .observer(observer)
            .eventHandler(shop)
            .settings(PaykitSettings.defaults())
            .clock(clock)
            .build();
  }

  /** Without a handler of the shop's: the outbox's events are written and wait. */
  public InMemoryPaykit(Clock clock, PaykitObserver observer) {
    this(clock, observer, null);
  }

  public InMemoryPaykit(Clock clock) {
    this(clock, PaykitObserver.noop());
  }

  public PaykitCore core() {
    return core;
  }

  public FakeProvider provider() {
    return provider;
  }

  public PaymentStore payments() {
    return stores.payments();
  }

  public WebhookInbox inbox() {
    return stores.inbox();
  }

  public Outbox outbox() {
    return stores.outbox();
  }

  /** A payment for {@code order} (EUR 10.50) that the provider has accepted. */
  public Payment started(String order) {
    return core.create()
        .create(
            new CreatePaymentCommand(
                IdempotencyKey.derive("test", order, "attempt-1"), PaymentSamples.request(order)))
        .payment();
  }

  /** The provider confirms the payment: the webhook it sends, not delivered yet. */
  public SignedWebhook confirm(Payment payment) {
    return provider.move(payment.transactionId(), ProviderStatus.CONFIRMED, null);
  }

  /** Delivers a webhook to the core as the endpoint would: verified and stored in the inbox. */
  public WebhookReceipt receive(SignedWebhook webhook) {
    return core.receiveWebhook().receive(webhook.body(), webhook.headers());
  }
}
