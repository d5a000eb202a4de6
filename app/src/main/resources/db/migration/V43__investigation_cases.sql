-- Investigation cases (issue 20): opened by an investigator from reports, referrals, device incidents or nothing.
-- Only the district's investigators and the case's assignees see a case (investigations.CaseAccess).
create table investigation_case (
    id bigint generated always as identity primary key,
    version integer not null,
    district_id bigint not null references district (id),
    number integer not null,
    title text not null check (length(title) between 1 and 200),
    subject_staff_id bigint references staff (id),
    status text not null check (status in ('OPEN', 'CLOSED', 'MERGED')),
    merged_into bigint references investigation_case (id),
    opened_by text not null,
    opened_at timestamptz not null,
    closed_at timestamptz,
    unique (district_id, number),
    unique (district_id, id),
    check ((status = 'MERGED') = (merged_into is not null)),
    check ((status = 'OPEN') = (closed_at is null))
);

create index investigation_case_list on investigation_case (district_id, status, opened_at desc);

-- The people working a case besides the investigators: they see it too.
create table investigation_case_assignee (
    case_id bigint not null references investigation_case (id),
    account_id bigint not null references account (id),
    name text not null,
    added_by text not null,
    added_at timestamptz not null,
    primary key (case_id, account_id)
);

create index investigation_case_assignee_account on investigation_case_assignee (account_id);
