-- A hand-over cites the clause of the district's policy in force that makes the employee the devices' one
-- authorized possessor (model G.1; a district names its own), by reference to the published clause (issue 16).
alter table device_settings add column possession_clause text not null default 'G.1';
alter table device_handover add column clause_key text;
alter table device_handover add column clause_version_id bigint;
alter table device_handover add constraint device_handover_cites_a_clause
    foreign key (clause_version_id, clause_key) references policy_clause (version_id, clause_key);

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
                or new.prepared_at <> old.prepared_at or new.prepared_by <> old.prepared_by
                or new.clause_key is distinct from old.clause_key
                or new.clause_version_id is distinct from old.clause_version_id then
            raise exception 'hand-over % was prepared as it was and cannot be rewritten', old.id;
        end if;
    end if;
    return new;
end $$;
