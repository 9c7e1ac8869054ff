-- A report that changes nothing and says what the payment's latest history entry says is counted on
-- that entry instead of appended as a new one, so a payment's history grows with what happened to
-- it, not with how often the provider repeated itself. repeats is how often the entry was said
-- again, last_seen_at when it was said last: set exactly when it was repeated at all. The same DDL
-- on both databases.
alter table payment_history add column repeats integer default 0 not null;
alter table payment_history add column last_seen_at timestamp(6) with time zone;
alter table payment_history add constraint payment_history_repeats_ck
    check (repeats >= 0 and (repeats = 0) = (last_seen_at is null));
