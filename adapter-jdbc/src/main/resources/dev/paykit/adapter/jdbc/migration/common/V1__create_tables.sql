-- Paykit's tables, the same DDL on PostgreSQL and on H2 in PostgreSQL mode.
--
-- Instants are TIMESTAMP(6) WITH TIME ZONE: PostgreSQL keeps microseconds, so the stores truncate
-- every instant to whole microseconds before writing it, and what is read back equals what was
-- written on both databases.
-- Long text is VARCHAR without a length: unbounded on PostgreSQL, and H2 would turn TEXT into a
-- CLOB, which it cannot compare or index.
-- Constraints are named: the stores tell a duplicate id from a duplicate idempotency key by the
-- name the database reports with the unique violation.

create table payments (
    id                varchar(64)   not null,
    idempotency_key   varchar(255)  not null,
    external_id       varchar(64)   not null,
    amount_minor      bigint        not null,
    currency          varchar(3)    not null,
    description       varchar(255),
    -- A JSON object of strings: metadata is read and written whole, never queried by key.
    metadata          varchar       not null,
    success_url       varchar(2048) not null,
    cancel_url        varchar(2048) not null,
    -- ISO-8601 (PT15M), which keeps any Duration exactly.
    expires_in        varchar(64)   not null,
    state             varchar(16)   not null,
    failure_reason    varchar(32),
    decline_code      varchar(64),
    failure_detail    varchar,
    transaction_id    varchar(255),
    checkout_url      varchar,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null,
    version           bigint        not null,
    constraint payments_pk primary key (id),
    constraint payments_idempotency_key_uq unique (idempotency_key),
    constraint payments_amount_ck check (amount_minor >= 0),
    constraint payments_state_ck check (state in
        ('CREATED', 'SUBMITTED', 'STARTED', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELLED', 'EXPIRED'))
);
create index payments_transaction_ix on payments (transaction_id);
create index payments_external_ix on payments (external_id, created_at);
create index payments_state_updated_ix on payments (state, updated_at);
create index payments_created_ix on payments (created_at, id);

-- The audit trail. Rows are only ever inserted: the key (payment, sequence) makes a second entry
-- for the same step fail instead of overwriting the first.
create table payment_history (
    payment_id   varchar(64)  not null,
    sequence_no  bigint       not null,
    from_state   varchar(16),
    reported     varchar(16)  not null,
    outcome      varchar(16)  not null,
    source       varchar(32)  not null,
    occurred_at  timestamp(6) with time zone not null,
    event_id     varchar(255),
    request_id   varchar(255),
    detail       varchar,
    constraint payment_history_pk primary key (payment_id, sequence_no),
    constraint payment_history_payment_fk foreign key (payment_id) references payments (id)
);

create table idempotency_keys (
    scope         varchar(64)  not null,
    idem_key      varchar(255) not null,
    fingerprint   varchar(64)  not null,
    state         varchar(16)  not null,
    result_ref    varchar,
    locked_until  timestamp(6) with time zone not null,
    expires_at    timestamp(6) with time zone not null,
    created_at    timestamp(6) with time zone not null,
    constraint idempotency_keys_pk primary key (scope, idem_key),
    constraint idempotency_keys_state_ck check (state in ('IN_PROGRESS', 'COMPLETED'))
);
create index idempotency_keys_expires_ix on idempotency_keys (expires_at);

create table webhook_inbox (
    event_id         varchar(255) not null,
    event_type       varchar(255) not null,
    payload          varchar      not null,
    status           varchar(16)  not null,
    attempts         integer      not null,
    received_at      timestamp(6) with time zone not null,
    next_attempt_at  timestamp(6) with time zone not null,
    claim_token      varchar(64),
    claimed_until    timestamp(6) with time zone,
    last_error       varchar,
    processed_at     timestamp(6) with time zone,
    -- When it was given up on, for the person who looks at the dead letters.
    dead_at          timestamp(6) with time zone,
    constraint webhook_inbox_pk primary key (event_id),
    constraint webhook_inbox_status_ck check (status in ('PENDING', 'PROCESSING', 'PROCESSED', 'DEAD'))
);
-- claim: due pending events, and processing events whose claim ran out
create index webhook_inbox_due_ix on webhook_inbox (status, next_attempt_at);
create index webhook_inbox_claimed_ix on webhook_inbox (status, claimed_until);
-- dead letters, oldest first
create index webhook_inbox_received_ix on webhook_inbox (status, received_at);
-- purge of processed events
create index webhook_inbox_processed_ix on webhook_inbox (status, processed_at);

-- No foreign key to payments: a refund store may be used (and is contract-tested) on its own.
create table refunds (
    id                  varchar(64)  not null,
    payment_id          varchar(64)  not null,
    idempotency_key     varchar(255) not null,
    amount_minor        bigint       not null,
    currency            varchar(3)   not null,
    reason              varchar,
    state               varchar(16)  not null,
    provider_refund_id  varchar(255),
    created_at          timestamp(6) with time zone not null,
    updated_at          timestamp(6) with time zone not null,
    version             bigint       not null,
    constraint refunds_pk primary key (id),
    constraint refunds_idempotency_key_uq unique (idempotency_key),
    constraint refunds_amount_ck check (amount_minor > 0),
    constraint refunds_state_ck check (state in ('REQUESTED', 'PENDING', 'SUCCEEDED', 'FAILED'))
);
create index refunds_payment_ix on refunds (payment_id, created_at);
create index refunds_provider_ix on refunds (provider_refund_id);

-- One row per refunded payment, locked (SELECT ... FOR UPDATE) while a refund is checked against
-- the payment's amount and inserted. Locking the refund rows themselves would not do: the first
-- two refunds of a payment would both find nothing to lock.
create table refund_guards (
    payment_id  varchar(64) not null,
    constraint refund_guards_pk primary key (payment_id)
);
