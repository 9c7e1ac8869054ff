-- At most one payment per order that is active or succeeded; failed, cancelled and expired ones do
-- not count, so a new attempt after them is allowed. H2 has no partial indexes: its V2 (in
-- migration/h2) enforces the same rule with a generated column, and the stores see one
-- constraint name on both.
create unique index payments_active_order_uq on payments (external_id)
    where state in ('CREATED', 'SUBMITTED', 'STARTED', 'IN_PROGRESS', 'SUCCEEDED');
