-- How far the catch-up of missed Stripe webhooks has looked: every handled event created before covered_until was
-- listed from Stripe's API and is in inbox_event. One row per cursor name ('stripe-events').
create table catch_up_cursor (
    name          varchar(64) primary key,
    covered_until timestamptz not null,
    updated_at    timestamptz not null
);
