-- The weekly reports e-mailed, one row per report, week and recipient: a report goes once, also when the server
-- was down at its hour and sends it later.
create table activity_report_sent (
    district_id bigint not null references district (id),
    report text not null check (report in ('DISTRICT_TOTALS', 'STAFF_FINDINGS')),
    week_starts date not null,
    recipient text not null,
    sent_at timestamptz not null,
    primary key (district_id, report, week_starts, recipient)
);
