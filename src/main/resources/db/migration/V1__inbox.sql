-- Every Stripe event memberflow accepted, keyed by Stripe's event id (the idempotency key).
create table inbox_event (
    event_id        varchar(255) primary key,
    event_type      varchar(255) not null,
    customer_id     varchar(255),
    status          varchar(32)  not null,      -- RECEIVED, DISPATCHED, IGNORED, NEEDS_CUSTOMER
    normalized      text,                       -- the event as the workflow receives it (JSON)
    payload         text         not null,      -- the raw body Stripe signed
    received_at     timestamptz  not null,
    dispatched_at   timestamptz,
    attempts        integer      not null default 0,
    next_attempt_at timestamptz,
    last_error      varchar(1000)
);
create index inbox_event_pending on inbox_event (status, next_attempt_at);
create index inbox_event_customer on inbox_event (customer_id, received_at);
