-- Returns due when employment ends (Clovis R), and how recently a device must have been patched (Clovis K.8).

create table device_return_checklist (
    id            bigint generated always as identity primary key,
    district_id   bigint not null references district,
    staff_id      bigint not null references staff unique,
    separated_on  date not null,
    due_on        date not null,
    created_at    timestamptz not null,
    escalated_at  timestamptz
);

alter table device_settings add column return_days int not null default 3 check (return_days between 0 and 60);
alter table device_settings add column patch_days int not null default 30 check (patch_days between 1 and 365);
