package dev.paykit.spring.boot;

import dev.paykit.inbound.returnpage.ReturnPage;
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
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Every use case of {@code dev.paykit.port.in}, wired by {@link PaykitCore} from the stores, the
 * provider, the observer and the application's {@link PaymentEventHandler} bean, if it has one.
 * Each bean backs off when the application defines its own.
 *
 * <p>The provider is the one {@link ProviderGateway}, {@link WebhookVerifier} and {@link
 * WebhookParser} beans ({@code paykit.provider.*} makes them), unless the application defines a
 * {@link ProviderGateways} bean with several providers by name; then its {@link ProviderRouting}
 * bean, if it has one, says which takes each payment (the first takes all without it).
 */
@AutoConfiguration(
    after = {
      PaykitStoresAutoConfiguration.class,
      PaykitHttpProviderAutoConfiguration.class,
      PaykitObservabilityAutoConfiguration.class
    })
@EnableConfigurationProperties(PaykitProperties.class)
public class PaykitAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock paykitClock() {
    return Clock.systemUTC();
  }

  /** Checks every {@code paykit.*} property that needs no adapter, before anything starts. */
  @Bean
  @ConditionalOnMissingBean
  PaykitSettings paykitSettings(PaykitProperties properties) {
    PaykitSettingsFactory factory = new PaykitSettingsFactory(properties);
    factory.checkAll();
    return factory.coreSettings();
  }

  @Bean
  @ConditionalOnMissingBean
  PaykitObserver paykitNoObserver() {
    return PaykitObserver.noop();
  }

  /**
   * The parameters come in this order, and the providers are made first, on purpose: the provider's
   * and the webhooks' settings are checked before the stores migrate anything.
   */
  @Bean
  @ConditionalOnMissingBean
  PaykitCore paykitCore(
      PaykitSettings settings,
      ObjectProvider<ProviderGateways> several,
      ObjectProvider<ProviderRouting> routing,
      ObjectProvider<ProviderGateway> gateway,
      ObjectProvider<WebhookVerifier> verifier,
      ObjectProvider<WebhookParser> parser,
      PaykitObserver observer,
      Clock clock,
      ObjectProvider<Stores> stores,
      ObjectProvider<PaymentEventHandler> handler,
      PaykitProperties properties) {
    ProviderGateways providers = several.getIfAvailable();
    if (providers == null) {
      providers =
          ProviderGateways.single(gateway.getObject(), verifier.getObject(), parser.getObject());
    }
    return PaykitCore.builder()
        .settings(settings)
        .providers(providers)
        .routing(routing.getIfAvailable())
        .observer(observer)
        .clock(clock)
        .stores(storesOf(stores, properties))
        .eventHandler(handler.getIfAvailable())
        .build();
  }

  private static Stores storesOf(ObjectProvider<Stores> stores, PaykitProperties properties) {
    Stores found = stores.getIfAvailable();
    if (found != null) {
      return found;
    }
    if (properties.getStore().getType() == PaykitProperties.StoreType.MEMORY) {
      throw new InvalidPaykitPropertyException(
          "paykit.store.type",
          "is memory, but dev.paykit:paykit-adapter-inmemory is not on the class path");
    }
    throw new InvalidPaykitPropertyException(
        "paykit.store.type",
        "is jdbc (the default), but the application has no single DataSource bean (add"
            + " spring-boot-starter-jdbc and spring.datasource.url) or"
            + " dev.paykit:paykit-adapter-jdbc is not on the class path; memory is for tests only");
  }

  @Bean
  @ConditionalOnMissingBean
  CreatePayment paykitCreatePayment(PaykitCore core) {
    return core.create();
  }

  @Bean
  @ConditionalOnMissingBean
  VerifyPayment paykitVerifyPayment(PaykitCore core) {
    return core.verify();
  }

  @Bean
  @ConditionalOnMissingBean
  ReceiveWebhook paykitReceiveWebhook(PaykitCore core) {
    return core.receiveWebhook();
  }

  @Bean
  @ConditionalOnMissingBean
  ProcessInbox paykitProcessInbox(PaykitCore core) {
    return core.inbox();
  }

  @Bean
  @ConditionalOnMissingBean
  Reconcile paykitReconcile(PaykitCore core) {
    return core.reconcile();
  }

  @Bean
  @ConditionalOnMissingBean
  RefundPayment paykitRefundPayment(PaykitCore core) {
    return core.refund();
  }

  @Bean
  @ConditionalOnMissingBean
  ListPayments paykitListPayments(PaykitCore core) {
    return core.list();
  }

  @Bean
  @ConditionalOnMissingBean
  DispatchOutbox paykitDispatchOutbox(PaykitCore core) {
    return core.outbox();
  }

  @Bean
  @ConditionalOnMissingBean
  SubmitEvidence paykitSubmitEvidence(PaykitCore core) {
    return core.evidence();
  }

  @Bean
  @ConditionalOnMissingBean
  Disputes paykitDisputes(PaykitCore core) {
    return core.disputes();
  }

  @Bean
  @ConditionalOnMissingBean
  RemindEvidenceDue paykitRemindEvidenceDue(PaykitCore core) {
    return core.reminders();
  }

  @Bean
  @ConditionalOnMissingBean
  Subscriptions paykitSubscriptions(PaykitCore core) {
    return core.subscriptions();
  }

  @Bean
  @ConditionalOnMissingBean
  RunSubscriptions paykitRunSubscriptions(PaykitCore core) {
    return core.runSubscriptions();
  }

  /** The return page's logic: the shop's own controller shows what it answers. */
  @Bean
  @ConditionalOnMissingBean
  ReturnPage paykitReturnPage(ListPayments list, VerifyPayment verify) {
    return new ReturnPage(list, verify);
  }
}
