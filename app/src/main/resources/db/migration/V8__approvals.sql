-- Prior approvals the policies require (model policy C.10, C.11, C.14, F.2, F.3, G.3, H.2, I.1), one workflow.

create table approval_route (
    district_id  bigint not null references district,
    kind         text not null,
    steps        text not null check (length(steps) > 0),   -- roles in order, e.g. 'SUPERVISOR,TECHNOLOGY'
    primary key (district_id, kind)
);

create table approval_request (
    id                  bigint generated always as identity primary key,
    district_id         bigint not null references district,
    kind                text not null,
    requester_staff_id  bigint not null references staff,
    requester           text not null,           -- the account that asked
    title               text not null,
    fields              text not null,           -- name=value, one a line
    route               text not null,           -- the steps when it was asked
    step                int not null default 0,  -- the step waiting for a decision
    status              text not null check (status in ('PENDING', 'APPROVED', 'DENIED')),
    clause              text not null,           -- the policy clause that requires the approval
    conditions          text not null default '',
    expires_on          date,
    uses_left           int,                     -- an approval for one message covers one use
    app_id              bigint references app,
    created_at          timestamptz not null,
    decided_at          timestamptz
);
create index approval_request_by_district on approval_request (district_id, status);

create table approval_decision (
    id           bigint generated always as identity primary key,
    request_id   bigint not null references approval_request,
    step         int not null,
    role         text not null,
    outcome      text not null check (outcome in ('APPROVED', 'DENIED')),
    conditions   text not null default '',
    reason       text not null default '',
    decided_by   text not null,
    decided_at   timestamptz not null
);
