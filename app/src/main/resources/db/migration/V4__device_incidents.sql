-- Loss, theft and damage of district devices (Oak Park's Tech Equipment Loss Report Form; Clovis R; Stanislaus 17).

create table device_incident (
    id                    bigint generated always as identity primary key,
    district_id           bigint not null references district,
    device_id             bigint not null references device,
    staff_id              bigint not null references staff,
    kind                  text not null check (kind in ('LOSS', 'THEFT', 'DAMAGE')),
    what_happened         text not null check (length(what_happened) between 1 and 4000),
    happened_on           date not null,
    place                 text not null check (length(place) between 1 and 500),
    police_report_number  text,
    police_report         bytea,
    police_report_name    text,
    police_report_type    text,
    reported_at           timestamptz not null,
    assessed_cost         numeric(12, 2),
    decision              text check (decision in ('CHARGE', 'WAIVE', 'INSURANCE')),
    decision_note         text,
    decided_by            text,
    decided_at            timestamptz,
    check (kind <> 'THEFT' or (police_report_number is not null and police_report is not null))
);
create index device_incident_by_district on device_incident (district_id, decided_at);

alter table device_custody drop constraint device_custody_ended_with_check;
alter table device_custody add constraint device_custody_ended_with_check
    check (ended_with in ('RETURN', 'CONFISCATION', 'HANDOVER', 'LOSS', 'THEFT'));
alter table device_custody drop constraint device_custody_began_with_check;
alter table device_custody add constraint device_custody_began_with_check
    check (began_with in ('INVENTORY', 'HANDOVER', 'RETURN', 'CONFISCATION', 'LOSS', 'THEFT'));
