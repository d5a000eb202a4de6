-- A finding's triage becomes an aggregate saved with optimistic locking (issue 16): of two people deciding one
-- finding at once, one is recorded. Its steps are kept in order.
alter table activity_finding add column version int not null default 0;
alter table activity_finding_step add column position int;
update activity_finding_step st set position = o.n - 1
  from (select id, row_number() over (partition by finding_id order by at, id) as n from activity_finding_step) o
 where o.id = st.id;
alter table activity_finding_step alter column position set not null;
alter table activity_finding_step add constraint activity_finding_step_in_order unique (finding_id, position);
alter table activity_finding_step add constraint activity_finding_step_status_known
    check (status in ('OPEN', 'DISMISSED', 'CONFIRMED', 'INVESTIGATION'));
