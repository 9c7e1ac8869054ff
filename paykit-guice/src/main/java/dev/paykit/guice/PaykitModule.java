package dev.paykit.guice;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
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
