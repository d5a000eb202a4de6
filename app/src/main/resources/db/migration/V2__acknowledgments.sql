-- Annual acknowledgment of the acceptable-use policy (Clovis Q, Oak Park's Annual Acknowledgement and Signature
-- Page), and the mail Steward sends.

-- What each district decides about its campaigns.
create table ack_settings (
    district_id         bigint primary key references district,
    new_hire_days       int not null default 10 check (new_hire_days between 1 and 90),
    grace_days          int not null default 14 check (grace_days between 0 and 365),
    remind_at_open      boolean not null default true,
    -- days before the due date a reminder goes out, e.g. '7,1,0' (0: on the due date)
    days_before         text not null default '7,1,0' check (days_before ~ '^([0-9]{1,3}(,[0-9]{1,3})*)?$'),
    overdue_every_days  int not null default 7 check (overdue_every_days between 1 and 90)
);

-- The statements of the district's signature page; each needs its own tick.
create table ack_statement (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    position     int not null,
    text         text not null check (length(text) between 1 and 2000),
    unique (district_id, position)
);

create table ack_campaign (
    id                 bigint generated always as identity primary key,
    district_id        bigint not null references district,
    school_year        text not null check (school_year ~ '^[0-9]{4}-[0-9]{2}$'),
    policy_version_id  bigint not null references policy_version,
    audience_sites     text not null default '',   -- site ids, comma-separated; empty: every site
    audience_jobs      text not null default '',   -- job functions, '|'-separated; empty: every job
    opens_on           date not null,
    due_on             date not null check (due_on >= opens_on),
    status             text not null check (status in ('OPEN', 'CLOSED')),
    opened_by          text not null,
    opened_at          timestamptz not null,
    closed_at          timestamptz
);
create index ack_campaign_by_district on ack_campaign (district_id, status);

create table ack_assignment (
    id            bigint generated always as identity primary key,
    district_id   bigint not null references district,
    campaign_id   bigint not null references ack_campaign,
    staff_id      bigint not null references staff,
    due_on        date not null,
    reason        text not null check (reason in ('AUDIENCE', 'NEW_HIRE')),
    assigned_at   timestamptz not null,
    suspended_at  timestamptz,   -- technology privileges suspended pending acknowledgment
    lifted_at     timestamptz,
    unique (campaign_id, staff_id)
);
create index ack_assignment_by_staff on ack_assignment (staff_id);

-- A kiosk a supervisor opened on a shared screen for a professional-development day.
create table ack_kiosk (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    token_hash   text not null unique,
    opened_by    text not null,
    opened_at    timestamptz not null,
    expires_at   timestamptz not null
);

-- A signed acknowledgment: the proof of exactly which text the employee signed. Never changed, never deleted.
create table ack_signature (
    id                 bigint generated always as identity primary key,
    district_id        bigint not null references district,
    campaign_id        bigint not null references ack_campaign,
    staff_id           bigint not null references staff,
    school_year        text not null,
    policy_version_id  bigint not null references policy_version,
    policy_title       text not null,
    policy_version     int not null,
    policy_sha256      text not null,
    statements         text not null,   -- each statement as shown, one a line
    typed_name         text not null,
    signed_at          timestamptz not null,
    ip_address         text not null,
    user_agent         text not null,
    kiosk_id           bigint references ack_kiosk,
    receipt_pdf        bytea not null,
    receipt_sha256     text not null,
    unique (campaign_id, staff_id)
);
create index ack_signature_by_staff on ack_signature (staff_id);

create function ack_signature_is_final() returns trigger language plpgsql as $$
begin
    raise exception 'A signed acknowledgment is final: it cannot be changed or deleted';
end $$;
create trigger ack_signature_final before update or delete on ack_signature
    for each row execute function ack_signature_is_final();
create trigger ack_signature_no_truncate before truncate on ack_signature
    for each statement execute function ack_signature_is_final();

-- Which reminder went to whom: the key makes sure nobody gets the same reminder twice, also across restarts.
create table ack_reminder (
    assignment_id  bigint not null references ack_assignment,
    kind           text not null,       -- OPEN, BEFORE-7, BEFORE-1, DUE, OVERDUE-1, OVERDUE-2, ...
    recipient      text not null check (recipient in ('EMPLOYEE', 'SUPERVISOR')),
    sent_at        timestamptz not null,
    primary key (assignment_id, kind, recipient)
);

-- Every mail Steward sends, and whether the SMTP server took it.
create table mail_message (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    recipient    text not null,
    subject      text not null,
    body         text not null,
    created_at   timestamptz not null,
    status       text not null check (status in ('SENT', 'FAILED', 'NO_SERVER')),
    problem      text
);
