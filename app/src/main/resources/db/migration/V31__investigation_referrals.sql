-- Findings sent for investigation, waiting for an investigator (the investigations module's intake): one referral
-- per finding, moved only by its own steps. A case (to come) is opened from a waiting referral.
create table investigation_referral (
    id bigint generated always as identity primary key,
    version integer not null,
    district_id bigint not null references district (id),
    finding_id bigint not null references activity_finding (id),
    rule text not null,
    title text not null,
    severity text not null,
    subject text not null,
    subject_staff_id bigint references staff (id),
    status text not null check (status in ('WAITING', 'WITHDRAWN')),
    unique (district_id, finding_id)
);

create table investigation_referral_step (
    referral_id bigint not null references investigation_referral (id),
    position integer not null,
    status text not null check (status in ('WAITING', 'WITHDRAWN')),
    by_name text not null,
    reason text not null,
    at timestamptz not null,
    primary key (referral_id, position)
);

create index investigation_referral_waiting on investigation_referral (district_id, status);
