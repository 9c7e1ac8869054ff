package dev.paykit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paykit.adapter.http.HttpProviderGateway;
import dev.paykit.adapter.http.JacksonWebhookParser;
import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.http.StandardWebhookVerifier;
import dev.paykit.adapter.inmemory.InMemoryStores;
import dev.paykit.adapter.jdbc.JdbcStores;
import dev.paykit.adapter.observability.CompositePaykitObserver;
import dev.paykit.adapter.observability.Slf4jPaykitObserver;
import dev.paykit.domain.idempotency.IdempotencyKey;
import dev.paykit.domain.money.Money;
import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.inbound.returnpage.ReturnPage;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.port.in.CreatePayment;
import dev.paykit.port.in.CreatePaymentCommand;
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
import dev.paykit.port.out.Secret;
import dev.paykit.port.out.Stores;
import dev.paykit.port.out.WebhookVerifier;
import dev.paykit.port.shared.InboxBacklog;
import dev.paykit.service.PaykitCore;
import dev.paykit.service.PaykitSettings;
import dev.paykit.testkit.PaymentSamples;
import dev.paykit.testkit.fake.InstantGateway;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every condition of the auto-configuration, on a context per case. */
class PaykitAutoConfigurationTest {
  static final String CLIENT_SECRET = "cs_test_3e1f9b2a77d04c";
  static final String WEBHOOK_SECRET = "whsec_" + "c2VjcmV0LXRoYXQtbXVzdC1uZXZlci1sZWFr";

  static final AutoConfigurations PAYKIT =
      AutoConfigurations.of(
          PaykitStoresAutoConfiguration.class,
          PaykitHttpProviderAutoConfiguration.class,
          PaykitObservabilityAutoConfiguration.class,
          PaykitAutoConfiguration.class,
          PaykitWorkersAutoConfiguration.class,
          PaykitWebhookAutoConfiguration.class,
          PaykitHealthAutoConfiguration.class);

  /** A complete configuration on in-memory stores. */
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(PAYKIT)
          .withPropertyValues(
              "paykit.store.type=memory",
              "paykit.provider.url=https://provider.example",
              "paykit.provider.client.id=shop",
              "paykit.provider.client.secret=" + CLIENT_SECRET,
              "paykit.webhooks.secrets=" + WEBHOOK_SECRET);

  @Test
  void defaults_give_every_use_case_the_http_provider_and_the_workers() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          for (Class<?> useCase :
              List.of(
                  CreatePayment.class,
                  VerifyPayment.class,
                  ReceiveWebhook.class,
                  ProcessInbox.class,
                  Reconcile.class,
                  RefundPayment.class,
                  ListPayments.class,
                  DispatchOutbox.class,
                  SubmitEvidence.class,
                  Disputes.class,
                  RemindEvidenceDue.class,
                  Subscriptions.class,
                  RunSubscriptions.class)) {
            assertThat(context).hasSingleBean(useCase);
          }
          assertThat(context).hasSingleBean(PaykitCore.class).hasSingleBean(ReturnPage.class);
          assertThat(context.getBean(Stores.class)).isInstanceOf(InMemoryStores.class);
          assertThat(context.getBean(ProviderGateway.class))
              .isInstanceOf(HttpProviderGateway.class);
          assertThat(context.getBean(WebhookVerifier.class))
              .isInstanceOf(StandardWebhookVerifier.class);
          assertThat(context).hasSingleBean(JacksonWebhookParser.class);
          assertThat(context.getBean(PaykitObserver.class)).isInstanceOf(Slf4jPaykitObserver.class);
          assertThat(context.getBean(InboxWorkerLifecycle.class).isRunning()).isTrue();
          assertThat(context.getBean(ReconcilerWorkerLifecycle.class).isRunning()).isTrue();
          assertThat(context.getBean(OutboxWorkerLifecycle.class).isRunning()).isTrue();
          assertThat(context.getBean(EvidenceReminderWorkerLifecycle.class).isRunning()).isTrue();
          assertThat(context.getBean(SubscriptionWorkerLifecycle.class).isRunning()).isTrue();
          // Not a web application: no endpoint.
          assertThat(context).doesNotHaveBean(PaykitWebhookController.class);
        });
  }

  @Test
  void the_workers_stop_with_the_context() {
    // Relative: another test class's cached context may run workers of its own in this JVM.
    long before = threads("paykit-");
    runner.run(
        context -> {
          InboxWorkerLifecycle inbox = context.getBean(InboxWorkerLifecycle.class);
          OutboxWorkerLifecycle outbox = context.getBean(OutboxWorkerLifecycle.class);
          assertThat(threads("paykit-")).isGreaterThan(before);
          context.close();
          assertThat(inbox.isRunning()).isFalse();
          assertThat(outbox.isRunning()).isFalse();
          assertThat(threads("paykit-")).isEqualTo(before);
        });
  }

  @Test
  void workers_enabled_false_runs_no_worker() {
    runner
        .withPropertyValues("paykit.workers.enabled=false")
        .run(
            context -> {
              assertThat(context).hasSingleBean(PaykitCore.class);
              assertThat(context).doesNotHaveBean(InboxWorkerLifecycle.class);
              assertThat(context).doesNotHaveBean(ReconcilerWorkerLifecycle.class);
              assertThat(context).doesNotHaveBean(OutboxWorkerLifecycle.class);
              assertThat(context).doesNotHaveBean(EvidenceReminderWorkerLifecycle.class);
              assertThat(context).doesNotHaveBean(SubscriptionWorkerLifecycle.class);
            });
  }

  @Test
  void the_observer_reports_to_the_applications_meter_registry() {
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(ProviderGateway.class, () -> new InstantGateway(Clock.systemUTC(), "tx"))
        .run(
            context -> {
              assertThat(context.getBean(PaykitObserver.class))
                  .isInstanceOf(CompositePaykitObserver.class);
              create(context.getBean(CreatePayment.class), "order-meters");
              assertThat(
                      context.getBean(MeterRegistry.class).getMeters().stream()
                          .map(meter -> meter.getId().getName()))
                  .anyMatch(name -> name.startsWith("paykit."));
            });
  }

  @Test
  void the_applications_event_handler_gets_the_outbox_events() {
    List<OutboxEvent> handled = new CopyOnWriteArrayList<>();
    runner
        .withPropertyValues("paykit.workers.enabled=false")
        .withBean(PaymentEventHandler.class, () -> handled::add)
        .withBean(ProviderGateway.class, () -> new InstantGateway(Clock.systemUTC(), "tx"))
        .run(
            context -> {
              create(context.getBean(CreatePayment.class), "order-handled");
              context.getBean(DispatchOutbox.class).dispatchPending(10);
              assertThat(handled).isNotEmpty();
              assertThat(handled).allMatch(e -> e.externalId().value().equals("order-handled"));
            });
  }

  @Test
  void each_bean_backs_off_when_the_application_defines_its_own() {
    InMemoryStores stores = new InMemoryStores();
    CreatePayment create = command -> null;
    PaykitObserver observer = event -> {};
    runner
        .withUserConfiguration(Own.class)
        .withBean(Stores.class, () -> stores)
        .withBean(CreatePayment.class, () -> create)
        .withBean(PaykitObserver.class, () -> observer)
        .run(
            context -> {
              assertThat(context.getBean(Stores.class)).isSameAs(stores);
              assertThat(context.getBean(CreatePayment.class)).isSameAs(create);
              assertThat(context.getBean(PaykitObserver.class)).isSameAs(observer);
              assertThat(context.getBean(ProviderGateway.class)).isSameAs(Own.GATEWAY);
              assertThat(context).doesNotHaveBean(ProviderHttpSettings.class);
              assertThat(context).doesNotHaveBean(HttpProviderCheck.class);
              assertThat(context.getBean(VerifyPayment.class))
                  .isSameAs(context.getBean(PaykitCore.class).verify());
            });
  }

  @Test
  void an_application_gateway_needs_no_provider_url_nor_client() {
    new ApplicationContextRunner()
        .withConfiguration(PAYKIT)
        .withPropertyValues("paykit.store.type=memory", "paykit.webhooks.secrets=" + WEBHOOK_SECRET)
        .withUserConfiguration(Own.class)
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PaykitCore.class));
  }

  @Test
  void an_application_core_replaces_every_use_case() {
    runner
        .withBean(
            "myCore",
            PaykitCore.class,
            () ->
                PaykitCore.builder()
                    .stores(new InMemoryStores())
                    .provider(
                        new InstantGateway(Clock.systemUTC(), "own"),
                        new StandardWebhookVerifier(
                            List.of(Secret.of(WEBHOOK_SECRET)), Clock.systemUTC()),
                        new JacksonWebhookParser())
                    .build())
        .run(
            context -> {
              PaykitCore core = context.getBean(PaykitCore.class);
              assertThat(context.getBean(ListPayments.class)).isSameAs(core.list());
              assertThat(context.getBean(DispatchOutbox.class)).isSameAs(core.outbox());
              assertThat(context.getBean(Disputes.class)).isSameAs(core.disputes());
            });
  }

  @Test
  void jdbc_stores_run_paykits_migrations_on_the_applications_data_source() {
    DataSource dataSource = h2("migrated");
    runner
        .withPropertyValues("paykit.store.type=jdbc")
        .withBean(DataSource.class, () -> dataSource)
        .run(
            context -> {
              assertThat(context.getBean(Stores.class)).isInstanceOf(JdbcStores.class);
              assertThat(context.getBean(ProcessInbox.class).backlog())
                  .isEqualTo(InboxBacklog.EMPTY);
              assertThat(historyRows(dataSource, context.getBean(JdbcStores.class).schema()))
                  .isPositive();
            });
  }

  @Test
  void jdbc_is_the_default_store_when_there_is_a_data_source() {
    DataSource dataSource = h2("default");
    new ApplicationContextRunner()
        .withConfiguration(PAYKIT)
        .withPropertyValues(
            "paykit.provider.url=https://provider.example",
            "paykit.provider.client.id=shop",
            "paykit.provider.client.secret=" + CLIENT_SECRET,
            "paykit.webhooks.secrets=" + WEBHOOK_SECRET,
            "paykit.store.schema=paykit_own")
        .withBean(DataSource.class, () -> dataSource)
        .run(
            context -> {
              assertThat(context.getBean(JdbcStores.class).schema()).isEqualTo("paykit_own");
              assertThat(context.getBean(ProcessInbox.class).backlog().waiting()).isZero();
            });
  }

  @Test
  void migrate_false_runs_no_migration_and_refuses_a_schema_not_migrated() {
    DataSource dataSource = h2("unmigrated");
    runner
        .withPropertyValues("paykit.store.type=jdbc", "paykit.store.migrate=false")
        .withBean(DataSource.class, () -> dataSource)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(context.getStartupFailure())
                  .hasStackTraceContaining("schema_not_migrated");
              assertThat(tableCount(dataSource, "paykit_schema_history")).isZero();
            });
  }

  @Test
  void jdbc_without_a_data_source_names_the_store_property() {
    runner
        .withPropertyValues("paykit.store.type=jdbc")
        .run(context -> assertFailureNames(context.getStartupFailure(), "paykit.store.type"));
  }

  @Test
  void the_provider_properties_reach_the_gateways_settings() {
    runner
        .withPropertyValues(
            "paykit.provider.url=http://127.0.0.1:8443/api",
            "paykit.provider.connect-timeout=2s",
            "paykit.provider.request-timeout=7s",
            "paykit.provider.retry.max-attempts=6",
            "paykit.provider.retry.base-delay=100ms",
            "paykit.provider.retry.max-delay=3s",
            "paykit.provider.retry.budget=20s")
        .run(
            context -> {
              ProviderHttpSettings settings = context.getBean(ProviderHttpSettings.class);
              assertThat(settings.baseUri()).hasToString("http://127.0.0.1:8443/api");
              assertThat(settings.clientId()).isEqualTo("shop");
              assertThat(settings.clientSecret().reveal()).isEqualTo(CLIENT_SECRET);
              assertThat(settings.webhookSecrets()).containsExactly(Secret.of(WEBHOOK_SECRET));
              assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
              assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
              assertThat(settings.retryPolicy().maxAttempts()).isEqualTo(6);
              assertThat(settings.retryPolicy().baseDelay()).isEqualTo(Duration.ofMillis(100));
              assertThat(settings.retryPolicy().maxDelay()).isEqualTo(Duration.ofSeconds(3));
              assertThat(settings.retryPolicy().totalBudget()).isEqualTo(Duration.ofSeconds(20));
            });
  }

  @Test
  void localhost_may_be_plain_http() {
    runner
        .withPropertyValues("paykit.provider.url=http://localhost:9000")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void several_webhook_secrets_are_read_for_a_rotation() {
    String next = "whsec_" + "bmV4dC1zZWNyZXQtZm9yLXJvdGF0aW9u";
    runner
        .withPropertyValues("paykit.webhooks.secrets=" + next + "," + WEBHOOK_SECRET)
        .run(
            context ->
                assertThat(context.getBean(ProviderHttpSettings.class).webhookSecrets())
                    .containsExactly(Secret.of(next), Secret.of(WEBHOOK_SECRET)));
  }

  @Test
  void amount_limits_reach_the_core_settings() {
    runner
        .withPropertyValues("paykit.amount-limits.EUR.min=200", "paykit.amount-limits.EUR.max=900")
        .run(
            context -> {
              var limit =
                  context
                      .getBean(PaykitSettings.class)
                      .amountLimits()
                      .limitFor(Currency.getInstance("EUR"));
              assertThat(limit.minMinorUnits()).isEqualTo(200);
              assertThat(limit.maxMinorUnits()).isEqualTo(900);
            });
  }

  @Test
  void worker_and_endpoint_properties_reach_their_settings() {
    runner
        .withPropertyValues(
            "paykit.workers.inbox.threads=3",
            "paykit.workers.inbox.batch-size=20",
            "paykit.workers.inbox.idle-wait=300ms",
            "paykit.workers.inbox.wake-up-interval=0s",
            "paykit.workers.reconciler.interval=2m",
            "paykit.workers.outbox.threads=4",
            "paykit.workers.outbox.batch-size=5",
            "paykit.workers.outbox.idle-wait=200ms",
            "paykit.workers.shutdown-grace=3s",
            "paykit.webhooks.max-body-size=64KB",
            "paykit.webhooks.retry-after=30s")
        .run(
            context -> {
              PaykitSettingsFactory settings =
                  new PaykitSettingsFactory(context.getBean(PaykitProperties.class));
              var inbox = settings.workerSettings();
              assertThat(inbox.threads()).isEqualTo(3);
              assertThat(inbox.batchSize()).isEqualTo(20);
              assertThat(inbox.idleWait()).isEqualTo(Duration.ofMillis(300));
              assertThat(inbox.wakeUpInterval()).isZero();
              assertThat(inbox.reconcileInterval()).isEqualTo(Duration.ofMinutes(2));
              var outbox = settings.outboxWorkerSettings();
              assertThat(outbox.threads()).isEqualTo(4);
              assertThat(outbox.batchSize()).isEqualTo(5);
              assertThat(outbox.idleWait()).isEqualTo(Duration.ofMillis(200));
              assertThat(settings.shutdownGrace()).isEqualTo(Duration.ofSeconds(3));
              WebhookEndpoint.Settings endpoint = settings.endpointSettings();
              assertThat(endpoint.maxBodyBytes()).isEqualTo(64 * 1024);
              assertThat(endpoint.retryAfter()).isEqualTo(Duration.ofSeconds(30));
              assertThat(threads("paykit-inbox-")).isGreaterThanOrEqualTo(3);
            });
  }

  @Test
  void the_webhook_controller_answers_at_the_configured_path() {
    new WebApplicationContextRunner()
        .withConfiguration(PAYKIT)
        .withConfiguration(
            AutoConfigurations.of(
                org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration.class))
        .withPropertyValues(
            "paykit.store.type=memory",
            "paykit.provider.url=https://provider.example",
            "paykit.provider.client.id=shop",
            "paykit.provider.client.secret=" + CLIENT_SECRET,
            "paykit.webhooks.secrets=" + WEBHOOK_SECRET,
            "paykit.webhooks.path=/hooks/paykit")
        .run(
            context -> {
              assertThat(context).hasSingleBean(PaykitWebhookController.class);
              var mvc =
                  org.springframework.test.web.servlet.setup.MockMvcBuilders.webAppContextSetup(
                          context)
                      .build();
              mvc.perform(
                      org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(
                              "/hooks/paykit")
                          .contentType("application/json")
                          .content("{}"))
                  .andExpect(
                      org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                          .isUnauthorized())
                  .andExpect(
                      org.springframework.test.web.servlet.result.MockMvcResultMatchers.content()
                          .string("{\"result\":\"rejected\",\"reason\":\"MISSING_HEADER\"}"));
              mvc.perform(
                      org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                          "/hooks/paykit"))
                  .andExpect(
                      org.springframework.test.web.servlet.result.MockMvcResultMatchers.status()
                          .isMethodNotAllowed());
            });
  }

  static void assertFailureNames(Throwable failure, String property) {
    assertThat(failure).isNotNull();
    FailureAnalysis analysis = new InvalidPaykitPropertyFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("analysed by Paykit's failure analyzer").isNotNull();
    assertThat(analysis.getDescription()).contains(property);
    assertThat(analysis.getAction()).contains(property);
    assertThat(analysis.getDescription() + analysis.getAction())
        .doesNotContain(CLIENT_SECRET)
        .doesNotContain(WEBHOOK_SECRET.substring("whsec_".length()));
  }

  static long threads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }

  private static void create(CreatePayment create, String order) {
    create.create(
        new CreatePaymentCommand(
            IdempotencyKey.derive("test", order, "1"),
            PaymentSamples.request(order, Money.of(1050, "EUR"))));
  }

  private static DataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  private static int historyRows(DataSource dataSource, String schema) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from \"" + schema + "\".\"paykit_schema_history\"", Integer.class);
  }

  private static int tableCount(DataSource dataSource, String table) {
    return new JdbcTemplate(dataSource)
        .queryForObject(
            "select count(*) from information_schema.tables where table_name = ?",
            Integer.class,
            table);
  }

  /** An application with a gateway of its own. */
  @Configuration(proxyBeanMethods = false)
  static class Own {
    static final ProviderGateway GATEWAY = new InstantGateway(Clock.systemUTC(), "own");

    @Bean
    ProviderGateway ownGateway() {
      return GATEWAY;
    }
  }
}
