-- Work for people: one row per cause (task_key is the idempotency key).
create table support_task (
    id             bigserial    primary key,
    task_key       varchar(400) not null unique,
    customer_id    varchar(255) not null,
    kind           varchar(64)  not null,
    cause_event_id varchar(255),
    summary        varchar(1000) not null,
    context        text         not null,     -- JSON object of strings
    status         varchar(16)  not null,     -- open, resolved
    created_at     timestamptz  not null,
    resolved_at    timestamptz,
    resolved_by    varchar(255),
    resolution     varchar(1000)
);
create index support_task_status on support_task (status, created_at);
create index support_task_customer on support_task (customer_id, created_at);

-- Calls an integration without credentials would have made (shadow mode).
create table shadow_call (
    id          bigserial    primary key,
    vendor      varchar(32)  not null,
    operation   varchar(64)  not null,
    customer_id varchar(255) not null,
    target_ids  varchar(1000) not null,
    cause       varchar(255),
    created_at  timestamptz  not null
);
create index shadow_call_customer on shadow_call (customer_id, created_at);
