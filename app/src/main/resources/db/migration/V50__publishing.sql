-- Publishing students' work and images (issue 21; Clovis F and H.4, Oak Park's media release and COPPA, Stanislaus 12,
-- 21 and 22, Education Code 49073 and FERPA). Students are a smaller record than staff: what publishing needs and
-- nothing more (no birth date, no address, no contact). Their parents' media-release choice is kept per school year;
-- a student without a choice for the year is "no identification". The rules are publishing.PublishingRules; a post's
-- review is the Post aggregate's (publishing.Post).

-- How the district draws its grade bands and writes a limited identification.
create table publishing_settings (
    district_id bigint primary key references district (id),
    high_school_from_grade integer not null default 9 check (high_school_from_grade between 1 and 12),
    limited_form text not null default 'FIRST_AND_LAST_INITIAL'
        check (limited_form in ('FIRST_AND_LAST_INITIAL', 'FIRST_ONLY')),
    year_starts text not null default '07-01' check (year_starts ~ '^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'),
    version integer not null default 0
);

-- A school whose level decides its students' band whatever their grade (a 7-12 school, a K-8).
create table publishing_school_level (
    district_id bigint not null references district (id),
    school_id text not null,
    level text not null check (level in ('ELEMENTARY', 'INTERMEDIATE', 'HIGH')),
    primary key (district_id, school_id)
);

-- The clause of the district's own policy each ground of an answer cites, where it named one.
create table publishing_clause (
    district_id bigint not null references district (id),
    ground text not null,
    clause text not null,
    primary key (district_id, ground)
);

-- The principal's designees: staff who review posts from a school's teachers (Clovis H.4.a).
create table publishing_reviewer (
    district_id bigint not null references district (id),
    school_id text not null,
    staff_id bigint not null references staff (id),
    primary key (district_id, school_id, staff_id)
);

create table student (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    source_id text not null check (length(source_id) between 1 and 255),
    given_name text not null check (length(given_name) between 1 and 200),
    family_name text not null check (length(family_name) <= 200),
    preferred_name text check (length(preferred_name) <= 200),
    school_id text not null default '',
    school_name text not null default '',
    grade text not null default '',
    active boolean not null,
    imported_at timestamptz not null,
    unique (district_id, source_id),
    unique (district_id, id)
);

create table student_class (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    source_id text not null,
    title text not null,
    school_id text not null default '',
    unique (district_id, source_id),
    unique (district_id, id)
);

create table student_class_member (
    class_id bigint not null references student_class (id) on delete cascade,
    student_id bigint not null references student (id),
    primary key (class_id, student_id)
);
create index student_class_member_student on student_class_member (student_id);

-- A class's teacher by the id the SIS gives them, which the staff roster's OneRoster import keeps as employee id.
create table student_class_teacher (
    class_id bigint not null references student_class (id) on delete cascade,
    district_id bigint not null references district (id),
    teacher_id text not null,
    primary key (class_id, teacher_id)
);
create index student_class_teacher_by_teacher on student_class_teacher (district_id, teacher_id);

create table student_import (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    kind text not null check (kind in ('ROSTER', 'MEDIA_RELEASE')),
    file_name text not null,
    rows_read integer not null,
    summary text not null,
    imported_by text not null,
    imported_at timestamptz not null
);

-- One choice per student and school year, as the SIS last sent it, with what it was before if an import changed it.
create table student_media_choice (
    district_id bigint not null references district (id),
    student_id bigint not null,
    school_year integer not null check (school_year between 2000 and 2200),
    choice text not null check (choice in ('NONE', 'LIMITED', 'FULL_NAME', 'NO_PHOTOGRAPHS')),
    previous_choice text check (previous_choice in ('NONE', 'LIMITED', 'FULL_NAME', 'NO_PHOTOGRAPHS')),
    import_id bigint not null references student_import (id),
    changed_at timestamptz not null,
    primary key (student_id, school_year),
    foreign key (district_id, student_id) references student (district_id, id)
);

-- A class or club web site or social media account (Clovis H, Stanislaus 12, Oak Park), approved through the
-- approvals workflow; where students under 13 take part, the COPPA consent it rests on (Oak Park; model policy F.5).
create table publishing_site (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    version integer not null default 0,
    keeper_staff_id bigint not null references staff (id),
    keeper_name text not null,
    name text not null check (length(btrim(name)) between 1 and 200),
    kind text not null check (kind in ('WEB_SITE', 'SOCIAL_ACCOUNT')),
    platform text not null check (length(btrim(platform)) between 1 and 200),
    address text not null default '' check (length(address) <= 500),
    purpose text not null check (length(btrim(purpose)) between 1 and 2000),
    under_thirteen boolean not null,
    coppa_consent text check (length(coppa_consent) <= 2000),
    coppa_consent_by text,
    coppa_consent_at timestamptz,
    approval_request_id bigint not null,
    registered_at timestamptz not null,
    unique (district_id, id),
    check ((coppa_consent is null) = (coppa_consent_at is null))
);

-- A post a teacher submits for review before it goes out (Clovis H.4.a).
create table publishing_post (
    id bigint generated always as identity primary key,
    district_id bigint not null references district (id),
    version integer not null default 0,
    author_staff_id bigint not null references staff (id),
    author_account_id bigint not null references account (id),
    author_name text not null,
    school_id text not null default '',
    title text not null check (length(btrim(title)) between 1 and 200),
    body text not null default '' check (length(body) <= 20000),
    kind text not null check (kind in ('GROUP_PHOTO', 'PHOTO_WITH_NAMES', 'WORK_WITH_NAME', 'CLASS_SOCIAL_MEDIA')),
    audience text not null check (audience in ('PUBLIC_WEB', 'DISTRICT_PAGE', 'CLASS_PAGE')),
    site_id bigint,
    publish_on date not null,
    status text not null check (status in ('SUBMITTED', 'RETURNED', 'APPROVED', 'WITHDRAWN')),
    submitted_at timestamptz not null,
    unique (district_id, id),
    foreign key (district_id, site_id) references publishing_site (district_id, id)
);
create index publishing_post_author on publishing_post (author_staff_id, submitted_at desc);
create index publishing_post_waiting on publishing_post (district_id, status, submitted_at);

create table publishing_post_student (
    post_id bigint not null references publishing_post (id) on delete cascade,
    position integer not null,
    student_id bigint not null references student (id),
    primary key (post_id, position)
);

create table publishing_post_image (
    post_id bigint not null references publishing_post (id) on delete cascade,
    position integer not null,
    name text not null,
    type text not null,
    bytes bytea not null,
    sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
    primary key (post_id, position)
);

-- Every submission and decision, with the check's answer at that moment; never changed (a trigger).
create table publishing_post_event (
    post_id bigint not null references publishing_post (id) on delete cascade,
    position integer not null,
    what text not null check (what in ('SUBMITTED', 'RETURNED', 'APPROVED', 'WITHDRAWN')),
    by_name text not null,
    by_account_id bigint not null references account (id),
    at timestamptz not null,
    reasons text not null default '' check (length(reasons) <= 4000),
    named_students text not null default '',
    answer jsonb not null,
    primary key (post_id, position)
);

create or replace function publishing_post_event_kept() returns trigger language plpgsql as $$
begin
    raise exception 'a post''s submissions and decisions are kept as they were made';
end $$;

create trigger publishing_post_event_kept before update or delete on publishing_post_event
    for each row when (pg_trigger_depth() = 0) execute function publishing_post_event_kept();
