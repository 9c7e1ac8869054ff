-- The shop's own tables, migrated by Spring Boot's Flyway (history: flyway_schema_history) before
-- the starter runs Paykit's migrations in the same schema (history: paykit_schema_history).
CREATE TABLE orders (
  order_id     VARCHAR(64) PRIMARY KEY,
  amount_minor BIGINT      NOT NULL,
  currency     CHAR(3)     NOT NULL,
  paid_at      TIMESTAMP WITH TIME ZONE,
  created_at   TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- The ids of the outbox events the shop has acted on: a redelivered event does nothing
-- (INSERT ... ON CONFLICT DO NOTHING in the same transaction as what the event causes).
CREATE TABLE handled_events (
  event_id   VARCHAR(64) PRIMARY KEY,
  handled_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- One row per order shipped. No unique key on the order on purpose: the de-duplication above is
-- what keeps an order from being shipped twice, and the test must be able to see it fail.
CREATE TABLE shipments (
  id         BIGSERIAL PRIMARY KEY,
  order_id   VARCHAR(64) NOT NULL REFERENCES orders (order_id),
  shipped_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
