-- Subscriptions and their timelines. The plan and the terms (notice, dunning) are copied onto the
-- subscription: what the customer signed up to does not change with the configuration. Only the
-- saved method's id is kept, never card data. H2's V8 (in migration/h2) is the same tables with a
-- plain index in place of the partial one, which H2 lacks.
create table subscriptions (
    id                        varchar(64)  not null,
    customer_id               varchar(64)  not null,
    plan_name                 varchar(100) not null,
    price_minor               bigint       not null,
    currency                  varchar(3)   not null,
    interval_unit             varchar(8)   not null,
    interval_count            integer      not null,
    -- the free trial as "<count> <unit>", e.g. "14 DAY"; null for none
    trial                     varchar(16),
    notice_seconds            bigint       not null,
    -- the dunning retries, seconds after the due date, comma-separated and ascending
    dunning_retries           varchar(1000) not null,
    on_exhaustion             varchar(16)  not null,
    zone                      varchar(64)  not null,
    state                     varchar(16)  not null,
    anchor                    timestamp(6) with time zone,
    cycle                     bigint       not null,
    payment_method_id         varchar(64),
    noticed_cycle             bigint       not null,
    attempts                  integer      not null,
    pending_charge            varchar(64),
    update_checkout           varchar(64),
    customer_action_required  boolean      not null,
    cancel_at_period_end      boolean      not null,
    sign_up_payment           varchar(64)  not null,
    created_at                timestamp(6) with time zone not null,
    updated_at                timestamp(6) with time zone not null,
    -- when the scheduler has work for it (Subscription.wakeAt), null when only a person can move it
    wake_at                   timestamp(6) with time zone,
    -- a scheduler instance's claim: others skip the row until then
    claimed_until             timestamp(6) with time zone,
    version                   bigint       not null,
    constraint subscriptions_pk primary key (id),
    constraint subscriptions_price_ck check (price_minor > 0),
    constraint subscriptions_state_ck check (state in
        ('PENDING', 'TRIALING', 'ACTIVE', 'PAST_DUE', 'UNPAID', 'CANCELLED', 'ENDED'))
);
-- the scheduler: subscriptions with work due, soonest first
create index subscriptions_wake_ix on subscriptions (wake_at) where wake_at is not null;

create table subscription_history (
    subscription_id  varchar(64)  not null,
    sequence_no      bigint       not null,
    from_state       varchar(16),
    event            varchar(32)  not null,
    to_state         varchar(16)  not null,
    outcome          varchar(16)  not null,
    -- the cycle the entry concerns (the one open when it happened)
    entry_cycle      bigint       not null,
    occurred_at      timestamp(6) with time zone not null,
    detail           varchar,
    constraint subscription_history_pk primary key (subscription_id, sequence_no),
    constraint subscription_history_subscription_fk
        foreign key (subscription_id) references subscriptions (id)
);

-- How a payment is charged (provider API v1.1), so that one whose answer was lost is sent again
-- exactly as it was: CHECKOUT (v1), SAVE_METHOD (a checkout that saves the method) or OFF_SESSION
-- (a saved method charged without the customer).
alter table payments add column charging varchar(16) default 'CHECKOUT' not null;
alter table payments add column customer_id varchar(64);
alter table payments add column payment_method_id varchar(64);
alter table payments add constraint payments_charging_ck
    check (charging in ('CHECKOUT', 'SAVE_METHOD', 'OFF_SESSION'));
