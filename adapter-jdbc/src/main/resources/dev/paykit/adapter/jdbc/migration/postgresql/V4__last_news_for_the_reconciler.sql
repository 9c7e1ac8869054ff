-- The reconciler asks the provider about a quiet payment at most once per threshold. A look-up that
-- changes nothing writes only looked_up_at (no history row, no new version), and the reconciler
-- asks for payments by last_news_at, the later of the last update and the last look-up. The
-- database derives it, so no writer can forget it; H2's V4 (in migration/h2) is the same column in
-- H2's spelling. Its index replaces the one on (state, updated_at), which nothing reads any more.
alter table payments add column looked_up_at timestamp(6) with time zone;
alter table payments add column last_news_at timestamp(6) with time zone generated always as (
    case when looked_up_at is null or looked_up_at < updated_at then updated_at
        else looked_up_at end) stored;
create index payments_state_news_ix on payments (state, last_news_at, id);
drop index payments_state_updated_ix;
