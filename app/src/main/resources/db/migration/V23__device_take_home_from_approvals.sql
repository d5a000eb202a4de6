-- The devices module keeps, for each device and possessor, the latest decided permission to take it home, as the
-- approvals module tells it (ApprovalDecided): the list of devices out without permission is one query.
create table device_take_home (
    district_id  bigint not null references district,
    device_id    bigint not null references device,
    staff_id     bigint not null references staff,
    request_id   bigint not null,                 -- the approvals module's request
    status       text not null check (status in ('APPROVED', 'DENIED')),
    until        date,
    decided_at   timestamptz not null,
    primary key (device_id, staff_id)
);

insert into device_take_home (district_id, device_id, staff_id, request_id, status, until, decided_at)
select distinct on (d.id, r.requester_staff_id)
       r.district_id, d.id, r.requester_staff_id, r.id, r.status, r.expires_on, r.decided_at
  from approval_request r
  join approval_request_answer a on a.request_id = r.id and a.name = 'equipment'
  join device d on d.district_id = r.district_id
   and lower(d.asset_tag) in (select lower(w) from regexp_split_to_table(a.value, '[\s,;/]+') as w)
 where r.kind = 'EQUIPMENT_OFF_SITE' and r.status in ('APPROVED', 'DENIED')
 order by d.id, r.requester_staff_id, r.decided_at desc, r.id desc;
