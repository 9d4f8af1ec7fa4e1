-- Circle Admin API requests spent per calendar month (UTC), counted as Circle counts them (every answer but a 5xx),
-- by purpose: live (grants and revokes of customers' workflows) and background (reconciliation, drift report).
-- Each process adds what it spent every few seconds; the sum is the installation's usage.
create table circle_quota_usage (
    month       char(7)     not null,   -- YYYY-MM, UTC
    purpose     varchar(16) not null,   -- live, background
    requests    bigint      not null,
    updated_at  timestamptz not null,
    primary key (month, purpose)
);
