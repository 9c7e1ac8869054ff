package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where the stores' database is and how many connections one app instance may hold. The password is
 * a {@link Secret}, and {@link #toString()} also hides a password written into the URL, so settings
 * can be logged as they are.
 *
 * <p>Without a URL the stores use an embedded H2 database in PostgreSQL mode: good for the demo and
 * for one process. Several app instances sharing one database need PostgreSQL.
 */
public record JdbcSettings(String url, String user, Secret password, int poolSize) {

  public static final String URL_VARIABLE = "PAYKIT_DB_URL";
  public static final String USER_VARIABLE = "PAYKIT_DB_USER";
  public static final String PASSWORD_VARIABLE = "PAYKIT_DB_PASSWORD";
  public static final String POOL_SIZE_VARIABLE = "PAYKIT_DB_POOL_SIZE";

  public static final int DEFAULT_POOL_SIZE = 10;
  public static final int MAX_POOL_SIZE = 200;

  /**
   * Where {@link #fromEnvironment} puts the embedded database, relative to the working directory.
   */
  public static final Path DEFAULT_EMBEDDED_DIRECTORY = Path.of("paykit-data");

  // PostgreSQL's dialect and spelling of unquoted names, so that one set of migrations and queries
  // fits both; H2's default lock timeout (1 s) is too short for writers queueing on one payment's
  // refunds.
  private static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;LOCK_TIMEOUT=10000";

  private static final Pattern PASSWORD_IN_URL = Pattern.compile("(?i)(password=)[^&;]*");

  public JdbcSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (!url.startsWith("jdbc:")) {
      throw new IllegalArgumentException("the database URL must start with jdbc:");
    }
    if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
      throw new IllegalArgumentException(
          "the pool size must be between 1 and " + MAX_POOL_SIZE + ", was " + poolSize);
    }
  }

  /** An H2 database in files under {@code directory}, created on first use. One process only. */
  public static JdbcSettings embedded(Path directory) {
    String file = directory.toAbsolutePath().resolve("paykit").toString();
    return new JdbcSettings(
        "jdbc:h2:file:" + file + H2_OPTIONS, "", Secret.of(""), DEFAULT_POOL_SIZE);
  }

  /** An H2 database in memory, named so that several pools in one JVM can share it. */
  public static JdbcSettings inMemory(String name) {
    return new JdbcSettings(
        "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + H2_OPTIONS,
        "",
        Secret.of(""),
        DEFAULT_POOL_SIZE);
  }

  /**
   * Reads {@value #URL_VARIABLE}, {@value #USER_VARIABLE}, {@value #PASSWORD_VARIABLE} and {@value
   * #POOL_SIZE_VARIABLE}. Without a URL: the embedded database under {@link
   * #DEFAULT_EMBEDDED_DIRECTORY}.
   */
  public static JdbcSettings fromEnvironment(Map<String, String> env) {
    String url = env.get(URL_VARIABLE);
    JdbcSettings base =
        url == null || url.isBlank()
            ? embedded(DEFAULT_EMBEDDED_DIRECTORY)
            : new JdbcSettings(url.strip(), "", Secret.of(""), DEFAULT_POOL_SIZE);
    String user = env.getOrDefault(USER_VARIABLE, base.user);
    String password = env.get(PASSWORD_VARIABLE);
    return new JdbcSettings(
        base.url,
        user,
        password == null ? base.password : Secret.of(password),
        poolSize(env.get(POOL_SIZE_VARIABLE), base.poolSize));
  }

  private static int poolSize(String value, int otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          POOL_SIZE_VARIABLE + " must be a whole number, was '" + value + "'");
    }
  }

  @Override
  public String toString() {
    return "JdbcSettings[url="
        + PASSWORD_IN_URL.matcher(url).replaceAll("$1[redacted]")
        + ", user="
        + user
        + ", password="
        + password
        + ", poolSize="
        + poolSize
        + "]";
  }
}
