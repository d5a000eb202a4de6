-- Monitoring of internet and system use (Ceres II.B, II.D.5; Clovis C, K; Stanislaus 4; Oak Park statements 1-3, 7):
-- where activity comes from, each ingestion run, usage per person, site and day, findings tied to clauses, and
-- every look at a named person's activity with its reason.

-- A place activity comes from: an uploaded file, a watched folder, a syslog receiver, or the events API.
create table activity_source (
    id               bigint generated always as identity primary key,
    district_id      bigint not null references district,
    name             text not null check (length(name) between 1 and 100),
    kind             text not null check (kind in ('UPLOAD', 'FOLDER', 'SYSLOG', 'API')),
    format           text not null check (format in ('SQUID', 'JSON_LINES')),
    folder           text,                 -- FOLDER: the folder watched
    token_hash       text,                 -- API: SHA-256 of the token; the token itself is shown once
    token_issued_at  timestamptz,
    token_revoked_at timestamptz,
    created_by       text not null,
    created_at       timestamptz not null,
    unique (district_id, name)
);
create unique index activity_source_token on activity_source (token_hash) where token_hash is not null;

-- One ingestion of one file (or one batch of events): what was read, what was wrong, how fast.
create table activity_run (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    source_id    bigint not null references activity_source,
    file_name    text not null,
    sha256       text not null,
    bytes        bigint not null,
    status       text not null check (status in ('RUNNING', 'DONE', 'FAILED')),
    started_at   timestamptz not null,
    finished_at  timestamptz,
    started_by   text not null,
    lines        bigint not null default 0,
    bad_lines    bigint not null default 0,
    bad_reasons  text not null default '',   -- reason=count, one a line
    bad_samples  text not null default '',   -- line<TAB>reason<TAB>text, one a line
    people       int not null default 0,
    sites        int not null default 0,
    usage_rows   int not null default 0,
    findings     int not null default 0,
    problem      text not null default '',
    raw_file     text,                       -- the kept raw file, until the retention deletes it
    raw_deleted_at timestamptz
);
-- A file's content is counted once per district, whatever its name.
create unique index activity_run_once on activity_run (district_id, sha256) where status <> 'FAILED';
create index activity_run_by_source on activity_run (source_id, started_at desc);

-- Visits and time connected per person, site and local day (Ceres II.D.5), summed over runs.
create table activity_usage (
    district_id  bigint not null references district,
    day          date not null,
    person       text not null,                 -- the account in the log, or the address nobody held
    staff_id     bigint references staff,
    site         text not null,
    visits       bigint not null,
    millis       bigint not null,
    requests     bigint not null,
    elapsed_ms   bigint not null,
    bytes        bigint not null,
    categories   text[] not null default '{}',
    primary key (district_id, day, person, site)
);
create index activity_usage_by_person on activity_usage (district_id, person, day);
create index activity_usage_by_site on activity_usage (district_id, site, day);
create index activity_usage_by_day on activity_usage (district_id, day);

-- Requests per local hour of day, per person and day: the report's hour-of-day chart.
create table activity_hours (
    district_id  bigint not null references district,
    day          date not null,
    person       text not null,
    requests     bigint[] not null check (cardinality(requests) = 24),
    primary key (district_id, day, person)
);

-- A rule's window that reached its threshold: one per rule, person and window, with its evidence lines.
create table activity_finding (
    id            bigint generated always as identity primary key,
    district_id   bigint not null references district,
    rule          text not null,
    title         text not null,
    severity      text not null,
    clauses       text not null,              -- policy=clause, one a line, as the rule pack cites them
    person        text not null,
    staff_id      bigint references staff,
    window_start  timestamptz not null,
    first_at      timestamptz not null,
    last_at       timestamptz not null,
    count         bigint not null,
    measured      bigint not null,
    evidence      text not null,              -- source<TAB>line<TAB>text, one a line
    status        text not null check (status in ('OPEN', 'DISMISSED', 'CONFIRMED', 'INVESTIGATION')),
    run_id        bigint not null references activity_run,
    created_at    timestamptz not null,
    unique (district_id, rule, person, window_start)
);
create index activity_finding_queue on activity_finding (district_id, status, first_at desc);

-- What was done with a finding, by whom, and why.
create table activity_finding_step (
    id          bigint generated always as identity primary key,
    finding_id  bigint not null references activity_finding,
    status      text not null,
    reason      text not null default '',
    by_name     text not null,
    at          timestamptz not null
);

-- A look at a named person's activity: who, whom, why. Each view of the report cites one.
create table activity_view (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    account_id   bigint not null references account,
    viewer       text not null,
    person       text not null,
    reason       text not null check (length(reason) between 5 and 1000),
    case_ref     text not null default '',
    at           timestamptz not null
);

-- The district's URL category lists (UT1 layout); one set is in use.
create table category_set (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    origin       text not null,               -- the folder or file it came from
    folder       text not null,               -- where Steward keeps it
    lists_date   timestamptz,                 -- the newest list file's date
    sizes        text not null,               -- category=domains+urls, one a line
    installed_by text not null,
    installed_at timestamptz not null,
    in_use       boolean not null
);
create unique index category_set_in_use on category_set (district_id) where in_use;

-- Who held a network address when (DHCP leases), for log lines without a user name. A lease names the person,
-- or a device's MAC address whose custodian at the time is the person.
create table activity_lease (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    address      text not null,
    person       text not null default '',
    mac          text not null default '',
    from_at      timestamptz not null,
    until_at     timestamptz,
    check (person <> '' or mac <> '')
);
create index activity_lease_by_district on activity_lease (district_id);

create table activity_settings (
    district_id        bigint primary key references district,
    raw_retention_days int not null default 30 check (raw_retention_days between 0 and 3650),
    idle_minutes       int not null default 5 check (idle_minutes between 1 and 240),
    clause_policy      text not null default 'model'   -- which policy's clauses the rule pack cites for the district
);

-- The categories of many usage rows as one array, for the reports.
create aggregate array_cat_agg(anycompatiblearray) (sfunc = array_cat, stype = anycompatiblearray, initcond = '{}');
