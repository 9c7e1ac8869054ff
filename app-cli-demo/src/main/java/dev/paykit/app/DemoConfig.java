package dev.paykit.app;

import dev.paykit.adapter.http.ProviderHttpSettings;
import dev.paykit.adapter.jdbc.JdbcSettings;
import dev.paykit.port.out.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A run's configuration: each setting from its flag, else from its environment variable, else its
 * default. Secrets come only from the environment (or the secrets file over it).
 */
public final class DemoConfig {
  static final String STORE_VARIABLE = "PAYKIT_DEMO_STORE";
  static final String DATA_DIR_VARIABLE = "PAYKIT_DEMO_DATA_DIR";
  static final String WEBHOOK_PORT_VARIABLE = "PAYKIT_DEMO_WEBHOOK_PORT";
  static final String WEBHOOK_PORT_FLAG = "--webhook-port";

  private final StoreKind store;
  private final String dbUrl;
  private final String dbUser;
  private final Secret dbPassword;
  private final Path dataDirectory;
  private final boolean keepData;
  private final DemoEnvironment env;
  private final WebhookPort webhookPort;
  private final boolean verbose;

  private DemoConfig(
      StoreKind store,
      String dbUrl,
      String dbUser,
      Secret dbPassword,
      Path dataDirectory,
      boolean keepData,
      DemoEnvironment env,
      WebhookPort webhookPort,
      boolean verbose) {
    this.store = store;
    this.dbUrl = dbUrl;
    this.dbUser = dbUser;
    this.dbPassword = dbPassword;
    this.dataDirectory = dataDirectory;
    this.keepData = keepData;
    this.env = env;
    this.webhookPort = webhookPort;
    this.verbose = verbose;
  }

  /**
   * @throws IllegalArgumentException for a setting that is wrong; the message says how to fix it
   * @throws DemoSettingException for a webhook port that is not one, naming its flag or variable
   * @throws IOException if the secrets file cannot be read
   */
  public static DemoConfig resolve(DemoOptions options, Map<String, String> processEnv)
      throws IOException {
    DemoEnvironment env = DemoEnvironment.of(processEnv, options.secretsFile);
    String dbUrl = first(options.db, env.get(JdbcSettings.URL_VARIABLE)).orElse(null);
    if (dbUrl != null && dbUrl.toLowerCase(Locale.ROOT).contains("password=")) {
      throw new IllegalArgumentException(
          "the database URL must not carry a password, which would land in shell history and"
              + " process listings; set "
              + JdbcSettings.PASSWORD_VARIABLE
              + " or put it in --secrets-file");
    }
    StoreKind store =
        first(options.store, env.get(STORE_VARIABLE))
            .map(StoreKind::fromFlag)
            .orElse(dbUrl == null ? StoreKind.H2 : StoreKind.ofUrl(dbUrl));
    if (store == StoreKind.MEMORY && dbUrl != null && options.db != null) {
      throw new IllegalArgumentException("--db makes no sense with --store memory");
    }
    if (store == StoreKind.POSTGRES && dbUrl == null) {
      throw new IllegalArgumentException(
          "--store postgres needs --db jdbc:postgresql://host:port/database (or "
              + JdbcSettings.URL_VARIABLE
              + ")");
    }
    if (store == StoreKind.POSTGRES && StoreKind.ofUrl(dbUrl) != StoreKind.POSTGRES) {
      throw new IllegalArgumentException("--store postgres needs a jdbc:postgresql: URL");
    }
    String user = first(options.dbUser, env.get(JdbcSettings.USER_VARIABLE)).orElse("");
    Secret password = Secret.of(env.get(JdbcSettings.PASSWORD_VARIABLE).orElse(""));
    Path dataDir =
        Optional.ofNullable(options.dataDir)
            .or(() -> env.get(DATA_DIR_VARIABLE).map(Path::of))
            .orElse(Path.of(System.getProperty("java.io.tmpdir")));
    String providerUrl = first(options.providerUrl, env.get(ProviderHttpSettings.URL)).orElse(null);
    Map<String, String> withProvider = new HashMap<>(env.asMap());
    if (providerUrl != null) {
      withProvider.put(ProviderHttpSettings.URL, providerUrl);
    } else {
      withProvider.remove(ProviderHttpSettings.URL);
    }
    return new DemoConfig(
        store,
        store == StoreKind.MEMORY ? null : dbUrl,
        user,
        password,
        dataDir,
        options.keepData,
        DemoEnvironment.of(withProvider),
        webhookPort(options, env),
        options.verbose);
  }

  private static WebhookPort webhookPort(DemoOptions options, DemoEnvironment env) {
    if (options.webhookPort != null) {
      return WebhookPort.parse(options.webhookPort, WEBHOOK_PORT_FLAG);
    }
    return env.get(WEBHOOK_PORT_VARIABLE)
        .map(value -> WebhookPort.parse(value, WEBHOOK_PORT_VARIABLE))
        .orElse(WebhookPort.ANY_FREE);
  }

  private static Optional<String> first(String flag, Optional<String> fromEnv) {
    return flag != null && !flag.isBlank() ? Optional.of(flag.strip()) : fromEnv;
  }

  /** The provider the run talks to, when it is not the sandbox the run starts. */
  public Optional<ProviderHttpSettings> externalProvider() {
    return env.get(ProviderHttpSettings.URL).isPresent()
        ? Optional.of(ProviderHttpSettings.fromEnvironment(env.asMap()))
        : Optional.empty();
  }

  /** Creates this run's directory, {@code paykit-demo-<time>-<random>} in the data directory. */
  public Path createRunDirectory() throws IOException {
    String name =
        "paykit-demo-"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
            + "-"
            + UUID.randomUUID().toString().substring(0, 4);
    return Files.createDirectories(dataDirectory.resolve(name)).toAbsolutePath();
  }

  /** Opens the store in the run directory (H2) or a fresh schema (PostgreSQL). */
  public StoreSetup openStore(Path runDirectory) throws SQLException {
    return StoreSetup.open(store, dbUrl, dbUser, dbPassword, runDirectory, keepData);
  }

  public StoreKind store() {
    return store;
  }

  public boolean verbose() {
    return verbose;
  }

  /** Where the webhook receiver listens: the port asked for, or any free one. */
  public WebhookPort webhookPort() {
    return webhookPort;
  }
}
