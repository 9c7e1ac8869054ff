package dev.paykit.spring.boot;

/**
 * How many webhook events wait in the inbox (received, not yet applied or given up on): for the
 * health indicator. The inbox port has no such count; the JDBC stores' is read from their table.
 */
@FunctionalInterface
public interface InboxBacklog {
  long waiting();
}
