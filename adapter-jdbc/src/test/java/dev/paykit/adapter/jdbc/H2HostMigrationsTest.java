package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class H2HostMigrationsTest extends HostMigrationsContract {
  @RegisterExtension final FreshDatabase database = FreshDatabase.h2();

  @Override
  protected FreshDatabase database() {
    return database;
  }

  @Test
  void paykits_scripts_are_not_where_a_hosts_flyway_looks_by_default() throws URISyntaxException {
    Path classes =
        Path.of(PaykitMigrations.class.getProtectionDomain().getCodeSource().getLocation().toURI());

    assertThat(classes.resolve("db")).doesNotExist();
    assertThat(classes.resolve("dev/paykit/adapter/jdbc/migration/common")).isDirectory();
    assertThat(classes.resolve("dev/paykit/adapter/jdbc/migration/h2")).isDirectory();
    assertThat(classes.resolve("dev/paykit/adapter/jdbc/migration/postgresql")).isDirectory();
  }
}
