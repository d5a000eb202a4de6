-- The district's category lists and rules re-applied to the raw logs it keeps, over whole weeks (issue 17): the
-- weeks' usage, hours and windows are counted again from the kept files, findings that are not evidence are brought
-- up to date or, no longer found, dismissed by Steward with the reason; confirmed findings stay as they were.
create table activity_reapply (
    id              bigint generated always as identity primary key,
    district_id     bigint not null references district,
    asked_from      date not null,            -- the days asked for
    asked_to        date not null,
    first_day       date not null,            -- the days counted again: whole weeks, and every run touching them
    last_day        date not null,
    reason          text not null check (length(reason) between 5 and 1000),
    by_name         text not null,
    category_set_id bigint references category_set,  -- the lists applied (none installed: null)
    status          text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    started_at      timestamptz not null,
    finished_at     timestamptz,
    runs            int not null default 0,
    lines           bigint not null default 0,
    findings_before int not null default 0,   -- findings of those days that were not evidence, before
    raised          int not null default 0,   -- findings new to those days
    kept            int not null default 0,   -- findings found again, brought up to date
    withdrawn       int not null default 0,   -- open findings no longer found, dismissed by Steward
    reopened        int not null default 0,   -- findings a re-apply had dismissed, found again and reopened
    evidence        int not null default 0,   -- confirmed findings of those days, left as they were
    problem         text not null default ''
);
create index activity_reapply_by_district on activity_reapply (district_id, started_at desc);
-- One re-apply of a district at a time.
create unique index activity_reapply_one_running on activity_reapply (district_id) where status = 'RUNNING';

-- The latest re-apply that counted a run's file again.
alter table activity_run add column reapply_id bigint references activity_reapply;
-- A run's first and last day are those of all the events it counted (logins, devices, software as well as web
-- requests); before, those of its web requests only, which a re-apply of events cannot rely on.
alter table activity_run add column events_dated boolean not null default false;
