package dev.paykit.spring.boot;

import dev.paykit.port.in.DispatchOutbox;
import dev.paykit.port.in.ProcessInbox;
import dev.paykit.port.in.Reconcile;
import dev.paykit.port.in.RemindEvidenceDue;
import dev.paykit.port.in.RunSubscriptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The inbox, reconciler, outbox, evidence reminder and subscription workers as lifecycle beans:
 * started with the application context, stopped gracefully (within {@code
 * paykit.workers.shutdown-grace}) when it closes, after the web server. {@code
 * paykit.workers.enabled=false} leaves them to another process.
 */
@AutoConfiguration(after = PaykitAutoConfiguration.class)
@ConditionalOnProperty(prefix = "paykit.workers", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(PaykitProperties.class)
public class PaykitWorkersAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  InboxWorkerLifecycle paykitInboxWorker(ProcessInbox inbox, PaykitProperties properties) {
    PaykitSettingsFactory settings = new PaykitSettingsFactory(properties);
    return new InboxWorkerLifecycle(inbox, settings.workerSettings(), settings.shutdownGrace());
  }

  @Bean
  @ConditionalOnMissingBean
  ReconcilerWorkerLifecycle paykitReconcilerWorker(
      Reconcile reconcile, PaykitProperties properties) {
    PaykitSettingsFactory settings = new PaykitSettingsFactory(properties);
    return new ReconcilerWorkerLifecycle(
        reconcile, settings.workerSettings(), settings.shutdownGrace());
  }

  @Bean
  @ConditionalOnMissingBean
  EvidenceReminderWorkerLifecycle paykitEvidenceReminderWorker(
      RemindEvidenceDue reminders, PaykitProperties properties) {
    PaykitSettingsFactory settings = new PaykitSettingsFactory(properties);
    return new EvidenceReminderWorkerLifecycle(
        reminders, settings.workerSettings(), settings.shutdownGrace());
  }

  @Bean
  @ConditionalOnMissingBean
  SubscriptionWorkerLifecycle paykitSubscriptionWorker(
      RunSubscriptions subscriptions, PaykitProperties properties) {
    PaykitSettingsFactory settings = new PaykitSettingsFactory(properties);
    return new SubscriptionWorkerLifecycle(
        subscriptions, settings.workerSettings(), settings.shutdownGrace());
  }

  @Bean
  @ConditionalOnMissingBean
  OutboxWorkerLifecycle paykitOutboxWorker(DispatchOutbox outbox, PaykitProperties properties) {
    PaykitSettingsFactory settings = new PaykitSettingsFactory(properties);
    return new OutboxWorkerLifecycle(
        outbox, settings.outboxWorkerSettings(), settings.shutdownGrace());
  }
}
