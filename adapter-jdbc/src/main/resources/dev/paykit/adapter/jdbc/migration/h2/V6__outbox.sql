-- The outbox: the table of PostgreSQL's V6 (see there, in migration/postgresql), with plain indexes
-- in place of its partial ones, which H2 lacks.
create table outbox_events (
    id               varchar(64)  not null,
    payment_id       varchar(64)  not null,
    refund_id        varchar(64),
    external_id      varchar(64)  not null,
    sequence_no      bigint       not null,
    type             varchar(64)  not null,
    occurred_at      timestamp(6) with time zone not null,
    payload          varchar      not null,
    status           varchar(16)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp(6) with time zone not null,
    claim_token      varchar(64),
    claimed_until    timestamp(6) with time zone,
    last_error       varchar,
    delivered_at     timestamp(6) with time zone,
    dead_at          timestamp(6) with time zone,
    constraint outbox_events_pk primary key (id),
    constraint outbox_events_sequence_uq unique (payment_id, sequence_no),
    constraint outbox_events_sequence_ck check (sequence_no >= 1),
    constraint outbox_events_status_ck check (status in ('PENDING', 'CLAIMED', 'DELIVERED', 'DEAD'))
);
-- claim, backlog and dead letters by status, oldest first; the head test uses the unique key
create index outbox_events_status_ix on outbox_events (status, occurred_at);
-- purge of delivered events
create index outbox_events_delivered_ix on outbox_events (status, delivered_at);

create table outbox_sequences (
    payment_id     varchar(64) not null,
    last_sequence  bigint      not null,
    constraint outbox_sequences_pk primary key (payment_id)
);
