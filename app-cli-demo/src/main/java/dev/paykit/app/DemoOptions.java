package dev.paykit.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options {@code tour} and {@code serve} share. None takes a secret: credentials and passwords
 * come from the environment or from {@code --secrets-file}.
 */
public final class DemoOptions {
  @Option(
      names = "--store",
      paramLabel = "memory|h2|postgres",
      description =
          "Where payments are kept (env PAYKIT_DEMO_STORE). Default: h2, a fresh file in the run"
              + " directory; postgres when --db is a PostgreSQL URL.")
  String store;

  @Option(
      names = "--db",
      paramLabel = "JDBC-URL",
      description =
          "The database, e.g. jdbc:postgresql://127.0.0.1:5432/test (env PAYKIT_DB_URL). The tour"
              + " works in a fresh schema of it. Never put a password here: use"
              + " PAYKIT_DB_PASSWORD or the secrets file.")
  String db;

  @Option(
      names = "--db-user",
      paramLabel = "USER",
      description = "The database user (env PAYKIT_DB_USER).")
  String dbUser;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Where the run directory (embedded database and log file) is created (env"
              + " PAYKIT_DEMO_DATA_DIR). Default: the system's temporary directory.")
  Path dataDir;

  @Option(
      names = "--keep-data",
      description = "Keep the PostgreSQL schema the run created instead of dropping it.")
  boolean keepData;

  @Option(
      names = "--provider-url",
      paramLabel = "URL",
      description =
          "Talk to this provider instead of starting the sandbox (env PAYKIT_PROVIDER_URL);"
              + " credentials from PAYKIT_PROVIDER_CLIENT_ID, PAYKIT_PROVIDER_CLIENT_SECRET and"
              + " PAYKIT_WEBHOOK_SECRETS. Flows that need the sandbox's own endpoints are skipped.")
  String providerUrl;

  @Option(
      names = "--webhook-port",
      paramLabel = "PORT",
      description =
          "The port of the webhook receiver on 127.0.0.1, 1 to 65535 (env"
              + " PAYKIT_DEMO_WEBHOOK_PORT), so that a provider started apart can be told where to"
              + " send webhooks: http://127.0.0.1:PORT/webhooks. Default: a free port.")
  String webhookPort;

  @Option(
      names = "--secrets-file",
      paramLabel = "FILE",
      description =
          "A file of NAME=value lines read over the environment, for the secrets (env"
              + " PAYKIT_SECRETS_FILE).")
  Path secretsFile;

  @Option(
      names = {"-v", "--verbose"},
      description =
          "Also show the structured log lines and every HTTP exchange on screen, secrets"
              + " redacted.")
  boolean verbose;
}
