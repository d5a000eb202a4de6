-- The District Approved App List and the student-data privacy review of each app (Education Code 49073.1 (AB 1584),
-- Business and Professions Code 22584 (SOPIPA), COPPA).

create table app (
    id                    bigint generated always as identity primary key,
    district_id           bigint not null references district,
    name                  text not null check (length(name) between 1 and 200),
    vendor                text not null default '',
    url                   text not null default '',
    purpose               text not null default '',
    grade_bands           text not null default '',   -- e.g. 'K-2,3-5,6-8,9-12,staff'
    student_data          text not null default '',   -- what it collects about students
    staff_data            text not null default '',
    shows_advertising     boolean not null default false,
    touches_pupil_records boolean not null default false,
    under_13              boolean not null default false,
    status                text not null check (status in ('UNDER_REVIEW', 'APPROVED', 'APPROVED_WITH_CONDITIONS',
                                                          'DENIED', 'RETIRED')),
    conditions            text not null default '',
    agreement             text not null default 'NONE' check (agreement in ('NONE', 'CSDPA', 'NDPA')),
    agreement_signed_on   date,
    agreement_expires_on  date,
    exhibit_e             boolean not null default false,  -- subscribed to another district's agreement
    agreement_file        bytea,
    agreement_file_name   text,
    created_at            timestamptz not null,
    updated_at            timestamptz not null,
    check (status <> 'APPROVED_WITH_CONDITIONS' or length(conditions) > 0)
);
create unique index app_name_per_district on app (district_id, lower(name));

-- A completed privacy review: each term's answer, and the verdict computed from them.
create table app_review (
    id           bigint generated always as identity primary key,
    district_id  bigint not null references district,
    app_id       bigint not null references app,
    answers      text not null,        -- term=yes|no|na, one a line
    verdict      text not null check (verdict in ('MEETS', 'MISSING')),
    missing      text not null default '',
    reviewer     text not null,
    reviewed_at  timestamptz not null
);
create index app_review_by_app on app_review (app_id, reviewed_at desc);
