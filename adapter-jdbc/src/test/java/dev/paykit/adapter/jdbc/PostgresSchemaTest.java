package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresSchemaTest extends SchemaContract {
  @RegisterExtension static final TestDatabase database = TestDatabase.postgres();

  @Override
  protected TestDatabase database() {
    return database;
  }

  @Test
  void one_active_payment_per_order_is_a_partial_unique_index() {
    String definition =
        database
            .jdbi()
            .withHandle(
                handle ->
                    handle
                        .createQuery(
                            "select indexdef from pg_indexes"
                                + " where schemaname = current_schema()"
                                + " and indexname = 'payments_active_order_uq'")
                        .mapTo(String.class)
                        .one());

    assertThat(definition)
        .startsWith("CREATE UNIQUE INDEX payments_active_order_uq ON ")
        .contains("(external_id) WHERE")
        .contains("'SUCCEEDED'")
        .doesNotContain("'FAILED'");
  }
}
