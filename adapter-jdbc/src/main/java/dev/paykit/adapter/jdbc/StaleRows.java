package dev.paykit.adapter.jdbc;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.statement.Query;

/**
 * The reconciler's question to a table with {@code state} and {@code updated_at}: rows in some
 * states, last updated before a time, oldest first. Both columns lead an index on each such table.
 */
final class StaleRows {
  static final String CLAUSES =
      "where state in (<states>) and updated_at < :before order by updated_at, id limit :limit";

  private StaleRows() {}

  /** Whether the question can have an answer at all; the SQL needs at least one state. */
  static boolean askable(Set<? extends Enum<?>> states, int limit) {
    return !states.isEmpty() && limit >= 1;
  }

  static Consumer<Query> bind(Set<? extends Enum<?>> states, Instant updatedBefore, int limit) {
    List<String> names = states.stream().map(Enum::name).sorted().toList();
    return q ->
        q.bindList("states", names)
            .bind("before", Timestamps.ceil(updatedBefore))
            .bind("limit", limit);
  }
}
