-- What the admin view reads: one row per customer, kept current by the customer's workflow.
create table customer_view (
    customer_id       varchar(255) primary key,
    email             varchar(320),
    email_normalized  varchar(320),
    state             varchar(32)  not null,
    plan              varchar(255),
    access_granted    boolean      not null,
    circle_group_ids  text         not null,   -- JSON array
    kit_tag_ids       text         not null,   -- JSON array
    override          varchar(16)  not null,
    last_event_id     varchar(255),
    last_event_type   varchar(255),
    last_event_at     timestamptz,
    needs_attention   boolean      not null,
    last_failure      text,
    revision          bigint       not null,   -- only a newer revision may overwrite a row
    updated_at        timestamptz  not null
);
create index customer_view_email on customer_view (email_normalized);
create index customer_view_attention on customer_view (needs_attention) where needs_attention;

-- Append-only record of every applied event, decision, side effect and operator action.
create table audit_log (
    id           bigserial    primary key,
    entry_key    varchar(400) not null unique,  -- <customer>:<sequence>, so a retried write adds nothing
    at           timestamptz  not null,
    customer_id  varchar(255) not null,
    workflow_id  varchar(255) not null,
    event_id     varchar(255),
    kind         varchar(32)  not null,
    actor        varchar(255) not null,
    detail       text         not null
);
create index audit_log_customer on audit_log (customer_id, id desc);

create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end;
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
