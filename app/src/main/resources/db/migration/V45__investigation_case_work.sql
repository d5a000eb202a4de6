-- A case's work (issue 20): where it came from, its tasks, notes, links, and the outcome it was closed with.
-- The rules are the Case aggregate's (investigations.Case); these tables back them so no other path breaks them.

-- A referral taken into a case leaves the investigators' waiting list.
alter table investigation_referral drop constraint investigation_referral_status_check;
alter table investigation_referral add constraint investigation_referral_status_check
    check (status in ('WAITING', 'WITHDRAWN', 'TAKEN'));
alter table investigation_referral_step drop constraint investigation_referral_step_status_check;
alter table investigation_referral_step add constraint investigation_referral_step_status_check
    check (status in ('WAITING', 'WITHDRAWN', 'TAKEN'));

-- The outcome, recorded once when an open case closes: the clause cited in the version the subject signed.
-- The subject's name as the case was told it, so the list sorts by it without reading the roster's table.
alter table investigation_case
    add column subject_name text,
    add check ((subject_staff_id is null) = (subject_name is null)),
    add column outcome text check (outcome in ('NO_VIOLATION', 'COACHING', 'WRITTEN_WARNING',
                                               'PRIVILEGES_CANCELLED', 'REFERRED_TO_HR',
                                               'REFERRED_TO_LAW_ENFORCEMENT')),
    add column outcome_version_id bigint,
    add column outcome_clause_key text,
    add column outcome_summary text,
    add column closed_by text,
    add foreign key (outcome_version_id, outcome_clause_key) references policy_clause (version_id, clause_key),
    add check ((status = 'CLOSED') = (outcome is not null)),
    add check (outcome is null or length(btrim(outcome_summary)) between 1 and 4000),
    add check (outcome is null or (outcome = 'NO_VIOLATION') = (outcome_clause_key is null)),
    add check ((outcome_clause_key is null) = (outcome_version_id is null));

create index investigation_case_subject on investigation_case (district_id, subject_staff_id)
    where outcome is not null;

-- A closed or merged case is kept as it was decided: nothing reopens it, rewrites its outcome or moves its number.
create function investigation_case_decided() returns trigger language plpgsql as $$
begin
    if old.status <> 'OPEN' then
        raise exception 'case % of district % is % and cannot change', old.number, old.district_id, old.status;
    end if;
    if new.number <> old.number or new.district_id <> old.district_id then
        raise exception 'a case keeps its district and number';
    end if;
    return new;
end $$;

create trigger investigation_case_decided before update on investigation_case
    for each row execute function investigation_case_decided();

-- A case merged into another: only into an open case of its own district, never itself.
create function investigation_case_merge_target() returns trigger language plpgsql as $$
begin
    if new.merged_into is not null and not exists (
            select 1 from investigation_case t
             where t.id = new.merged_into and t.district_id = new.district_id and t.status = 'OPEN'
               and t.id <> new.id) then
        raise exception 'case % can be merged only into another open case of its district', new.number;
    end if;
    return new;
end $$;

create trigger investigation_case_merge_target before insert or update of merged_into on investigation_case
    for each row execute function investigation_case_merge_target();

-- What a case was opened from: a referral of a finding, a device loss or theft report, an employee's report.
create table investigation_case_source (
    case_id bigint not null references investigation_case (id),
    position integer not null,
    kind text not null check (kind in ('REFERRAL', 'INCIDENT', 'REPORT')),
    record_id bigint not null,
    label text not null,
    added_by text not null,
    added_at timestamptz not null,
    primary key (case_id, position)
);

create unique index investigation_case_source_once on investigation_case_source (case_id, kind, record_id);

-- Tasks: each for one of the case's people (the aggregate checks it: the case is saved whole, its children
-- rewritten together), due on a day of the district's calendar.
create table investigation_case_task (
    case_id bigint not null references investigation_case (id),
    position integer not null,
    title text not null check (length(btrim(title)) between 1 and 200),
    assignee_account_id bigint not null,
    assignee_name text not null,
    due_on date,
    added_by text not null,
    added_at timestamptz not null,
    done_by text,
    done_at timestamptz,
    primary key (case_id, position),
    check ((done_by is null) = (done_at is null))
);

-- Notes are what the investigators knew when: appended, never rewritten or removed, so they are rows of their own
-- rather than children the case rewrites when it is saved.
create table investigation_case_note (
    id bigint generated always as identity primary key,
    case_id bigint not null references investigation_case (id),
    author text not null,
    at timestamptz not null,
    text text not null check (length(btrim(text)) between 1 and 8000)
);

create index investigation_case_note_case on investigation_case_note (case_id, id);

create function investigation_case_note_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'a case''s notes are kept as written';
end $$;

create trigger investigation_case_note_append_only before update or delete on investigation_case_note
    for each row execute function investigation_case_note_append_only();

-- Links between cases of one district (the same person, the same device, the same incident).
create table investigation_case_link (
    case_id bigint not null references investigation_case (id),
    position integer not null,
    district_id bigint not null,
    linked_case_id bigint not null,
    linked_number integer not null,
    linked_by text not null,
    linked_at timestamptz not null,
    primary key (case_id, position),
    unique (case_id, linked_case_id),
    foreign key (district_id, linked_case_id) references investigation_case (district_id, id),
    check (linked_case_id <> case_id)
);
