-- Steward's foundation: districts and their sites, sign-in accounts, policies as versioned clause trees,
-- the staff roster, and the hash-chained audit trail. PostgreSQL 15 or later.

create table district (
    id          bigint generated always as identity primary key,
    slug        text not null unique check (slug ~ '^[a-z0-9-]+$'),
    name        text not null,
    time_zone   text not null default 'America/Los_Angeles',
    created_at  timestamptz not null
);

create table site (
    id          bigint generated always as identity primary key,
    district_id bigint not null references district,
    code        text not null,
    name        text not null,
    unique (district_id, code)
);

-- People who sign in. A COUNTY_ADMIN's district is the county office's own; the role lets them act in any.
create table account (
    id             bigint generated always as identity primary key,
    district_id    bigint not null references district,
    username       text not null unique,
    password_hash  text not null,
    display_name   text not null,
    email          text,
    staff_id       bigint,
    enabled        boolean not null default true,
    created_at     timestamptz not null
);

create table account_role (
    account_id  bigint not null references account on delete cascade,
    role        text not null check (role in ('EMPLOYEE', 'SUPERVISOR', 'HR', 'TECHNOLOGY', 'RECORDS',
                                              'INVESTIGATOR', 'DISTRICT_ADMIN', 'COUNTY_ADMIN')),
    primary key (account_id, role)
);

-- The one-time link that creates the first administrator of an empty installation.
create table setup_token (
    token_hash  text primary key,
    created_at  timestamptz not null,
    used_at     timestamptz
);

create table staff (
    id             bigint generated always as identity primary key,
    district_id    bigint not null references district,
    employee_id    text not null,
    first_name     text not null,
    last_name      text not null,
    email          text,
    site_id        bigint references site,
    job_function   text not null,
    supervisor_id  bigint references staff,
    hire_date      date,
    status         text not null check (status in ('ACTIVE', 'SEPARATED')),
    separated_on   date,
    source         text not null,
    unique (district_id, employee_id)
);
create index staff_by_name on staff (district_id, lower(last_name), lower(first_name));
create index staff_by_supervisor on staff (supervisor_id);

alter table account add constraint account_staff_fk foreign key (staff_id) references staff;

create table staff_import (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    file_name    text not null,
    format       text not null,
    sha256       text not null,
    rows_read    int not null,
    created      int not null,
    updated      int not null,
    unchanged    int not null,
    imported_by  text not null,
    imported_at  timestamptz not null
);

create table policy (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    title        text not null,
    source       text not null check (source in ('MODEL', 'IMPORTED')),
    created_at   timestamptz not null
);

create table policy_version (
    id            bigint generated always as identity primary key,
    policy_id     bigint not null references policy,
    number        int not null,
    title         text not null,
    front_matter  text not null default '',
    status        text not null check (status in ('DRAFT', 'PUBLISHED')),
    sha256        text,
    note          text not null default '',
    created_at    timestamptz not null,
    published_at  timestamptz,
    published_by  text,
    unique (policy_id, number),
    check ((status = 'PUBLISHED') = (sha256 is not null and published_at is not null))
);

create table policy_clause (
    version_id  bigint not null references policy_version on delete cascade,
    position    int not null,
    clause_key  text not null,
    parent_key  text,
    kind        text not null,
    label       text not null,
    title       text not null,
    text        text not null,
    laws        text not null default '',
    primary key (version_id, position),
    unique (version_id, clause_key)
);

-- A published version is the text employees signed: nothing may change it, whatever path the change takes.
create function refuse_change_to_published_version() returns trigger language plpgsql as $$
declare
    version_status text;
begin
    if tg_table_name = 'policy_version' then
        if old.status = 'PUBLISHED' then
            raise exception 'policy version % is published and cannot be changed', old.id;
        end if;
        return coalesce(new, old);
    end if;
    select status into version_status from policy_version
        where id = coalesce(new.version_id, old.version_id);
    if version_status = 'PUBLISHED' then
        raise exception 'policy version % is published; its clauses cannot be changed',
            coalesce(new.version_id, old.version_id);
    end if;
    return coalesce(new, old);
end $$;

create trigger policy_version_published_is_final before update or delete on policy_version
    for each row execute function refuse_change_to_published_version();
create trigger policy_clause_published_is_final before insert or update or delete on policy_clause
    for each row execute function refuse_change_to_published_version();

-- Who did what, to which record, when, from where and why. Each entry holds the hash of the one before it in its
-- district's chain and the hash of its own canonical content.
create table audit_entry (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    sequence     bigint not null,
    at           timestamptz not null,
    actor        text not null,
    source_ip    text not null,
    action       text not null,
    record_type  text not null,
    record_id    text not null,
    reason       text not null default '',
    details      text not null default '',
    prev_hash    text not null,
    hash         text not null,
    unique (district_id, sequence)
);
create index audit_by_record on audit_entry (district_id, record_type, record_id);

create function refuse_audit_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit entries are append-only';
end $$;
create trigger audit_entry_append_only before update or delete on audit_entry
    for each row execute function refuse_audit_change();

-- Spring Modulith's event publication registry (schema v2): an event survives a crash until its listener completes.
create table event_publication (
    id                      uuid not null primary key,
    listener_id             text not null,
    event_type              text not null,
    serialized_event        text not null,
    publication_date        timestamptz not null,
    completion_date         timestamptz,
    status                  text,
    completion_attempts     int,
    last_resubmission_date  timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- Only the demo district fills this: its made-up accounts' passwords, shown on the sign-in page in demo mode.
create table demo_credential (
    username  text primary key,
    password  text not null
);
