-- At most one payment per order that is active or succeeded (PostgreSQL's V2 is a partial unique
-- index, which H2 lacks). The database derives the column from the state, so no writer can forget
-- it: the order's id while the payment counts, NULL once it failed, was cancelled or expired, and
-- NULLs never collide in a unique index.
alter table payments add column active_order_key varchar(64) generated always as (
    case when state in ('CREATED', 'SUBMITTED', 'STARTED', 'IN_PROGRESS', 'SUCCEEDED')
        then external_id end);
create unique index payments_active_order_uq on payments (active_order_key);
