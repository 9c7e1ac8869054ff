package dev.paykit.adapter.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link JdbiUnitOfWork} builds on, checked on the JDBI the stores use: on one thread, {@link
 * Jdbi#withHandle}, {@link Jdbi#useHandle} and {@link Jdbi#inTransaction} called inside another of
 * them take the outermost handle and its transaction instead of opening their own. Should a JDBI
 * upgrade change that, a store call inside a phase would run on a connection of its own, outside
 * the phase's transaction, and this test says so first.
 */
class JdbiHandleReuseTest {
  private JdbcStores stores;
  private Jdbi jdbi;

  @BeforeEach
  void open() {
    stores = JdbcStores.open(JdbcSettings.inMemory("reuse-" + UUID.randomUUID()));
    jdbi = stores.jdbi();
  }

  @AfterEach
  void close() {
    stores.close();
  }

  @Test
  void calls_nested_in_a_transaction_on_its_thread_take_its_handle_and_its_transaction()
      throws SQLException {
    jdbi.useTransaction(
        outer -> {
          Handle withHandle = jdbi.withHandle(handle -> handle);
          Handle inTransaction =
              jdbi.inTransaction(
                  handle -> {
                    assertThat(handle.isInTransaction()).isTrue();
                    return jdbi.withHandle(innermost -> innermost);
                  });
          jdbi.useHandle(handle -> assertThat(handle).isSameAs(outer));

          assertThat(withHandle).isSameAs(outer);
          assertThat(inTransaction).isSameAs(outer);
          assertThat(outer.getConnection().getAutoCommit()).isFalse();
        });
  }

  @Test
  void another_thread_during_a_transaction_gets_a_handle_of_its_own() throws Exception {
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      jdbi.useTransaction(
          outer -> {
            Handle theirs =
                CompletableFuture.supplyAsync(() -> jdbi.withHandle(handle -> handle), other).get();
            assertThat(theirs).isNotSameAs(outer);
          });
    } finally {
      other.shutdown();
    }
  }

  @Test
  void once_the_outermost_call_returned_the_next_one_opens_a_new_handle() {
    Handle first = jdbi.withHandle(handle -> handle);
    Handle second = jdbi.withHandle(handle -> handle);

    assertThat(second).isNotSameAs(first);
    assertThat(first.isClosed()).isTrue();
  }

  @Test
  void a_nested_transaction_is_part_of_the_outer_one_and_undoes_nothing_by_itself() {
    jdbi.useHandle(handle -> handle.execute("create table t (v int)"));
    RuntimeException failure = new IllegalStateException("nested failure");

    jdbi.useTransaction(
        outer -> {
          assertThatThrownBy(
                  () ->
                      jdbi.useTransaction(
                          nested -> {
                            nested.execute("insert into t values (1)");
                            throw failure;
                          }))
              .isSameAs(failure);
          outer.execute("insert into t values (2)");
        });

    List<Integer> kept =
        jdbi.withHandle(
            handle -> handle.createQuery("select v from t order by v").mapTo(Integer.class).list());
    assertThat(kept).containsExactly(1, 2);
  }
}
