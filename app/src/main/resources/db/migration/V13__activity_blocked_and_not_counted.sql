-- Blocked attempts are counted apart from requests (no visit, no time connected); proxy authentication challenges
-- (407) and proxy errors (Squid's error: pseudo-URLs, NONE/400) are nobody's use of a site: a run tells how many it
-- read, so nothing it did not count goes untold.
alter table activity_usage add column blocked bigint not null default 0;
alter table activity_run add column blocked bigint not null default 0;
alter table activity_run add column challenges bigint not null default 0;
alter table activity_run add column proxy_errors bigint not null default 0;
