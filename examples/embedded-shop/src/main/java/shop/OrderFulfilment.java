package shop;

import dev.paykit.domain.outbox.OutboxEvent;
import dev.paykit.domain.outbox.OutboxEventType;
import dev.paykit.port.out.PaymentEventHandler;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.sql.DataSource;

/**
 * The shop's side of Paykit's outbox: every outcome reaches it here, at least once and in order per
 * payment. It marks the order paid and ships it when the payment succeeded, and de-duplicates by
 * the event's id in the same transaction, so that a redelivery (Paykit's dispatcher died after this
 * returned and before it marked the event delivered) ships nothing. Throwing makes Paykit deliver
 * the event again later, with backoff, and after its attempts put it in the dead letters.
 */
public final class OrderFulfilment implements PaymentEventHandler {
  private final DataSource dataSource;

  public OrderFulfilment(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  public void handle(OutboxEvent event) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        // The event's id and what it causes commit together, or neither does.
        if (firstDelivery(connection, event)
            && event.type() == OutboxEventType.PAYMENT_SUCCEEDED) {
          markPaidAndShip(connection, event);
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static boolean firstDelivery(Connection connection, OutboxEvent event)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO handled_events (event_id) VALUES (?) ON CONFLICT DO NOTHING")) {
      insert.setString(1, event.id().value());
      return insert.executeUpdate() == 1;
    }
  }

  private static void markPaidAndShip(Connection connection, OutboxEvent event)
      throws SQLException {
    try (PreparedStatement paid =
            connection.prepareStatement("UPDATE orders SET paid_at = ? WHERE order_id = ?");
        PreparedStatement ship =
            connection.prepareStatement("INSERT INTO shipments (order_id) VALUES (?)")) {
      paid.setTimestamp(1, Timestamp.from(event.occurredAt()));
      paid.setString(2, event.externalId().value());
      paid.executeUpdate();
      ship.setString(1, event.externalId().value());
      ship.executeUpdate();
    }
  }
}
