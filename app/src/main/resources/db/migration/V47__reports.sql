-- Reports from employees (issue 20; Clovis K.2 and M, Stanislaus 15, Oak Park 11, the Employee Electronic Services
-- policy): a security problem, misuse by staff, a student's violation, inappropriate or illegal content. A report is
-- received, may be taken into a case, and is closed once, with the case or without one. Its words and attachments
-- are kept as received (a trigger); only its standing changes. A lost or stolen device is reported to the devices
-- module, not here. The rules are the Report aggregate's (investigations.Report).
create table investigation_report (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    number integer not null,
    version integer not null default 0,
    kind text not null check (kind in ('SECURITY', 'STAFF_MISUSE', 'STUDENT_VIOLATION', 'ILLEGAL_CONTENT')),
    what text not null check (length(btrim(what)) between 1 and 8000),
    place text not null default '' check (length(place) <= 500),
    happened_on date,
    happened_at text not null default '' check (length(happened_at) <= 100),
    confidential boolean not null,
    reporter_account_id bigint not null references account (id),
    reporter_staff_id bigint,
    reporter_name text not null,
    reporter_email text,
    received_at timestamptz not null,
    status text not null check (status in ('RECEIVED', 'IN_CASE', 'CLOSED')),
    case_id bigint,
    case_number integer,
    closed_by text,
    closed_at timestamptz,
    closing_note text,
    unique (district_id, number),
    unique (district_id, id),
    foreign key (district_id, case_id) references investigation_case (district_id, id),
    check ((case_id is null) = (case_number is null)),
    check (status <> 'IN_CASE' or case_id is not null),
    check (status <> 'RECEIVED' or case_id is null),
    check ((status = 'CLOSED') = (closed_at is not null and closed_by is not null)),
    check (status <> 'CLOSED' or case_id is not null or length(btrim(closing_note)) between 1 and 2000)
);

create index investigation_report_waiting on investigation_report (district_id, status, received_at);
create index investigation_report_reporter on investigation_report (reporter_account_id, received_at desc);
create index investigation_report_case on investigation_report (case_id) where case_id is not null;

-- Files attached at sending, judged by their bytes, with the SHA-256 taken on arrival.
create table investigation_report_attachment (
    report_id bigint not null references investigation_report (id),
    position integer not null,
    name text not null,
    type text not null,
    bytes bytea not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    primary key (report_id, position)
);

-- What was reported stays as it was received; its attachments are never changed or removed.
create or replace function investigation_report_as_received() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' or new.district_id <> old.district_id or new.number <> old.number
       or new.kind <> old.kind or new.what <> old.what or new.place <> old.place
       or new.happened_on is distinct from old.happened_on or new.happened_at <> old.happened_at
       or new.confidential <> old.confidential or new.reporter_account_id <> old.reporter_account_id
       or new.reporter_name <> old.reporter_name or new.received_at <> old.received_at
       or old.status = 'CLOSED' then
        raise exception 'A report is kept as it was received, and a closed report as it was closed';
    end if;
    return new;
end $$;

create trigger investigation_report_as_received before update or delete on investigation_report
    for each row execute function investigation_report_as_received();
create trigger investigation_report_attachment_kept before update or delete on investigation_report_attachment
    for each row execute function investigation_evidence_append_only();
