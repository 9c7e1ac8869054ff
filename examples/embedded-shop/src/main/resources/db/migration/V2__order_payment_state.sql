-- A version 2 of the shop's own, which Paykit's migrations must never be confused with.
ALTER TABLE orders ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
