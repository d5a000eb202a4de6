-- Decisions cite clauses by reference (issue 16), in the policy a district adopted (its model policy, or its first:
-- V28 records which): the published policy version and the clause's key in it, with a
-- foreign key to the clause, resolved when the decision is made. A later version that renumbers or rewords a
-- clause never changes what an approval or a finding cited.

-- Approval requests: the clause key they were asked under, now with the version of the district's policy in force.
alter table approval_request add column clause_version_id bigint;
with cited as (
    select r.id, (select pv.id from policy_version pv join policy p on p.id = pv.policy_id
                   where p.district_id = r.district_id and pv.status = 'PUBLISHED' and pv.published_at <= r.created_at
                    and p.id = (select q.id from policy q where q.district_id = p.district_id
                                order by (q.source = 'MODEL') desc, q.created_at, q.id limit 1)
                   order by pv.published_at desc limit 1) as version_id
      from approval_request r)
update approval_request r set clause_version_id = cited.version_id
  from cited
 where cited.id = r.id and exists (select 1 from policy_clause c
                                    where c.version_id = cited.version_id and c.clause_key = r.clause);
alter table approval_request add constraint approval_request_cites_a_clause
    foreign key (clause_version_id, clause) references policy_clause (version_id, clause_key);

-- Findings: the rule pack's citations in every real policy become jsonb; the district's own clause a reference.
alter table activity_finding add column clause_version_id bigint;
alter table activity_finding add column clause_key text;
with keyed as (
    select f.id, f.district_id, f.created_at, split_part(line, '=', 2) as clause_key
      from activity_finding f, regexp_split_to_table(f.clauses, E'\n') as line
     where split_part(line, '=', 1) = coalesce((select s.clause_policy from activity_settings s
                                                  where s.district_id = f.district_id), 'model')),
cited as (
    select k.id, k.clause_key,
           (select pv.id from policy_version pv join policy p on p.id = pv.policy_id
             where p.district_id = k.district_id and pv.status = 'PUBLISHED' and pv.published_at <= k.created_at
              and p.id = (select q.id from policy q where q.district_id = p.district_id
                                order by (q.source = 'MODEL') desc, q.created_at, q.id limit 1)
             order by pv.published_at desc limit 1) as version_id
      from keyed k)
update activity_finding f set clause_version_id = cited.version_id, clause_key = cited.clause_key
  from cited
 where cited.id = f.id and exists (select 1 from policy_clause c
                                    where c.version_id = cited.version_id and c.clause_key = cited.clause_key);
alter table activity_finding add constraint activity_finding_cites_a_clause
    foreign key (clause_version_id, clause_key) references policy_clause (version_id, clause_key);
create index activity_finding_by_clause on activity_finding (district_id, clause_key);

create function pg_temp.citations(kept text) returns jsonb language sql immutable as $$
    select coalesce(jsonb_object_agg(split_part(line, '=', 1), substr(line, strpos(line, '=') + 1)), '{}'::jsonb)
      from regexp_split_to_table(kept, E'\n') as line where strpos(line, '=') > 1
$$;
alter table activity_finding alter column clauses type jsonb using pg_temp.citations(clauses);

-- What a decided request or a confirmed finding cited is part of what never changes.
create or replace function approval_request_guard() returns trigger language plpgsql as $$
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
            or new.clause <> old.clause or new.clause_version_id is distinct from old.clause_version_id
            or new.created_at <> old.created_at then
        raise exception 'approval request % was asked as it was and cannot be rewritten', old.id;
    end if;
    return new;
end $$;

create or replace function activity_finding_guard() returns trigger language plpgsql as $$
begin
    if old.final_at is not null and (new.final_at is distinct from old.final_at
            or (new.count, new.measured, new.first_at, new.last_at, new.evidence, new.clauses, new.rule, new.person,
                new.window_start, new.run_id, new.title, new.severity, new.clause_version_id, new.clause_key)
               is distinct from (old.count, old.measured, old.first_at, old.last_at, old.evidence, old.clauses,
                                 old.rule, old.person, old.window_start, old.run_id, old.title, old.severity,
                                 old.clause_version_id, old.clause_key)) then
        raise exception 'finding % was confirmed on % and is evidence: it cannot change', old.id, old.final_at;
    end if;
    return new;
end $$;
