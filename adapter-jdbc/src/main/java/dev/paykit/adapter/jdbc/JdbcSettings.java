package dev.paykit.adapter.jdbc;

import dev.paykit.port.out.Secret;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the stores' own pool connects and how many connections one app instance may hold. The
 * password is a {@link Secret}, and {@link #toString()} also hides a password written into the URL
 * ({@code password=...} or {@code user:password@host}), so settings can be logged as they are.
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
  // user:password@ in the authority; greedy up to the last @ before the path, so that an @ in the
  // password is hidden too.
  private static final Pattern USER_INFO_IN_URL = Pattern.compile("(://[^/?;#:@]*:)[^/?;#]*@");
  // jdbc:postgresql://authority/... and jdbc:h2:tcp://authority/...: the hosts and ports.
  private static final Pattern AUTHORITY =
      Pattern.compile("(?i)^jdbc:[a-z0-9]+(?::[a-z0-9]+)*://([^/?;#]*)");
  private static final int MAX_PORT = 65535;

  public JdbcSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    checkUrl("url", url);
    checkPoolSize("poolSize", poolSize);
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
   *
   * @throws JdbcSetupException naming the variable that is wrong
   */
  public static JdbcSettings fromEnvironment(Map<String, String> env) {
    String url = env.get(URL_VARIABLE);
    JdbcSettings base;
    if (url == null || url.isBlank()) {
      base = embedded(DEFAULT_EMBEDDED_DIRECTORY);
    } else {
      checkUrl(URL_VARIABLE, url.strip());
      base = new JdbcSettings(url.strip(), "", Secret.of(""), DEFAULT_POOL_SIZE);
    }
    String user = env.getOrDefault(USER_VARIABLE, base.user);
    String password = env.get(PASSWORD_VARIABLE);
    return new JdbcSettings(
        base.url,
        user,
        password == null ? base.password : Secret.of(password),
        poolSize(env.get(POOL_SIZE_VARIABLE), base.poolSize));
  }

  /** The URL with any password in it replaced by {@code [redacted]}, for logs and screens. */
  public String redactedUrl() {
    return redacted(url);
  }

  private static String redacted(String url) {
    String hidden = USER_INFO_IN_URL.matcher(url).replaceAll("$1[redacted]@");
    return PASSWORD_IN_URL.matcher(hidden).replaceAll("$1[redacted]");
  }

  private static int poolSize(String value, int otherwise) {
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    int size;
    try {
      size = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw JdbcSetupException.invalidSetting(
          POOL_SIZE_VARIABLE, "must be a whole number, was '" + value + "'");
    }
    checkPoolSize(POOL_SIZE_VARIABLE, size);
    return size;
  }

  private static void checkPoolSize(String setting, int size) {
    if (size < 1 || size > MAX_POOL_SIZE) {
      throw JdbcSetupException.invalidSetting(
          setting, "must be between 1 and " + MAX_POOL_SIZE + ", was " + size);
    }
  }

  private static void checkUrl(String setting, String url) {
    if (!url.startsWith("jdbc:")) {
      throw JdbcSetupException.invalidSetting(
          setting, "must be a JDBC URL starting with jdbc:, was " + redacted(url));
    }
    Matcher authority = AUTHORITY.matcher(url);
    if (!authority.find()) {
      return;
    }
    String hosts = authority.group(1);
    hosts = hosts.substring(hosts.lastIndexOf('@') + 1);
    for (String host : hosts.split(",", -1)) {
      int close = host.startsWith("[") ? host.indexOf(']') : -1;
      int colon = host.indexOf(':', Math.max(close, 0));
      if (colon >= 0 && !isPort(host.substring(colon + 1))) {
        throw JdbcSetupException.invalidSetting(
            setting,
            "has the port '"
                + host.substring(colon + 1)
                + "' in "
                + redacted(url)
                + "; a port is a number from 1 to "
                + MAX_PORT);
      }
    }
  }

  private static boolean isPort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= MAX_PORT;
  }

  @Override
  public String toString() {
    return "JdbcSettings[url="
        + redactedUrl()
        + ", user="
        + user
        + ", password="
        + password
        + ", poolSize="
        + poolSize
        + "]";
  }
}
