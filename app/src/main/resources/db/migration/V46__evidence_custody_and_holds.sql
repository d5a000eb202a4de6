-- Evidence of an investigation case (issue 20): each item a record of Steward's own, drawn by reference and kept as
-- a snapshot taken when it was added (canonical JSON, kept as text so that its SHA-256 can be taken again byte for
-- byte), or an uploaded file with its bytes. Items are never changed or deleted (a trigger).
create table investigation_evidence (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    case_id bigint not null,
    kind text not null check (kind in ('FINDING', 'USAGE', 'DEVICE', 'APPROVAL', 'ACKNOWLEDGMENT', 'FILE')),
    ref_id bigint,
    description text not null check (length(description) between 1 and 500),
    reason text not null default '',
    period_from date,
    period_to date,
    snapshot text,
    file_name text,
    file_type text,
    file_bytes bytea,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    added_by text not null,
    added_at timestamptz not null,
    foreign key (district_id, case_id) references investigation_case (district_id, id),
    check ((kind = 'FILE') = (file_bytes is not null and file_type is not null and file_name is not null)),
    check ((kind = 'FILE') = (snapshot is null)),
    check ((kind = 'FILE') = (ref_id is null)),
    check ((kind = 'USAGE') = (period_from is not null and period_to is not null and period_from <= period_to))
);

create index investigation_evidence_case on investigation_evidence (case_id, added_at desc, id desc);

-- Who added, viewed, downloaded or exported each item, when and why: the chain of custody, append-only.
create table investigation_custody (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    evidence_id bigint not null references investigation_evidence (id),
    action text not null check (action in ('ADDED', 'VIEWED', 'DOWNLOADED', 'EXPORTED')),
    by_name text not null,
    reason text not null default '',
    at timestamptz not null,
    check (action not in ('DOWNLOADED', 'EXPORTED') or length(reason) > 0)
);

create index investigation_custody_evidence on investigation_custody (evidence_id, at, id);

create or replace function investigation_evidence_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'Evidence and its chain of custody are kept as recorded: they cannot be changed or deleted';
end $$;

create trigger investigation_evidence_append_only before update or delete on investigation_evidence
    for each row execute function investigation_evidence_append_only();
create trigger investigation_custody_append_only before update or delete on investigation_custody
    for each row execute function investigation_evidence_append_only();
create trigger investigation_evidence_no_truncate before truncate on investigation_evidence
    for each statement execute function investigation_evidence_append_only();
create trigger investigation_custody_no_truncate before truncate on investigation_custody
    for each statement execute function investigation_evidence_append_only();

-- The records an open case keeps from deletion (module holds): kept by investigations as evidence is added, released
-- when the case closes or merges. A usage hold names a staff member and the days of their activity it keeps.
create table record_hold (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    kind text not null check (kind in ('FINDING', 'USAGE', 'DEVICE', 'APPROVAL', 'SIGNATURE', 'STAFF')),
    record_id bigint not null,
    from_day date,
    to_day date,
    case_id bigint not null,
    case_number integer not null,
    held_at timestamptz not null,
    released_at timestamptz,
    check ((kind = 'USAGE') = (from_day is not null and to_day is not null))
);

create index record_hold_held on record_hold (district_id, kind, record_id) where released_at is null;
create index record_hold_case on record_hold (case_id) where released_at is null;
