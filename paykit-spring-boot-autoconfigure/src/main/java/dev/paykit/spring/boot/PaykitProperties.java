package dev.paykit.spring.boot;

import dev.paykit.port.out.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Paykit's settings under {@code paykit.*}. The secrets ({@code paykit.provider.client.secret},
 * {@code paykit.webhooks.secrets}) belong in the environment ({@code
 * PAYKIT_PROVIDER_CLIENT_SECRET}, {@code PAYKIT_WEBHOOKS_SECRETS}) or a config tree, never in a
 * file in the repository; they are held as {@link Secret}s, which print as {@code
 * Secret[redacted]}. Every value is checked when the application starts ({@link
 * PaykitSettingsFactory}); a bad one stops it with a message naming the property.
 */
@ConfigurationProperties("paykit")
public class PaykitProperties {
  private final Provider provider = new Provider();
  private final Webhooks webhooks = new Webhooks();
  private final Workers workers = new Workers();
  private final Store store = new Store();

  /**
   * Per-currency amount limits in minor units, e.g. {@code paykit.amount-limits.EUR.min=100};
   * currencies not named keep Paykit's defaults.
   */
  private Map<String, Limit> amountLimits = new LinkedHashMap<>();

  public Provider getProvider() {
    return provider;
  }

  public Webhooks getWebhooks() {
    return webhooks;
  }

  public Workers getWorkers() {
    return workers;
  }

  public Store getStore() {
    return store;
  }

  public Map<String, Limit> getAmountLimits() {
    return amountLimits;
  }

  public void setAmountLimits(Map<String, Limit> amountLimits) {
    this.amountLimits = amountLimits;
  }

  /** The payment provider's API. */
  public static class Provider {
    /**
     * The provider API's base URL: https://, or http:// to a loopback host (localhost, 127.x.x.x,
     * [::1]) only. Required unless the application defines its own ProviderGateway.
     */
    private URI url;

    private final Client client = new Client();

    /** How long making a connection to the provider may take. */
    private Duration connectTimeout = Duration.ofSeconds(30);

    /** How long one request to the provider may take, up to the last byte of its answer. */
    private Duration requestTimeout = Duration.ofSeconds(30);

    private final Retry retry = new Retry();

    public URI getUrl() {
      return url;
    }

    public void setUrl(URI url) {
      this.url = url;
    }

    public Client getClient() {
      return client;
    }

    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    public Duration getRequestTimeout() {
      return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
    }

    public Retry getRetry() {
      return retry;
    }
  }

  /** The OAuth2 client credentials Paykit authenticates to the provider with. */
  public static class Client {
    /** The client id. Required unless the application defines its own ProviderGateway. */
    private String id;

    /**
     * The client secret: from the environment (PAYKIT_PROVIDER_CLIENT_SECRET) or a config tree.
     * Required unless the application defines its own ProviderGateway.
     */
    private Secret secret;

    public String getId() {
      return id;
    }

    public void setId(String id) {
      this.id = id;
    }

    public Secret getSecret() {
      return secret;
    }

    public void setSecret(Secret secret) {
      this.secret = secret;
    }
  }

  /** How transient provider failures (timeouts, 429, 5xx) are retried, with the same key. */
  public static class Retry {
    /** Sends in all, the first included. */
    private int maxAttempts = 4;

    /** The ceiling of the first wait; it doubles with every retry. */
    private Duration baseDelay = Duration.ofMillis(250);

    /** The largest ceiling of a wait. */
    private Duration maxDelay = Duration.ofSeconds(5);

    /** No retry starts later than this after the first send. */
    private Duration budget = Duration.ofSeconds(60);

    public int getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public Duration getBaseDelay() {
      return baseDelay;
    }

    public void setBaseDelay(Duration baseDelay) {
      this.baseDelay = baseDelay;
    }

    public Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public Duration getBudget() {
      return budget;
    }

    public void setBudget(Duration budget) {
      this.budget = budget;
    }
  }

  /** The webhook endpoint, a Spring MVC controller. */
  public static class Webhooks {
    /** The path the provider POSTs its webhooks to. */
    private String path = "/webhooks";

    /**
     * The provider's webhook signing secrets (whsec_...), comma-separated, newest first during a
     * rotation: from the environment (PAYKIT_WEBHOOKS_SECRETS) or a config tree. Required unless
     * the application defines its own WebhookVerifier.
     */
    private List<Secret> secrets = new ArrayList<>();

    /** The largest body accepted; a larger one is answered 413 without being read whole. */
    private DataSize maxBodySize = DataSize.ofMegabytes(1);

    /** What a 503 asks the provider to wait before it delivers again (whole seconds). */
    private Duration retryAfter = Duration.ofSeconds(10);

    public String getPath() {
      return path;
    }

    public void setPath(String path) {
      this.path = path;
    }

    public List<Secret> getSecrets() {
      return secrets;
    }

    public void setSecrets(List<Secret> secrets) {
      this.secrets = secrets;
    }

    public DataSize getMaxBodySize() {
      return maxBodySize;
    }

    public void setMaxBodySize(DataSize maxBodySize) {
      this.maxBodySize = maxBodySize;
    }

    public Duration getRetryAfter() {
      return retryAfter;
    }

    public void setRetryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
    }
  }

  /** The inbox, reconciler and outbox workers, started and stopped with the application. */
  public static class Workers {
    /** Whether this application runs the workers (another process may run them instead). */
    private boolean enabled = true;

    /** How long stopping waits for the passes in progress, per worker. */
    private Duration shutdownGrace = Duration.ofSeconds(10);

    private final Inbox inbox = new Inbox();
    private final Reconciler reconciler = new Reconciler();
    private final OutboxWorker outbox = new OutboxWorker();

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public Duration getShutdownGrace() {
      return shutdownGrace;
    }

    public void setShutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
    }

    public Inbox getInbox() {
      return inbox;
    }

    public Reconciler getReconciler() {
      return reconciler;
    }

    public OutboxWorker getOutbox() {
      return outbox;
    }
  }

  /** Applies received webhooks. */
  public static class Inbox {
    /** Inbox threads, 1 to 64; keep them below the connection pool's size. */
    private int threads = 2;

    /** Events one pass claims, 1 to 1000. */
    private int batchSize = 50;

    /** The wait after a pass that did not fill its batch; a received webhook ends it. */
    private Duration idleWait = Duration.ofSeconds(1);

    /** The shortest time between one pass and a pass a received webhook starts, 0 to 1 s. */
    private Duration wakeUpInterval = Duration.ofMillis(10);

    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getIdleWait() {
      return idleWait;
    }

    public void setIdleWait(Duration idleWait) {
      this.idleWait = idleWait;
    }

    public Duration getWakeUpInterval() {
      return wakeUpInterval;
    }

    public void setWakeUpInterval(Duration wakeUpInterval) {
      this.wakeUpInterval = wakeUpInterval;
    }
  }

  /** Looks up payments that waited too long. */
  public static class Reconciler {
    /** The pause between the end of one reconciliation pass and the start of the next. */
    private Duration interval = Duration.ofMinutes(1);

    public Duration getInterval() {
      return interval;
    }

    public void setInterval(Duration interval) {
      this.interval = interval;
    }
  }

  /** Hands the outbox's events to the application's PaymentEventHandler bean. */
  public static class OutboxWorker {
    /** Dispatcher threads, 1 to 64. */
    private int threads = 2;

    /** Events one pass claims, 1 to 1000. */
    private int batchSize = 10;

    /** The wait after a pass that did not fill its batch. */
    private Duration idleWait = Duration.ofSeconds(1);

    public int getThreads() {
      return threads;
    }

    public void setThreads(int threads) {
      this.threads = threads;
    }

    public int getBatchSize() {
      return batchSize;
    }

    public void setBatchSize(int batchSize) {
      this.batchSize = batchSize;
    }

    public Duration getIdleWait() {
      return idleWait;
    }

    public void setIdleWait(Duration idleWait) {
      this.idleWait = idleWait;
    }
  }

  /** Where Paykit keeps its payments, keys, inbox and outbox. */
  public static class Store {
    /**
     * jdbc: Paykit's tables on the application's DataSource; memory: in memory, lost on restart
     * (tests and demos only).
     */
    private StoreType type = StoreType.JDBC;

    /**
     * Whether the JDBC stores run Paykit's own migrations (history table paykit_schema_history)
     * when they start; false only checks that the schema is up to date.
     */
    private boolean migrate = true;

    /** The schema of Paykit's tables (lower case); unset, the connections' current schema. */
    private String schema;

    public StoreType getType() {
      return type;
    }

    public void setType(StoreType type) {
      this.type = type;
    }

    public boolean isMigrate() {
      return migrate;
    }

    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    public String getSchema() {
      return schema;
    }

    public void setSchema(String schema) {
      this.schema = schema;
    }
  }

  /** The kinds of stores the starter configures. */
  public enum StoreType {
    JDBC,
    MEMORY
  }

  /** An inclusive range of an amount, in minor units. */
  public static class Limit {
    /** The smallest amount, in minor units. */
    private long min;

    /** The largest amount, in minor units. */
    private long max;

    public long getMin() {
      return min;
    }

    public void setMin(long min) {
      this.min = min;
    }

    public long getMax() {
      return max;
    }

    public void setMax(long max) {
      this.max = max;
    }
  }
}
