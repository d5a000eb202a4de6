-- A mass e-mail approval covers one message: the activity rules record which day's window of a sender's messages
-- each approval covered, and use it up, so an approval from September hides nothing in November.
create table activity_window_approval (
    district_id   bigint not null references district,
    rule          text not null,
    person        text not null,
    window_start  timestamptz not null,
    request_id    bigint not null primary key,    -- the approvals module's request: one message, one window
    used_at       timestamptz not null
);
create index activity_window_approval_by_window on activity_window_approval (district_id, rule, person, window_start);
