package dev.paykit.spring.boot;

import dev.paykit.domain.ValidationException;
import dev.paykit.domain.money.AmountLimits;
import dev.paykit.inbound.webhook.WebhookEndpoint;
import dev.paykit.inbound.worker.OutboxWorkerSettings;
import dev.paykit.inbound.worker.WorkerSettings;
import dev.paykit.service.PaykitSettings;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns {@link PaykitProperties} into Paykit's own settings, checking every value on the way: a bad
 * one is an {@link InvalidPaykitPropertyException} naming the property. Paykit's settings types
 * check their own rules; this maps a broken rule to the property it came from.
 */
final class PaykitSettingsFactory {
  private static final String WORKERS = "paykit.workers.";

  private final PaykitProperties properties;

  PaykitSettingsFactory(PaykitProperties properties) {
    this.properties = properties;
  }

  /** The core's settings: Paykit's defaults with the configured amount limits. */
  PaykitSettings coreSettings() {
    AmountLimits limits = AmountLimits.defaults();
    for (Map.Entry<String, PaykitProperties.Limit> entry :
        properties.getAmountLimits().entrySet()) {
      String property = "paykit.amount-limits." + entry.getKey();
      Currency currency = currency(property, entry.getKey());
      PaykitProperties.Limit limit = entry.getValue();
      AmountLimits before = limits;
      limits =
          check(
              property,
              () -> before.with(currency, limit.getMin(), limit.getMax()),
              "must have 1 <= min <= max (minor units), was "
                  + limit.getMin()
                  + ".."
                  + limit.getMax());
    }
    return PaykitSettings.defaults().withAmountLimits(limits);
  }

  WorkerSettings workerSettings() {
    PaykitProperties.Inbox inbox = properties.getWorkers().getInbox();
    WorkerSettings settings = WorkerSettings.defaults();
    settings = at(WORKERS + "inbox.threads", settings, s -> s.withThreads(inbox.getThreads()));
    settings =
        at(WORKERS + "inbox.batch-size", settings, s -> s.withBatchSize(inbox.getBatchSize()));
    settings = at(WORKERS + "inbox.idle-wait", settings, s -> s.withIdleWait(inbox.getIdleWait()));
    settings =
        at(
            WORKERS + "inbox.wake-up-interval",
            settings,
            s -> s.withWakeUpInterval(inbox.getWakeUpInterval()));
    Duration interval = properties.getWorkers().getReconciler().getInterval();
    return at(WORKERS + "reconciler.interval", settings, s -> s.withReconcileInterval(interval));
  }

  OutboxWorkerSettings outboxWorkerSettings() {
    PaykitProperties.OutboxWorker outbox = properties.getWorkers().getOutbox();
    OutboxWorkerSettings settings = OutboxWorkerSettings.defaults();
    settings = at(WORKERS + "outbox.threads", settings, s -> s.withThreads(outbox.getThreads()));
    settings =
        at(WORKERS + "outbox.batch-size", settings, s -> s.withBatchSize(outbox.getBatchSize()));
    return at(WORKERS + "outbox.idle-wait", settings, s -> s.withIdleWait(outbox.getIdleWait()));
  }

  Duration shutdownGrace() {
    return positive(WORKERS + "shutdown-grace", properties.getWorkers().getShutdownGrace());
  }

  WebhookEndpoint.Settings endpointSettings() {
    PaykitProperties.Webhooks webhooks = properties.getWebhooks();
    String path = webhooks.getPath();
    if (path == null || !path.startsWith("/") || path.contains("*") || path.contains("{")) {
      throw new InvalidPaykitPropertyException(
          "paykit.webhooks.path", "must be a plain path starting with /, e.g. /webhooks");
    }
    long maxBody = webhooks.getMaxBodySize() == null ? -1 : webhooks.getMaxBodySize().toBytes();
    if (maxBody < 1 || maxBody > Integer.MAX_VALUE - 16) {
      throw new InvalidPaykitPropertyException(
          "paykit.webhooks.max-body-size", "must be from 1B to 2047MB, was " + maxBody + "B");
    }
    WebhookEndpoint.Settings settings =
        WebhookEndpoint.Settings.defaults().withMaxBodyBytes((int) maxBody);
    return at(
        "paykit.webhooks.retry-after", settings, s -> s.withRetryAfter(webhooks.getRetryAfter()));
  }

  /** Checks every setting this factory makes, so that a bad one stops the start at once. */
  void checkAll() {
    coreSettings();
    workerSettings();
    outboxWorkerSettings();
    shutdownGrace();
    endpointSettings();
  }

  static Duration positive(String property, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new InvalidPaykitPropertyException(
          property, "must be a positive duration, was " + value);
    }
    return value;
  }

  private static Currency currency(String property, String code) {
    try {
      return Currency.getInstance(code.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidPaykitPropertyException(
          property, "must be keyed by an ISO 4217 currency code, was " + code);
    }
  }

  /** A step that names no secret: a broken rule's own message is safe to show. */
  private static <T> T at(String property, T settings, java.util.function.UnaryOperator<T> step) {
    return check(property, () -> step.apply(settings), null);
  }

  private static <T> T check(String property, Supplier<T> make, String problem) {
    try {
      return make.get();
    } catch (ValidationException e) {
      throw new InvalidPaykitPropertyException(property, problem != null ? problem : rule(e));
    } catch (IllegalArgumentException e) {
      throw new InvalidPaykitPropertyException(
          property, problem != null ? problem : e.getMessage());
    }
  }

  /** The rule's text without the field name Paykit put in front of it. */
  private static String rule(ValidationException e) {
    String prefix = e.field() + ": ";
    String message = e.getMessage();
    return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
  }
}
