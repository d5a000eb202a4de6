-- Every list pages, sorts and filters (issue 17): indexes for the lists that read one page of a district's rows in
-- their first order, each ending in the id that breaks ties, so that a page is read from the index.

-- a person's own requests, newest first; and what waits for a decision, oldest first
create index approval_request_by_requester on approval_request (district_id, requester_staff_id, created_at desc, id desc);
create index approval_request_pending on approval_request (district_id, created_at, id) where status = 'PENDING';

-- a person's findings (their report, a supervisor's list of their staff's), newest first
create index activity_finding_by_staff on activity_finding (staff_id, first_at desc, id desc);

-- the device audits, latest opened first; the devices taken home, per district
create index device_audit_newest on device_audit (district_id, opened_at desc, id desc);
create index device_take_home_by_district on device_take_home (district_id);
