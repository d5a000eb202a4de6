-- Long lists (issue 17) read one page in the order asked for, and count: indexes for the orders they start in,
-- each ending in the id that breaks ties, so that a page is read from the index rather than sorted whole.
drop index staff_by_name;
create index staff_by_name on staff (district_id, lower(last_name), lower(first_name), id);

-- the findings queue of any status, newest first (the open queue has activity_finding_queue)
create index activity_finding_newest on activity_finding (district_id, first_at desc, id desc);

-- the audit trail by who or what, newest first within each
create index audit_by_actor on audit_entry (district_id, actor, sequence);
create index audit_by_action on audit_entry (district_id, action, sequence);
