package dev.paykit.service;

import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.Disputes;
import dev.paykit.port.in.ListPayments;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.ReceiveWebhook;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.RefundPayment;
import dev.paykit.port.in.RemindEvidenceDue;
import dev.paykit.port.in.RunSubscriptions;
import dev.paykit.port.in.SubmitEvidence;
import dev.paykit.port.in.Subscriptions;
import dev.paykit.port.in.VerifyPayment;
import dev.paykit.port.out.PaykitObserver;
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Every use case, wired from the ports by hand: how to embed Paykit without a DI container. With
 * Guice (or Spring, CDI, Dagger) the services' {@code @Inject} constructors do the same.
 */
public final class PaykitCore {
  private final CreatePayment create;
  private final VerifyPayment verify;
  private final ReceiveWebhook receive;
  private final ProcessInbox inbox;
  private final Reconcile reconcile;
  private final RefundPayment refund;
  private final ListPayments list;
  private final DispatchOutbox outbox;
  private final SubmitEvidence evidence;
  private final Disputes disputes;
  private final RemindEvidenceDue reminders;
  private final Subscriptions subscriptions;
  private final RunSubscriptions runSubscriptions;

  private PaykitCore(Builder b) {
    KeyedRequests requests = new KeyedRequests(b.stores, b.observer, b.settings, b.clock);
    OptimisticWriter writer = new OptimisticWriter(b.stores, b.observer, b.clock);
    ProviderRouting routing = b.routing != null ? b.routing : ProviderRouting.first(b.providers);
    ProviderChoice choice = new ProviderChoice(b.providers, routing, b.stores);
    PaymentSubmitter payments =
        new PaymentSubmitter(choice, b.stores, requests, writer, b.observer, b.clock);
    RefundSubmitter refunds = new RefundSubmitter(choice, requests, writer, b.clock);
    CreatePaymentService creates =
        new CreatePaymentService(
            b.stores, requests, choice, payments, b.observer, b.settings, b.clock);
    create = creates;
    verify = new VerifyPaymentService(b.stores, choice, writer, payments, b.clock);
    receive = new ReceiveWebhookService(b.providers, b.stores.inbox(), b.observer, b.clock);
    DisputeOpener opener = new DisputeOpener(b.stores, b.observer, b.clock);
    inbox =
        new ProcessInboxService(
            b.stores, b.providers, writer, opener, b.observer, b.settings, b.clock);
    reconcile =
        new ReconcileService(
            b.stores, choice, writer, payments, refunds, b.observer, b.settings, b.clock);
    refund = new RefundService(b.stores, requests, refunds, b.clock);
    list = new ListPaymentsService(b.stores);
    evidence = new SubmitEvidenceService(b.stores, choice, requests, writer, b.clock);
    disputes = new DisputesService(b.stores);
    reminders = new RemindEvidenceDueService(b.stores, writer, b.observer, b.settings, b.clock);
    SubscriptionCharges charges = new SubscriptionCharges(creates, b.stores);
    subscriptions =
        new SubscriptionsService(b.stores, writer, charges, b.subscriptionSettings, b.clock);
    runSubscriptions =
        new RunSubscriptionsService(
            b.stores, choice, writer, charges, b.subscriptionSettings, b.clock);
    outbox =
        new DispatchOutboxService(
            b.stores, Optional.ofNullable(b.eventHandler), b.observer, b.settings, b.clock);
  }

  public static Builder builder() {
    return new Builder();
  }

  public CreatePayment create() {
    return create;
  }

  public VerifyPayment verify() {
    return verify;
  }

  public ReceiveWebhook receiveWebhook() {
    return receive;
  }

  public ProcessInbox inbox() {
    return inbox;
  }

  public Reconcile reconcile() {
    return reconcile;
  }

  public RefundPayment refund() {
    return refund;
  }

  public ListPayments list() {
    return list;
  }

  /** Sends a dispute's evidence, idempotently. */
  public SubmitEvidence evidence() {
    return evidence;
  }

  /** Disputes and their timelines. */
  public Disputes disputes() {
    return disputes;
  }

  /** Raises the evidence-due reminders and measures the disputes; run it on a timer. */
  public RemindEvidenceDue reminders() {
    return reminders;
  }

  /** Sign-ups, cancellations and the customer's return on-session. */
  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Activations, renewal notices, renewals and dunning; run it on a timer, on any instance. */
  public RunSubscriptions runSubscriptions() {
    return runSubscriptions;
  }

  /** Hands the outbox's events to the handler given to {@link Builder#eventHandler}. */
  public DispatchOutbox outbox() {
    return outbox;
  }

  /**
   * Collects the adapters; the stores and the provider (or the providers) are required. With one
   * provider ({@link #provider}) nothing else is needed; with several ({@link #providers}), {@link
   * #routing} says which takes each payment, the first given taking all without it.
   */
  public static final class Builder {
    private Stores stores;
    private ProviderGateways providers;
    private ProviderRouting routing;
    private PaymentEventHandler eventHandler;
    private PaykitObserver observer = PaykitObserver.noop();
    private PaykitSettings settings = PaykitSettings.defaults();
    private SubscriptionSettings subscriptionSettings = SubscriptionSettings.defaults();
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The stores and their unit of work, of one family: {@code JdbcStores}, {@code InMemoryStores}.
     */
    public Builder stores(Stores value) {
      this.stores = value;
      return this;
    }

    /** The shop's one provider, {@link dev.paykit.domain.payment.ProviderName#DEFAULT}. */
    public Builder provider(
        ProviderGateway gateway, WebhookVerifier verifier, WebhookParser parser) {
      Objects.requireNonNull(gateway, "provider gateway");
      Objects.requireNonNull(verifier, "webhook verifier");
      Objects.requireNonNull(parser, "webhook parser");
      this.providers = ProviderGateways.single(gateway, verifier, parser);
      return this;
    }

    /** The shop's providers, each by its name; replaces {@link #provider}. */
    public Builder providers(ProviderGateways value) {
      this.providers = value;
      return this;
    }

    /**
     * Which provider takes each new payment, and where it may fail over to. Optional: without it
     * every payment goes to the first provider, without failover.
     */
    public Builder routing(ProviderRouting value) {
      this.routing = value;
      return this;
    }

    /**
     * The shop's handler of outcomes, which {@link PaykitCore#outbox()} delivers every outbox event
     * to. Optional: without one the events are still written, and wait in the outbox.
     */
    public Builder eventHandler(PaymentEventHandler value) {
      this.eventHandler = value;
      return this;
    }

    public Builder observer(PaykitObserver value) {
      this.observer = value;
      return this;
    }

    public Builder settings(PaykitSettings value) {
      this.settings = value;
      return this;
    }

    public Builder subscriptionSettings(SubscriptionSettings value) {
      this.subscriptionSettings = value;
      return this;
    }

    public Builder clock(Clock value) {
      this.clock = value;
      return this;
    }

    public PaykitCore build() {
      Objects.requireNonNull(stores, "stores (call stores(...))");
      Objects.requireNonNull(providers, "provider (call provider(...) or providers(...))");
      Objects.requireNonNull(observer, "observer");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(subscriptionSettings, "subscriptionSettings");
      Objects.requireNonNull(clock, "clock");
      return new PaykitCore(this);
    }
  }
}
