-- What a case keeps is added only while it is open, and a merge cannot close a circle (issue 20, the review's races).

-- A merge locks the case it merges into, so that two merges at once (A into B, B into A) or a merge racing the
-- target's close wait for each other: the second sees the first's outcome and is refused.
create or replace function investigation_case_merge_target() returns trigger language plpgsql as $$
begin
    if new.merged_into is not null and not exists (
            select 1 from investigation_case t
             where t.id = new.merged_into and t.district_id = new.district_id and t.status = 'OPEN'
               and t.id <> new.id
               for update) then
        raise exception 'case % can be merged only into another open case of its district', new.number;
    end if;
    return new;
end $$;

-- A note or an item of evidence is added to an open case only: the case row is locked for share, so one added while
-- the case is being closed waits for the close and is then refused. The holds an item places are written in the same
-- transaction, under the same lock, so none outlives the release that follows the close.
create or replace function investigation_case_still_open() returns trigger language plpgsql as $$
begin
    perform 1 from investigation_case where id = new.case_id and status = 'OPEN' for share;
    if not found then
        raise exception 'case % is no longer open: nothing more is added to it', new.case_id;
    end if;
    return new;
end $$;

create trigger investigation_case_note_while_open before insert on investigation_case_note
    for each row execute function investigation_case_still_open();
create trigger investigation_evidence_while_open before insert on investigation_evidence
    for each row execute function investigation_case_still_open();

-- The case and every case merged into it, at any depth: the one whose page, evidence and case file carry them on.
create function investigation_case_family(root bigint) returns table (id bigint) language sql stable as $$
    with recursive family(id) as (
        select root
        union
        select c.id from investigation_case c join family f on c.merged_into = f.id)
    select id from family
$$;

-- (merged_into is indexed by V48: investigation_case_merged)
