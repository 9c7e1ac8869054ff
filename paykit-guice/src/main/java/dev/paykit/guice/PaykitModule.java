package dev.paykit.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import dev.paykit.domain.payment.ProviderName;
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
import dev.paykit.port.out.PaymentEventHandler;
import dev.paykit.port.out.ProviderGateway;
import dev.paykit.port.out.ProviderGateways;
import dev.paykit.port.out.ProviderRouting;
import dev.paykit.port.out.WebhookParser;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.service.CreatePaymentService;
import dev.paykit.service.DispatchOutboxService;
import dev.paykit.service.DisputesService;
import dev.paykit.service.ListPaymentsService;
import dev.paykit.service.PaykitSettings;
import dev.paykit.service.ProcessInboxService;
import dev.paykit.service.ReceiveWebhookService;
import dev.paykit.service.ReconcileService;
import dev.paykit.service.RefundService;
import dev.paykit.service.RemindEvidenceDueService;
import dev.paykit.service.RunSubscriptionsService;
import dev.paykit.service.SubmitEvidenceService;
import dev.paykit.service.SubscriptionSettings;
import dev.paykit.service.SubscriptionsService;
import dev.paykit.service.VerifyPaymentService;
import java.time.Clock;
import java.util.Objects;

/**
 * Binds every use case to its service, with the settings and the clock the services share. The
 * adapters come from their own modules: a store module, a provider module and an observer module.
 *
 * <p>One provider needs nothing more: its module's {@link ProviderGateway}, {@link WebhookVerifier}
 * and {@link WebhookParser} are the shop's one provider, {@link ProviderName#DEFAULT}. Several are
 * bound as {@link ProviderGateways} with {@code OptionalBinder.newOptionalBinder(binder(),
 * ProviderGateways.class).setBinding().toInstance(...)}, and the shop's rule for which takes each
 * payment as {@link ProviderRouting} the same way; without a rule every payment goes to the first.
 */
public final class PaykitModule extends AbstractModule {
  private final PaykitSettings settings;
  private final SubscriptionSettings subscriptions;
  private final Clock clock;

  public PaykitModule(PaykitSettings settings, Clock clock) {
    this(settings, SubscriptionSettings.defaults(), clock);
  }

  public PaykitModule(PaykitSettings settings, SubscriptionSettings subscriptions, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  protected void configure() {
    bind(CreatePayment.class).to(CreatePaymentService.class).in(Singleton.class);
    bind(VerifyPayment.class).to(VerifyPaymentService.class).in(Singleton.class);
    bind(ReceiveWebhook.class).to(ReceiveWebhookService.class).in(Singleton.class);
    bind(ProcessInbox.class).to(ProcessInboxService.class).in(Singleton.class);
    bind(Reconcile.class).to(ReconcileService.class).in(Singleton.class);
    bind(RefundPayment.class).to(RefundService.class).in(Singleton.class);
    bind(ListPayments.class).to(ListPaymentsService.class).in(Singleton.class);
    bind(DispatchOutbox.class).to(DispatchOutboxService.class).in(Singleton.class);
    bind(SubmitEvidence.class).to(SubmitEvidenceService.class).in(Singleton.class);
    bind(Disputes.class).to(DisputesService.class).in(Singleton.class);
    bind(RemindEvidenceDue.class).to(RemindEvidenceDueService.class).in(Singleton.class);
    bind(Subscriptions.class).to(SubscriptionsService.class).in(Singleton.class);
    bind(RunSubscriptions.class).to(RunSubscriptionsService.class).in(Singleton.class);
    // The shop binds its handler with OptionalBinder.newOptionalBinder(binder(),
    // PaymentEventHandler.class).setBinding().to(...); without one the events wait in the outbox.
    OptionalBinder.newOptionalBinder(binder(), PaymentEventHandler.class);
    OptionalBinder.newOptionalBinder(binder(), ProviderGateways.class)
        .setDefault()
        .toProvider(OneProvider.class)
        .in(Singleton.class);
    OptionalBinder.newOptionalBinder(binder(), ProviderRouting.class)
        .setDefault()
        .toProvider(ToTheFirst.class)
        .in(Singleton.class);
  }

  /** The shop's one provider, from the adapters its provider module binds. */
  private static final class OneProvider implements Provider<ProviderGateways> {
    private final Injector injector;

    @Inject
    OneProvider(Injector injector) {
      this.injector = injector;
    }

    @Override
    public ProviderGateways get() {
      // Looked up only when no ProviderGateways is bound: a shop of several providers need not
      // bind a single gateway, verifier and parser.
      return ProviderGateways.single(
          injector.getInstance(ProviderGateway.class),
          injector.getInstance(WebhookVerifier.class),
          injector.getInstance(WebhookParser.class));
    }
  }

  /** Every payment to the first provider, without failover. */
  private static final class ToTheFirst implements Provider<ProviderRouting> {
    private final ProviderGateways providers;

    @Inject
    ToTheFirst(ProviderGateways providers) {
      this.providers = providers;
    }

    @Override
    public ProviderRouting get() {
      return ProviderRouting.first(providers);
    }
  }

  @Provides
  PaykitSettings settings() {
    return settings;
  }

  @Provides
  SubscriptionSettings subscriptionSettings() {
    return subscriptions;
  }

  @Provides
  Clock clock() {
    return clock;
  }
}
