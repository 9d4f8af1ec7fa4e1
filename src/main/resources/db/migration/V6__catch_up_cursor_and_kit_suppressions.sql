-- How far the catch-up of missed Stripe webhooks has looked: every handled event created before covered_until was
-- listed from Stripe's API and is in inbox_event. One row per cursor name ('stripe-events').
create table catch_up_cursor (
    name          varchar(64) primary key,
    covered_until timestamptz not null,
    updated_at    timestamptz not null
);

-- Kit webhook events already taken, by Kit's event id (a UUID): a repeated delivery changes nothing.
create table kit_webhook_event (
    event_id    varchar(255) primary key,
    event_type  varchar(255) not null,
    received_at timestamptz  not null
);

-- Subscribers who unsubscribed, bounced or complained in Kit: memberflow adds no tag to them (a tag can start a
-- sequence, i.e. marketing e-mail). Keyed by the SHA-256 of the trimmed, lower-cased e-mail address, so the
-- address itself is not stored again. Access (Circle) is never affected.
create table kit_suppression (
    email_sha256  char(64)     primary key,
    reason        varchar(32)  not null,      -- unsubscribed, bounced, complained (the latest)
    subscriber_id varchar(64),
    kit_event_id  varchar(255) not null,
    recorded_at   timestamptz  not null
);
