package dev.paykit.app.tour;

import dev.paykit.app.tour.flows.CreateTimeoutRecoveredFlow;
import dev.paykit.app.tour.flows.CustomerCancelFlow;
import dev.paykit.app.tour.flows.DeclineFlow;
import dev.paykit.app.tour.flows.DisputeWonFlow;
import dev.paykit.app.tour.flows.DuplicateWebhookFlow;
import dev.paykit.app.tour.flows.ExpiryFlow;
import dev.paykit.app.tour.flows.FailoverToSecondProviderFlow;
import dev.paykit.app.tour.flows.ForgedWebhookFlow;
import dev.paykit.app.tour.flows.FulfilmentRetriedFlow;
import dev.paykit.app.tour.flows.IdempotentRetryFlow;
import dev.paykit.app.tour.flows.KeyReuseConflictFlow;
import dev.paykit.app.tour.flows.OutOfOrderWebhooksFlow;
import dev.paykit.app.tour.flows.OutageQueuedFlow;
import dev.paykit.app.tour.flows.PaidOrderRefusedFlow;
import dev.paykit.app.tour.flows.PartialAndFullRefundFlow;
import dev.paykit.app.tour.flows.ReconcileMissingWebhookFlow;
import dev.paykit.app.tour.flows.RedirectBeforeWebhookFlow;
import dev.paykit.app.tour.flows.ReplayedWebhookFlow;
import dev.paykit.app.tour.flows.RetryAfterRateLimitFlow;
import dev.paykit.app.tour.flows.RoutedByCurrencyFlow;
import dev.paykit.app.tour.flows.SubscriptionAuthenticationFlow;
import dev.paykit.app.tour.flows.SubscriptionCancelFlow;
import dev.paykit.app.tour.flows.SubscriptionDunningFlow;
import dev.paykit.app.tour.flows.SubscriptionMethodRemovedFlow;
import dev.paykit.app.tour.flows.SubscriptionRenewsFlow;
import dev.paykit.app.tour.flows.SuccessFlow;
import dev.paykit.app.tour.flows.TokenRefreshFlow;
import java.util.List;
import java.util.function.Function;

/** Which flows a tour runs, in order; the standard catalogue is every flow of the issue. */
@FunctionalInterface
public interface FlowCatalog extends Function<TourSettings, List<Flow>> {

  /** Every flow, in the order the tour tells them. */
  static FlowCatalog standard() {
    return settings ->
        List.of(
            new SuccessFlow(),
            new DeclineFlow(),
            new CustomerCancelFlow(),
            new ExpiryFlow(),
            new RedirectBeforeWebhookFlow(),
            new DuplicateWebhookFlow(),
            new OutOfOrderWebhooksFlow(),
            new ForgedWebhookFlow(),
            new ReplayedWebhookFlow(),
            new CreateTimeoutRecoveredFlow(
                settings.requestTimeout(), settings.retry().maxAttempts()),
            new RetryAfterRateLimitFlow(),
            new TokenRefreshFlow(settings.tokenLifetime()),
            new OutageQueuedFlow(settings.retry().maxAttempts(), settings.paykit().resubmitAfter()),
            new RoutedByCurrencyFlow(),
            new FailoverToSecondProviderFlow(settings.retry().maxAttempts()),
            new IdempotentRetryFlow(),
            new KeyReuseConflictFlow(),
            new PaidOrderRefusedFlow(),
            new PartialAndFullRefundFlow(),
            new DisputeWonFlow(),
            new SubscriptionRenewsFlow(),
            new SubscriptionDunningFlow(),
            new SubscriptionAuthenticationFlow(),
            new SubscriptionCancelFlow(),
            new SubscriptionMethodRemovedFlow(),
            new FulfilmentRetriedFlow(),
            new ReconcileMissingWebhookFlow(settings.paykit().reconcileAfter()));
  }
}
