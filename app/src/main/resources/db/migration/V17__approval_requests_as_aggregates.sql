-- An approval request becomes an aggregate saved whole with optimistic locking (issue 16). Its fields and its route
-- move from hand-made "name=value" and "A,B" text into child tables; the schema backs each rule the request guards:
-- one decision per request and step, a step that only moves forward one at a time, and no change to a decided one.

alter table approval_request add column version int not null default 0;

create table approval_request_answer (
    request_id  bigint not null references approval_request,
    name        text not null,
    value       text not null,
    primary key (request_id, name)
);
insert into approval_request_answer (request_id, name, value)
select r.id, split_part(line, '=', 1), substr(line, strpos(line, '=') + 1)
  from approval_request r, regexp_split_to_table(r.fields, E'\n') as line
 where strpos(line, '=') > 1
on conflict do nothing;

create table approval_request_step (
    request_id  bigint not null references approval_request,
    position    int not null check (position >= 0),
    role        text not null check (role in ('SUPERVISOR', 'HR', 'TECHNOLOGY', 'RECORDS', 'INVESTIGATOR',
                                              'DISTRICT_ADMIN', 'COUNTY_ADMIN')),
    primary key (request_id, position)
);
insert into approval_request_step (request_id, position, role)
select r.id, s.n - 1, trim(s.role)
  from approval_request r, unnest(string_to_array(r.route, ',')) with ordinality as s(role, n)
 where trim(s.role) <> '';

alter table approval_request drop column fields, drop column route;

-- Before this version two approvers clicking at once could both record a decision for one step. Such second
-- decisions are kept, apart, rather than deleted: they were recorded and audited.
create table approval_decision_superseded as
select d.* from approval_decision d
 where exists (select 1 from approval_decision e
                where e.request_id = d.request_id and e.step = d.step
                  and (e.decided_at, e.id) < (d.decided_at, d.id));
delete from approval_decision d using approval_decision_superseded s where d.id = s.id;
alter table approval_decision drop column id;
alter table approval_decision add primary key (request_id, step);
alter table approval_decision add constraint approval_decision_role_known
    check (role in ('SUPERVISOR', 'HR', 'TECHNOLOGY', 'RECORDS', 'INVESTIGATOR', 'DISTRICT_ADMIN', 'COUNTY_ADMIN'));

-- Requests those clicks left out of step with their decisions: a pending one waits at the step its kept decisions
-- reached (approved, if they covered its whole route); a decided one whose kept decisions do not bear out its
-- status (approved with a step skipped, denied with no denial left) is listed for the district to review.
with kept as (
    select r.id, (select count(*) from approval_decision d where d.request_id = r.id) as decided,
           (select count(*) from approval_request_step s where s.request_id = r.id) as steps,
           (select max(d.decided_at) from approval_decision d where d.request_id = r.id) as last_at
      from approval_request r where r.status = 'PENDING')
update approval_request r
   set step = least(kept.decided, kept.steps - 1),
       status = case when kept.decided >= kept.steps then 'APPROVED' else 'PENDING' end,
       decided_at = case when kept.decided >= kept.steps then kept.last_at end
  from kept
 where kept.id = r.id and (r.step <> kept.decided or kept.decided >= kept.steps);
create table approval_request_to_review as
select r.id as request_id, r.district_id,
       case when r.status = 'APPROVED' then 'approved with fewer decisions than its route has steps'
            else 'denied with no denial among its decisions' end as reason
  from approval_request r
 where (r.status = 'APPROVED'
        and (select count(*) from approval_decision d where d.request_id = r.id and d.outcome = 'APPROVED')
            < (select count(*) from approval_request_step s where s.request_id = r.id))
    or (r.status = 'DENIED' and not exists (select 1 from approval_decision d where d.request_id = r.id
                                                                               and d.outcome = 'DENIED'));

create function approval_request_guard() returns trigger language plpgsql as $$
begin
    if old.status <> 'PENDING' and (new.status <> old.status or new.step <> old.step
                                    or new.conditions <> old.conditions) then
        raise exception 'approval request % was already % and cannot change', old.id, lower(old.status);
    end if;
    if new.step < old.step or new.step > old.step + 1 then
        raise exception 'approval request % can only move on one step at a time', old.id;
    end if;
    if new.uses_left is distinct from old.uses_left and (old.uses_left is null or new.uses_left is null
                                                        or new.uses_left > old.uses_left or new.uses_left < 0) then
        raise exception 'approval request % can only be used up, one use at a time', old.id;
    end if;
    if new.district_id <> old.district_id or new.kind <> old.kind or new.requester_staff_id <> old.requester_staff_id
            or new.clause <> old.clause or new.created_at <> old.created_at then
        raise exception 'approval request % was asked as it was and cannot be rewritten', old.id;
    end if;
    return new;
end $$;
create trigger approval_request_guarded before update on approval_request
    for each row execute function approval_request_guard();

-- A district's own routes, a step a row.
create table approval_route_step (
    district_id  bigint not null references district,
    kind         text not null,
    position     int not null check (position >= 0),
    role         text not null check (role in ('SUPERVISOR', 'HR', 'TECHNOLOGY', 'RECORDS', 'INVESTIGATOR',
                                               'DISTRICT_ADMIN', 'COUNTY_ADMIN')),
    primary key (district_id, kind, position)
);
insert into approval_route_step (district_id, kind, position, role)
select r.district_id, r.kind, s.n - 1, trim(s.role)
  from approval_route r, unnest(string_to_array(r.steps, ',')) with ordinality as s(role, n)
 where r.steps is not null and trim(s.role) <> '';
alter table approval_route drop column steps;
