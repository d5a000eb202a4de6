-- District devices and their custody (Oak Park statements 4 to 6: the employee a device is assigned to is its
-- authorized possessor under CalECPA; Clovis R; Stanislaus 9.c, 9.g, 17).

create table device (
    id              bigint generated always as identity primary key,
    district_id     bigint not null references district,
    asset_tag       text not null check (length(asset_tag) between 1 and 64),
    serial_number   text not null default '',
    type            text not null check (type in ('LAPTOP', 'TABLET', 'PHONE', 'HOTSPOT', 'DESKTOP',
                                                  'PORTABLE_STORAGE', 'OTHER')),
    model           text not null default '',
    funding_source  text not null default '',
    purchase_date   date,
    purchase_cost   numeric(12, 2),
    site_id         bigint references site,
    status          text not null check (status in ('IN_STOCK', 'ASSIGNED', 'CONFISCATED', 'LOST', 'STOLEN',
                                                    'DAMAGED', 'RETIRED')),
    mac_addresses   text not null default '',   -- normalized aa:bb:cc:dd:ee:ff, comma-separated
    managed         boolean not null default false,
    last_patched_on date,
    encrypted       boolean not null default false,
    created_at      timestamptz not null,
    unique (district_id, asset_tag)
);
create index device_by_site on device (district_id, site_id);
create index device_by_status on device (district_id, status);

-- What an employee signs when devices are handed to them: once for all the devices of one hand-over.
create table device_handover (
    id                      bigint generated always as identity primary key,
    district_id             bigint not null references district,
    staff_id                bigint not null references staff,
    device_ids              text not null,              -- the devices, comma-separated
    prepared_by             text not null,
    prepared_at             timestamptz not null,
    status                  text not null check (status in ('AWAITING_SIGNATURE', 'SIGNED', 'CANCELLED')),
    statements              text,                       -- as shown, one a line
    agreement               text,                       -- the agreement text as signed
    typed_name              text,
    signed_at               timestamptz,
    ip_address              text,
    user_agent              text,
    acknowledgment_id       bigint,                     -- the acceptable-use acknowledgment current when signing
    policy_title            text,
    policy_version          int,
    policy_sha256           text
);

-- Who possesses each device, period after period. The district is the possessor when no employee is.
create table device_custody (
    id            bigint generated always as identity primary key,
    district_id   bigint not null references district,
    device_id     bigint not null references device,
    staff_id      bigint references staff,               -- null: the district
    from_at       timestamptz not null,
    until_at      timestamptz,
    began_with    text not null check (began_with in ('INVENTORY', 'HANDOVER', 'RETURN', 'CONFISCATION')),
    handover_id   bigint references device_handover,
    ended_with    text check (ended_with in ('RETURN', 'CONFISCATION', 'HANDOVER')),
    recorded_by   text not null,
    note          text not null default ''
);
-- exactly one possessor at any time
create unique index device_custody_one_possessor on device_custody (device_id) where until_at is null;
create index device_custody_by_staff on device_custody (staff_id) where until_at is null;

-- A device given back: its condition, and the receipt the district signs for it.
create table device_return (
    id            bigint generated always as identity primary key,
    district_id   bigint not null references district,
    device_id     bigint not null references device,
    staff_id      bigint not null references staff,
    condition     text not null check (condition in ('GOOD', 'WORN', 'DAMAGED', 'MISSING_PARTS')),
    notes         text not null default '',
    received_by   text not null,
    received_at   timestamptz not null
);

create table device_settings (
    district_id                bigint primary key references district,
    statements                 text not null,
    require_acknowledgment     boolean not null default true
);
