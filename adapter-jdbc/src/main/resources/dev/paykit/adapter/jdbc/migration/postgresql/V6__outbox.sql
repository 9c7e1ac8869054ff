-- The outbox: the events the shop is to hear of, written in the phase of the change they report and
-- handed to the shop's handler by dispatchers that claim them. H2's V6 (in migration/h2) is the same
-- table with plain indexes instead of partial ones, which H2 lacks.
create table outbox_events (
    id               varchar(64)  not null,
    payment_id       varchar(64)  not null,
    refund_id        varchar(64),
    external_id      varchar(64)  not null,
    -- 1, 2, 3... per payment, refunds' events included, in the order the events were written.
    sequence_no      bigint       not null,
    -- The wire name (payment.succeeded): Paykit's stable name, not a Java enum's.
    type             varchar(64)  not null,
    occurred_at      timestamp(6) with time zone not null,
    -- A JSON object of strings, read and written whole.
    payload          varchar      not null,
    status           varchar(16)  not null,
    attempts         integer      not null,
    next_attempt_at  timestamp(6) with time zone not null,
    claim_token      varchar(64),
    claimed_until    timestamp(6) with time zone,
    last_error       varchar,
    delivered_at     timestamp(6) with time zone,
    -- When it was given up on, for the person who looks at the dead letters.
    dead_at          timestamp(6) with time zone,
    constraint outbox_events_pk primary key (id),
    constraint outbox_events_sequence_uq unique (payment_id, sequence_no),
    constraint outbox_events_sequence_ck check (sequence_no >= 1),
    constraint outbox_events_status_ck check (status in ('PENDING', 'CLAIMED', 'DELIVERED', 'DEAD'))
);
-- claim: undelivered events oldest first; the head test looks up a payment's undelivered events
-- before the candidate. Both partial, so delivered events (most of the table) are in neither.
create index outbox_events_claim_ix on outbox_events (occurred_at, payment_id, sequence_no)
    where status in ('PENDING', 'CLAIMED');
create index outbox_events_undelivered_ix on outbox_events (payment_id, sequence_no)
    where status <> 'DELIVERED';
-- backlog and dead letters, oldest first
create index outbox_events_status_ix on outbox_events (status, occurred_at)
    where status <> 'DELIVERED';
-- purge of delivered events
create index outbox_events_delivered_ix on outbox_events (delivered_at) where status = 'DELIVERED';

-- A payment's last sequence number, raised in the phase that appends its next event: the row lock
-- numbers concurrent appends of one payment one after the other (a payment's phase and a refund's),
-- and a phase that rolls back gives its number back. Kept when the payment's events are purged, so
-- the numbers never start again.
create table outbox_sequences (
    payment_id     varchar(64) not null,
    last_sequence  bigint      not null,
    constraint outbox_sequences_pk primary key (payment_id)
);
