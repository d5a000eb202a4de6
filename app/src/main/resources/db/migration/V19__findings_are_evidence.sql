-- A finding once confirmed or sent for investigation is evidence and never changes (issue 16): later runs that add
-- to its window add an addendum that says what they found, and the finding stays as it was decided on.

alter table activity_finding add column final_at timestamptz;
update activity_finding f set final_at = (select min(st.at) from activity_finding_step st
                                            where st.finding_id = f.id and st.status in ('CONFIRMED', 'INVESTIGATION'))
 where f.status in ('CONFIRMED', 'INVESTIGATION') or exists (
       select 1 from activity_finding_step st where st.finding_id = f.id and st.status in ('CONFIRMED', 'INVESTIGATION'));
update activity_finding set final_at = created_at where final_at is null and status in ('CONFIRMED', 'INVESTIGATION');

create table activity_finding_addendum (
    id          bigint generated always as identity primary key,
    finding_id  bigint not null references activity_finding,
    run_id      bigint not null references activity_run,
    count       bigint not null,            -- the window's matching events after this run, over every run
    measured    bigint not null,
    first_at    timestamptz not null,
    last_at     timestamptz not null,
    evidence    text not null,              -- the window's first lines after this run, as the finding's are kept
    created_at  timestamptz not null,
    unique (finding_id, run_id)
);

create function activity_finding_guard() returns trigger language plpgsql as $$
begin
    if old.final_at is not null and (new.final_at is distinct from old.final_at
            or (new.count, new.measured, new.first_at, new.last_at, new.evidence, new.clauses, new.rule, new.person,
                new.window_start, new.run_id, new.title, new.severity)
               is distinct from (old.count, old.measured, old.first_at, old.last_at, old.evidence, old.clauses,
                                 old.rule, old.person, old.window_start, old.run_id, old.title, old.severity)) then
        raise exception 'finding % was confirmed on % and is evidence: it cannot change', old.id, old.final_at;
    end if;
    return new;
end $$;
create trigger activity_finding_guarded before update on activity_finding
    for each row execute function activity_finding_guard();

create function refuse_finding_addendum_change() returns trigger language plpgsql as $$
begin
    raise exception 'a finding''s addenda are append-only';
end $$;
create trigger activity_finding_addendum_append_only before update or delete on activity_finding_addendum
    for each row execute function refuse_finding_addendum_change();
