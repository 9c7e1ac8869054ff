package dev.paykit.bench.jmh;

import dev.paykit.bench.support.PostgresSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * What the parent process tells its JMH forks through system properties: which PostgreSQL schema
 * the run prepared (so every fork, and a pre-filled growth schema, is shared instead of being
 * created again per fork) and how large the pools are.
 */
public final class ForkEnvironment {
  static final String PG_URL = "paykit.bench.pg.url";
  static final String PG_USER = "paykit.bench.pg.user";
  static final String PG_SCHEMA = "paykit.bench.pg.schema";
  static final String POOL_SIZE = "paykit.bench.pool";
  static final String WEBHOOK_POOL = "paykit.bench.webhook.pool";
  private static final String LOGGING = "paykit-bench-logback.xml";

  private ForkEnvironment() {}

  /** The JVM arguments that hand {@code schema} and the pool sizes to the forks. */
  /**
   * @param schema null when the forks need no database
   * @param webhookPool signed deliveries per fork, null for the benchmark's own default
   */
  public static List<String> jvmArgs(PostgresSchema schema, int poolSize, Integer webhookPool) {
    List<String> args = new ArrayList<>();
    args.add("-Dlogback.configurationFile=" + LOGGING);
    // A fixed heap, large enough for the signed deliveries the receive benchmark prepares: a heap
    // that grows in steps adds collections to some iterations and not others.
    args.add("-Xms4g");
    args.add("-Xmx4g");
    if (schema != null) {
      args.add("-D" + PG_URL + "=" + schema.url());
      args.add("-D" + PG_USER + "=" + schema.user());
      args.add("-D" + PG_SCHEMA + "=" + schema.name());
    }
    args.add("-D" + POOL_SIZE + "=" + poolSize);
    if (webhookPool != null) {
      args.add("-D" + WEBHOOK_POOL + "=" + webhookPool);
    }
    return args;
  }

  static PostgresSchema schema() {
    String name = System.getProperty(PG_SCHEMA);
    if (name == null) {
      throw new IllegalStateException(
          "no PostgreSQL schema was handed to this fork; run the benchmarks through BenchmarkMain");
    }
    return PostgresSchema.existing(
        System.getProperty(PG_URL, PostgresSchema.DEFAULT_URL),
        System.getProperty(PG_USER, PostgresSchema.DEFAULT_USER),
        name);
  }

  static int poolSize() {
    return Integer.getInteger(POOL_SIZE, 10);
  }

  static int webhookPool(int otherwise) {
    return Integer.getInteger(WEBHOOK_POOL, otherwise);
  }
}
