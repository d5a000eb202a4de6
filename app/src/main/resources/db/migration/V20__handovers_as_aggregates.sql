-- A hand-over becomes an aggregate saved whole with optimistic locking (issue 16). Its devices and statements move
-- from comma- and line-separated text into PostgreSQL arrays, its devices must be the district's own, and once
-- signed or cancelled it is kept exactly as it was, like signatures are.

alter table device_handover add column version int not null default 0;

alter table device_handover add column devices bigint[];
update device_handover set devices = string_to_array(device_ids, ',')::bigint[];
alter table device_handover alter column devices set not null;
alter table device_handover add constraint device_handover_names_devices check (cardinality(devices) > 0);
alter table device_handover drop column device_ids;
create index device_handover_awaiting on device_handover using gin (devices) where status = 'AWAITING_SIGNATURE';

alter table device_handover add column statement_list text[];
update device_handover set statement_list = string_to_array(statements, E'\n') where statements is not null;
alter table device_handover drop column statements;
alter table device_handover rename column statement_list to statements;

alter table device_settings add column statement_list text[];
update device_settings set statement_list = string_to_array(statements, E'\n');
alter table device_settings drop column statements;
alter table device_settings rename column statement_list to statements;
alter table device_settings alter column statements set not null;

create function device_handover_guard() returns trigger language plpgsql as $$
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
        if old.status <> 'AWAITING_SIGNATURE' then
            raise exception 'hand-over % was already % and is kept as it was', old.id, lower(old.status);
        end if;
        if new.devices <> old.devices or new.staff_id <> old.staff_id or new.district_id <> old.district_id
                or new.prepared_at <> old.prepared_at or new.prepared_by <> old.prepared_by then
            raise exception 'hand-over % was prepared as it was and cannot be rewritten', old.id;
        end if;
    end if;
    return new;
end $$;
create trigger device_handover_guarded before insert or update or delete on device_handover
    for each row execute function device_handover_guard();
