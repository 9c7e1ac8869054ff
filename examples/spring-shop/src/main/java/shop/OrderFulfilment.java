package shop;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.port.out.PaymentEventHandler;
import java.sql.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The shop's handler of Paykit's outcomes, picked up by the starter as a bean: every outbox event
 * reaches it at least once and in order per payment. It marks the order paid and ships it when the
 * payment succeeded, de-duplicating by the event's id in the same transaction, so a redelivery
 * ships nothing. Throwing makes Paykit deliver the event again later.
 */
@Component
public class OrderFulfilment implements PaymentEventHandler {
  private final JdbcTemplate jdbc;
  private final TransactionTemplate transaction;

  public OrderFulfilment(JdbcTemplate jdbc, TransactionTemplate transaction) {
    this.jdbc = jdbc;
    this.transaction = transaction;
  }

  @Override
  public void handle(OutboxEvent event) {
    transaction.executeWithoutResult(
        status -> {
          // The event's id and what it causes commit together, or neither does.
          boolean first =
              jdbc.update(
                      "INSERT INTO handled_events (event_id) VALUES (?) ON CONFLICT DO NOTHING",
                      event.id().value())
                  == 1;
          if (first && event.type() == OutboxEventType.PAYMENT_SUCCEEDED) {
            String order = event.externalId().value();
            jdbc.update(
                "UPDATE orders SET paid_at = ? WHERE order_id = ?",
                Timestamp.from(event.occurredAt()),
                order);
            jdbc.update("INSERT INTO shipments (order_id) VALUES (?)", order);
          }
        });
  }
}
