package dev.paykit.bench;

import dev.paykit.bench.support.PostgresSchema;
import picocli.CommandLine.Option;

/** Where the PostgreSQL is that the database benchmarks and the soak use. */
public final class PostgresOptions {
  @Option(
      names = "--pg-url",
      defaultValue = "${env:PAYKIT_BENCH_PG_URL:-" + PostgresSchema.DEFAULT_URL + "}",
      description =
          "JDBC URL of the PostgreSQL database; a fresh schema is created in it for each run and"
              + " dropped at the end (default ${DEFAULT-VALUE}, or PAYKIT_BENCH_PG_URL)")
  String url;

  @Option(
      names = "--pg-user",
      defaultValue = PostgresSchema.DEFAULT_USER,
      description = "database user, trust authentication (default ${DEFAULT-VALUE})")
  String user;

  @Option(
      names = "--pool-size",
      defaultValue = "10",
      description =
          "HikariCP pool size of the stores, shared with the bare JDBC baselines"
              + " (default ${DEFAULT-VALUE}, the adapter's default)")
  int poolSize;

  /** A fresh schema with the stores' tables in it. */
  PostgresSchema createMigrated() {
    PostgresSchema schema = PostgresSchema.create(url, user);
    try {
      // Two connections: Flyway holds one for its lock while it migrates on another.
      PostgresSchema.close(schema.openStores(2));
    } catch (RuntimeException e) {
      schema.drop();
      throw e;
    }
    return schema;
  }
}
