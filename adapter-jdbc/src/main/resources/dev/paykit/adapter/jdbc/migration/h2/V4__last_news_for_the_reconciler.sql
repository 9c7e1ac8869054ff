-- What PostgreSQL's V4 does (see there), in H2's spelling of a generated column.
alter table payments add column looked_up_at timestamp(6) with time zone;
alter table payments add column last_news_at timestamp(6) with time zone generated always as (
    case when looked_up_at is null or looked_up_at < updated_at then updated_at
        else looked_up_at end);
create index payments_state_news_ix on payments (state, last_news_at, id);
drop index payments_state_updated_ix;
