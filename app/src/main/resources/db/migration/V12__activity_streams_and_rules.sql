-- Activity that arrives as a stream (a watched folder's rotating log, a syslog receiver) and the district's own
-- rules and duty calendar.

-- FOLDER: the log followed in the folder; SYSLOG: the port listened on (TCP and UDP) and the senders allowed.
alter table activity_source add column file_name text;
alter table activity_source add column port int check (port between 1 and 65535);
alter table activity_source add column senders text not null default '';   -- addresses, one a line; none: any
create unique index activity_source_port on activity_source (port) where port is not null;

-- A run may be one part of a stream: the bytes of a followed file, or one batch of syslog messages. A part is
-- counted once per source, whatever its content; whole files once per district by their content.
alter table activity_run add column part text;
drop index activity_run_once;
create unique index activity_run_once on activity_run (district_id, sha256) where status <> 'FAILED' and part is null;
create unique index activity_run_part_once on activity_run (source_id, part) where status <> 'FAILED' and part is not null;

-- Where a watched folder's source has read to, moved in the transaction that stores what was read, so that a
-- restart neither loses nor counts twice a line. The file is known by its file key (device and inode) and the
-- SHA-256 of its first line, which tell a rotation by rename from one by copy and truncate.
create table activity_follow (
    source_id    bigint primary key references activity_source,
    file_key     text not null,
    fingerprint  text not null,
    position     bigint not null check (position >= 0),
    problem      text not null default '',
    updated_at   timestamptz not null
);

-- A district's changes to a rule of the default pack: on or off, severity, time filter, threshold, condition.
create table activity_rule_setting (
    district_id  bigint not null references district,
    rule         text not null,
    enabled      boolean not null,
    severity     text not null check (severity in ('LOW', 'MEDIUM', 'HIGH')),
    time_filter  text not null check (time_filter in ('ALWAYS', 'DUTY', 'NON_DUTY')),
    measure      text not null check (measure in ('COUNT', 'VISITS', 'BYTES', 'SECONDS')),
    at_least     bigint not null check (at_least >= 1),
    time_window  text not null check (time_window in ('HOUR', 'DAY', 'WEEK')),
    condition    text not null default '',
    updated_by   text not null,
    updated_at   timestamptz not null,
    primary key (district_id, rule)
);

-- A district's duty calendar (Clovis C.27 "during duty time"): hours, school days, holidays, hours by job function.
create table activity_calendar (
    district_id    bigint primary key references district,
    duty_hours     text not null,                 -- 07:30-16:00
    school_days    text not null,                 -- MONDAY,TUESDAY,...
    holidays       text not null default '',      -- 2026-11-26 Thanksgiving, one a line
    job_functions  text not null default '',      -- Teacher: 07:45-15:15, one a line
    updated_by     text not null,
    updated_at     timestamptz not null
);

-- A staff member's report reads their rows by staff id (all the accounts and addresses attributed to them).
create index activity_usage_by_staff on activity_usage (district_id, staff_id, day) where staff_id is not null;

-- The local days a run's lines fall on, so that a backtest reads only the kept files of the days it asks about.
alter table activity_run add column first_day date;
alter table activity_run add column last_day date;
create index activity_hours_by_person on activity_hours (district_id, person, day);

-- What each rule summed per person and window over all runs, threshold reached or not: a stream comes in parts
-- (a watched folder's new lines, a syslog batch), and a finding is raised when the parts' sums together reach it.
create table activity_window (
    district_id   bigint not null references district,
    rule          text not null,
    person        text not null,
    window_start  timestamptz not null,
    first_at      timestamptz not null,
    last_at       timestamptz not null,
    count         bigint not null,
    measured      bigint not null,             -- in the measure's own unit (milliseconds for seconds)
    evidence      text not null,               -- the first lines, source<TAB>line<TAB>text, one a line
    primary key (district_id, rule, person, window_start)
);
create index activity_window_by_start on activity_window (district_id, window_start);

-- Each person's latest request end at each site in a district's streams, so that a visit going on when one part
-- ends is continued, not counted again, by the next.
create table activity_visit_end (
    district_id  bigint not null references district,
    person       text not null,
    site         text not null,
    last_end     timestamptz not null,
    primary key (district_id, person, site)
);
create index activity_visit_end_recent on activity_visit_end (district_id, last_end);
