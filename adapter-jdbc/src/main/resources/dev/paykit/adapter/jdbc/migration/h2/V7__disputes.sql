-- Disputes: the tables of PostgreSQL's V7 (see there, in migration/postgresql), with a plain index
-- in place of its partial one, which H2 lacks.
create table disputes (
    id                     varchar(255) not null,
    payment_id             varchar(64)  not null,
    transaction_id         varchar(255) not null,
    amount_minor           bigint       not null,
    currency               varchar(3)   not null,
    reason                 varchar(32)  not null,
    state                  varchar(16)  not null,
    evidence_due_by        timestamp(6) with time zone not null,
    evidence_submitted_at  timestamp(6) with time zone,
    reminder_sent_at       timestamp(6) with time zone,
    created_at             timestamp(6) with time zone not null,
    updated_at             timestamp(6) with time zone not null,
    -- When the provider last said anything of it or was last asked: the reconciler's clock.
    last_news_at           timestamp(6) with time zone not null,
    version                bigint       not null,
    constraint disputes_pk primary key (id),
    constraint disputes_amount_ck check (amount_minor > 0),
    constraint disputes_state_ck check (state in ('NEEDS_RESPONSE', 'UNDER_REVIEW', 'WON', 'LOST'))
);
-- a payment's disputes, for the refund rule
create index disputes_payment_ix on disputes (payment_id, created_at);
-- the reconciler: open disputes without news, oldest first
create index disputes_state_news_ix on disputes (state, last_news_at);
-- the deadline reminder: disputes still waiting for evidence and not reminded, soonest due first
create index disputes_reminder_ix on disputes (evidence_due_by);

create table dispute_history (
    dispute_id   varchar(255) not null,
    sequence_no  bigint       not null,
    from_state   varchar(16),
    event        varchar(32)  not null,
    to_state     varchar(16)  not null,
    outcome      varchar(16)  not null,
    source       varchar(32)  not null,
    occurred_at  timestamp(6) with time zone not null,
    event_id     varchar(255),
    request_id   varchar(255),
    detail       varchar,
    constraint dispute_history_pk primary key (dispute_id, sequence_no),
    constraint dispute_history_dispute_fk foreign key (dispute_id) references disputes (id)
);
