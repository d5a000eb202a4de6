-- The district's access to a device's content and its legal basis (CalECPA, Penal Code 1546.1), take-home
-- permission (Stanislaus 9.c), and inventory audits per site.

create table device_access (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    device_id    bigint not null references device,
    basis        text not null check (basis in ('POSSESSOR_CONSENT', 'WARRANT', 'EMERGENCY',
                                                'OWNER_CONSENT_LOST_STOLEN', 'IDENTIFY_FOUND_DEVICE')),
    reference    text not null default '',   -- the warrant, the consent form, the emergency
    why          text not null check (length(why) between 1 and 2000),
    accessed_by  text not null,
    accessed_at  timestamptz not null
);
create index device_access_by_device on device_access (device_id);

create table device_take_home (
    id             bigint generated always as identity primary key,
    district_id    bigint not null references district,
    device_id      bigint not null references device,
    staff_id       bigint not null references staff,
    reason         text not null check (length(reason) between 1 and 2000),
    requested_at   timestamptz not null,
    status         text not null check (status in ('REQUESTED', 'APPROVED', 'DENIED')),
    until_on       date,
    decided_by     text,
    decided_at     timestamptz,
    check (status <> 'APPROVED' or until_on is not null)
);
create index device_take_home_by_device on device_take_home (device_id);

create table device_audit (
    id          bigint generated always as identity primary key,
    district_id bigint not null references district,
    site_id     bigint not null references site,
    opened_by   text not null,
    opened_at   timestamptz not null,
    closed_at   timestamptz
);

create table device_audit_seen (
    audit_id      bigint not null references device_audit,
    device_id     bigint not null references device,
    confirmed_by  text not null,
    confirmed_at  timestamptz not null,
    primary key (audit_id, device_id)
);
