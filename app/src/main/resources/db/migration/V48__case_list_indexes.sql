-- The case list's orders (issue 20): a district of 100,000 cases sorted by when they were opened, by status or by
-- subject reads its page from an index instead of sorting every case (docs/benchmarks.md, "Investigations"); sorted
-- by number it already does (unique (district_id, number)). Each ends with the id that breaks ties, as the list does.
create index investigation_case_by_opened on investigation_case (district_id, opened_at, id);
create index investigation_case_by_subject on investigation_case (district_id, lower(subject_name), id);
-- by status, and counted by status: replaces (district_id, status, opened_at desc), which nothing orders by
create index investigation_case_by_status on investigation_case (district_id, status, id);
drop index investigation_case_list;
-- A case's page reads the cases merged into it: without this, every case of the district (38 ms at 100,000)
create index investigation_case_merged on investigation_case (merged_into) where merged_into is not null;
