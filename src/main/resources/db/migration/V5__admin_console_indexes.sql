-- The admin console: members by state (counted and paged), intake health from inbox_event by time, vendor health
-- from the audit trail by kind and time. Each keeps the overview an index look-up at 10,000+ customers.
create index customer_view_state on customer_view (state, customer_id);
create index customer_view_id_prefix on customer_view (customer_id varchar_pattern_ops);
create index customer_view_email_prefix on customer_view (email_normalized varchar_pattern_ops);
create index inbox_event_received on inbox_event (received_at);
create index inbox_event_dispatched on inbox_event (dispatched_at) where dispatched_at is not null;
create index inbox_event_status_received on inbox_event (status, received_at);
create index audit_log_kind_at on audit_log (kind, at);
