-- One open support task per key (customer and problem): a recurring problem updates its open task; once resolved,
-- the same problem may open a new one.
alter table support_task drop constraint support_task_task_key_key;
create unique index support_task_open_key on support_task (task_key) where status = 'open';
create index support_task_key on support_task (task_key, created_at);
alter table support_task add column updated_at timestamptz;

-- Why a customer needs attention, in words (null when nothing does).
alter table customer_view add column attention_reason text;
