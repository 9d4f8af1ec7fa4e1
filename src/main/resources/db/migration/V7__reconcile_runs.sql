-- One row per reconciliation run (id = its workflow id): progress while it runs, the report when it is done.
-- cursor is the last customer id checked, so a retried or resumed run goes on from there. counts, examples and
-- calls are JSON; examples hold ids only, never an e-mail address.
create table reconcile_run (
    id           varchar(255) primary key,
    mode         varchar(16)  not null,     -- repair, report
    trigger_name varchar(32)  not null,     -- schedule, admin, cli
    status       varchar(16)  not null,     -- running, done, failed
    started_at   timestamptz  not null,
    updated_at   timestamptz  not null,
    finished_at  timestamptz,
    total        integer      not null,
    checked      integer      not null,
    cursor_id    varchar(255),
    counts       text         not null,
    examples     text         not null,
    calls        text         not null,
    repairs_sent integer      not null,
    tasks_opened integer      not null,
    error        varchar(1000)
);
create index reconcile_run_started on reconcile_run (started_at desc);
