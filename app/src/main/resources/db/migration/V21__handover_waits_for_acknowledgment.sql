-- A hand-over prepared before its employee has acknowledged the acceptable-use policy waits for that
-- acknowledgment instead of being refused; the acknowledgment, once signed, releases it for the employee's
-- signature (the devices module hears of it through the AcknowledgmentSigned event).
alter table device_handover drop constraint device_handover_status_check;
alter table device_handover add constraint device_handover_status_check
    check (status in ('AWAITING_ACKNOWLEDGMENT', 'AWAITING_SIGNATURE', 'SIGNED', 'CANCELLED'));
drop index device_handover_awaiting;
create index device_handover_pending on device_handover using gin (devices)
    where status in ('AWAITING_ACKNOWLEDGMENT', 'AWAITING_SIGNATURE');

create or replace function device_handover_guard() returns trigger language plpgsql as $$
declare
    stranger bigint;
begin
    if tg_op = 'DELETE' then
        raise exception 'hand-over % is a record and cannot be deleted', old.id;
    end if;
    select d into stranger from unnest(new.devices) as d
     where not exists (select 1 from device where device.id = d and device.district_id = new.district_id) limit 1;
    if stranger is not null then
        raise exception 'device % is not one of district %''s', stranger, new.district_id;
    end if;
    if tg_op = 'UPDATE' then
        if old.status not in ('AWAITING_ACKNOWLEDGMENT', 'AWAITING_SIGNATURE') then
            raise exception 'hand-over % was already % and is kept as it was', old.id, lower(old.status);
        end if;
        if new.devices <> old.devices or new.staff_id <> old.staff_id or new.district_id <> old.district_id
                or new.prepared_at <> old.prepared_at or new.prepared_by <> old.prepared_by then
            raise exception 'hand-over % was prepared as it was and cannot be rewritten', old.id;
        end if;
    end if;
    return new;
end $$;
