-- The shop's own tables, migrated by the shop's own Flyway (history: flyway_schema_history), in
-- the same schema as Paykit's (history: paykit_schema_history).
CREATE TABLE orders (
  order_id    VARCHAR(64) PRIMARY KEY,
  amount_minor BIGINT      NOT NULL,
  currency    CHAR(3)     NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
