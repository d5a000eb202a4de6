-- Lists kept in PostgreSQL arrays instead of comma-, pipe- or line-joined text: a job function or a law may hold the
-- separator, and a reader no longer splits. Rows are converted in place, in order; an empty text is an empty array.
-- A type change rewrites the table without firing row triggers, so published policy versions' clauses convert too.

-- Reminder days before the due date, largest first as the settings page saves them.
alter table ack_settings drop constraint ack_settings_days_before_check;
alter table ack_settings alter column days_before drop default;
alter table ack_settings alter column days_before type int[] using string_to_array(days_before, ',')::int[];
alter table ack_settings alter column days_before set default '{7,1,0}';
alter table ack_settings add constraint ack_settings_days_before_check
    check (array_position(days_before, null) is null and 0 <= all (days_before) and 365 >= all (days_before));

-- A campaign's audience: site ids and job functions; empty, every site or every job.
alter table ack_campaign alter column audience_sites drop default;
alter table ack_campaign alter column audience_sites type bigint[]
    using string_to_array(audience_sites, ',')::bigint[];
alter table ack_campaign alter column audience_sites set default '{}';
alter table ack_campaign alter column audience_jobs drop default;
alter table ack_campaign alter column audience_jobs type text[] using string_to_array(audience_jobs, '|');
alter table ack_campaign alter column audience_jobs set default '{}';

-- The duty calendar's school days, as java.time.DayOfWeek names them.
alter table activity_calendar alter column school_days type text[]
    using array_remove(string_to_array(school_days, ','), '');
alter table activity_calendar add constraint activity_calendar_school_days_are_days
    check (school_days <@ '{MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY,SATURDAY,SUNDAY}'::text[]);

-- Who may use an app (TK-2, 3-5, 6-8, 9-12, staff), and the required terms a privacy review found missing.
alter table app alter column grade_bands drop default;
alter table app alter column grade_bands type text[]
    using array_remove(regexp_split_to_array(btrim(grade_bands), '\s*,\s*'), '');
alter table app alter column grade_bands set default '{}';
alter table app_review alter column missing drop default;
alter table app_review alter column missing type text[] using array_remove(string_to_array(missing, ','), '');
alter table app_review alter column missing set default '{}';

-- A device's network (MAC) addresses; spaces around a comma were never part of an address.
alter table device alter column mac_addresses drop default;
alter table device alter column mac_addresses type text[]
    using array_remove(regexp_split_to_array(btrim(mac_addresses), '\s*,\s*'), '');
alter table device alter column mac_addresses set default '{}';

-- The laws a policy clause cites.
alter table policy_clause alter column laws drop default;
alter table policy_clause alter column laws type text[] using string_to_array(laws, '|');
alter table policy_clause alter column laws set default '{}';
