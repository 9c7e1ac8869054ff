-- The shop hears of every payment outcome from Paykit's outbox, at least once: the ids of the events
-- it has acted on, so that a redelivered event does nothing (INSERT ... ON CONFLICT DO NOTHING in
-- the same transaction as what the event causes).
CREATE TABLE handled_events (
  event_id   VARCHAR(64) PRIMARY KEY,
  handled_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);

-- One row per order shipped. No unique key on the order on purpose: the de-duplication above is
-- what keeps an order from being shipped twice, and a test that it does must be able to see it fail.
CREATE TABLE shipments (
  id         BIGSERIAL PRIMARY KEY,
  order_id   VARCHAR(64) NOT NULL REFERENCES orders (order_id),
  shipped_at TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
