-- A line counted once for a source is never counted again, whichever file brings it: each run keeps the digests of
-- the lines it read (the engine's LineDigests: 8 bytes each, in order, in one value) and the span of their times, so
-- that a later run of the source looks only at the runs whose times overlap its own. A run's skipped lines are told.
create table activity_run_lines (
    run_id    bigint primary key references activity_run,
    source_id bigint not null,
    first_at  timestamptz,
    last_at   timestamptz,
    digests   bytea not null
);
create index activity_run_lines_by_source on activity_run_lines (source_id, first_at);
alter table activity_run add column counted_before bigint not null default 0;
