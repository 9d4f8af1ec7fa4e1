-- The customer workflow writes its view and audit entries through a local activity, inside the workflow task that
-- changed the record. When the worker dies (kill -9) before that task completes, its writes are already on disk, but
-- the attempt that does complete re-derives the record from history and may number the entries differently. Each
-- write now carries the workflow clock of the task that made it (task_millis); a write of a later task replaces what
-- an earlier, unfinished one left under the same key. Rows from before this column have none and lose to any write
-- that has one.
alter table customer_view add column task_millis bigint;
alter table audit_log add column task_millis bigint;

create or replace function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.entry_key = old.entry_key and new.customer_id = old.customer_id
            and new.task_millis is not null and new.task_millis >= coalesce(old.task_millis, -1) then
        return new;
    end if;
    raise exception 'audit_log is append-only: an entry is replaced only by a later workflow task of its customer';
end;
$$;
