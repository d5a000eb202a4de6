package org.steward.bench;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A district's years of investigations made by SQL in bulk, as {@link CasesBenchmark} needs them: cases opened from
 * referrals of findings, device incidents and reports, about staff of the roster, assigned to its investigators,
 * with tasks, notes, links and about twenty items of evidence each (findings, usage periods, device custody,
 * acknowledgments, approvals, uploaded files) with their SHA-256 and their chain of custody; open, closed with an
 * outcome citing a clause of the published policy, or merged into an open case. Every row goes through the schema's
 * constraints and triggers (a merge target must be open: the merged cases are inserted after the open ones), but
 * the two that refuse a note or an item on a closed case, since closed cases are made closed; the
 * scratch tables {@code bench_*} that tie the rows together are dropped at the end.
 */
final class BulkCases {

    private static final int CHUNK = 10_000;

    private BulkCases() {
    }

    static void make(JdbcClient jdbc, long districtId, int cases, List<Long> investigators) {
        // years of cases are made with their final status first; the guards that refuse a note or an item on a case
        // no longer open (V49) are off while they are made, and on again after, whatever happens
        jdbc.sql("alter table investigation_case_note disable trigger investigation_case_note_while_open").update();
        jdbc.sql("alter table investigation_evidence disable trigger investigation_evidence_while_open").update();
        try {
            makeAll(jdbc, districtId, cases, investigators);
        } finally {
            jdbc.sql("alter table investigation_case_note enable trigger investigation_case_note_while_open").update();
            jdbc.sql("alter table investigation_evidence enable trigger investigation_evidence_while_open").update();
        }
    }

    private static void makeAll(JdbcClient jdbc, long districtId, int cases, List<Long> investigators) {
        long started = System.nanoTime();
        jdbc.sql("""
                create table bench_staff as
                select (row_number() over (order by id) - 1)::int as k, id, first_name || ' ' || last_name as name,
                       split_part(email, '@', 1) as login
                  from staff where district_id = ?""").param(districtId).update();
        int staff = jdbc.sql("select count(*) from bench_staff").query(Integer.class).single();
        jdbc.sql("create table bench_investigator (k int primary key, account_id bigint, name text)").update();
        for (int k = 0; k < investigators.size(); k++) {
            jdbc.sql("insert into bench_investigator select ?, id, display_name from account where id = ?")
                    .params(k, investigators.get(k)).update();
        }
        jdbc.sql("""
                create table bench_clause as
                select (row_number() over (order by c.position) - 1)::int as k, c.version_id, c.clause_key
                  from policy_clause c join policy_version v on v.id = c.version_id join policy p on p.id = v.policy_id
                 where p.district_id = ? and v.status = 'PUBLISHED' and c.kind = 'ITEM'""").param(districtId)
                .update();
        int clauses = jdbc.sql("select count(*) from bench_clause").query(Integer.class).single();
        // most cases closed; the newest 8 % and one in fifty of the older ones open; one in thirteen merged
        jdbc.sql("""
                create table bench_case as
                select n, case when n > :cases * 0.92 or n % 50 = 0 then 'OPEN'
                               when n % 13 = 0 then 'MERGED' else 'CLOSED' end as status,
                       now() - (:cases + 1 - n) * interval '45 minutes' as opened_at,
                       case when n % 20 = 19 then null else (n * 7919) % :staff end as subject_k,
                       n % :investigators as investigator_k, null::bigint as case_id
                  from generate_series(1, :cases) n""")
                .param("cases", cases).param("staff", staff).param("investigators", investigators.size()).update();
        jdbc.sql("alter table bench_case add primary key (n)").update();

        // findings sent for investigation: one for each case opened from a referral, 300 waiting, 200 taken back
        long source = jdbc.sql("""
                insert into activity_source (district_id, name, kind, format, created_by, created_at)
                values (?, 'Proxy', 'UPLOAD', 'SQUID', 'bench', now()) returning id""").param(districtId)
                .query(Long.class).single();
        long run = jdbc.sql("""
                insert into activity_run (district_id, source_id, file_name, sha256, bytes, status, started_at,
                                          started_by)
                values (?, ?, 'bench.log', 'x', 0, 'DONE', now(), 'bench') returning id""").params(districtId, source)
                .query(Long.class).single();
        jdbc.sql("""
                create table bench_referral as
                select n as key, n, subject_k, 'TAKEN' as status, opened_at as at from bench_case where n % 10 < 6
                union all
                select -w, null, (w * 37) % :staff, 'WAITING', now() - w * interval '3 hours'
                  from generate_series(1, 300) w
                union all
                select -1000 - w, null, (w * 53) % :staff, 'WITHDRAWN', now() - w * interval '1 day'
                  from generate_series(1, 200) w""").param("staff", staff).update();
        jdbc.sql("""
                insert into activity_finding (district_id, rule, title, severity, clauses, person, staff_id,
                                              window_start, first_at, last_at, count, measured, evidence, status,
                                              run_id, created_at, final_at)
                select :district, 'rule-' || (abs(r.key) % 7), (array['Games during duty time',
                       'Proxy circumvention', 'Streaming video during duty time', 'Gambling site',
                       'Large upload to a file host', 'Social media during duty time', 'Malware site'])[1 + abs(r.key) % 7],
                       (array['low', 'medium', 'high', 'critical'])[1 + abs(r.key) % 4], '{}'::jsonb,
                       coalesce(s.login, 'unknown-' || abs(r.key)), s.id,
                       timestamptz '2000-01-01' + r.key * interval '1 minute', r.at - interval '3 days',
                       r.at - interval '3 days' + interval '40 minutes', 1 + abs(r.key) % 9, 1, '[]'::jsonb,
                       case when r.status = 'WITHDRAWN' then 'DISMISSED' else 'INVESTIGATION' end, :run,
                       r.at - interval '3 days', r.at - interval '2 days'
                  from bench_referral r left join bench_staff s on s.k = r.subject_k""")
                .param("district", districtId).param("run", run).update();
        jdbc.sql("alter table bench_referral add column finding_id bigint, add column referral_id bigint").update();
        jdbc.sql("""
                update bench_referral r set finding_id = f.id from activity_finding f
                 where f.district_id = ? and f.window_start = timestamptz '2000-01-01' + r.key * interval '1 minute'
                """).param(districtId).update();
        jdbc.sql("""
                insert into investigation_referral (version, district_id, finding_id, rule, title, severity, subject,
                                                    subject_staff_id, status)
                select 1, f.district_id, f.id, f.rule, f.title, f.severity, coalesce(s.name, f.person), f.staff_id,
                       r.status
                  from bench_referral r join activity_finding f on f.id = r.finding_id
                  left join bench_staff s on s.id = f.staff_id""").update();
        jdbc.sql("""
                update bench_referral b set referral_id = r.id from investigation_referral r
                 where r.district_id = ? and r.finding_id = b.finding_id""").param(districtId).update();
        jdbc.sql("""
                insert into investigation_referral_step (referral_id, position, status, by_name, reason, at)
                select referral_id, 0, 'WAITING', 'Tess Tech', 'Sent for investigation: seen during duty hours',
                       at - interval '2 days' from bench_referral
                union all
                select b.referral_id, 1, b.status, i.name, case when b.status = 'TAKEN' then 'Taken into case ' || b.n
                       else 'The finding was dismissed on review' end, b.at
                  from bench_referral b join bench_investigator i on i.k = abs(b.key) % 20
                 where b.status <> 'WAITING'""").update();
        System.out.printf("findings and referrals: %,d referrals in %.0f s%n", jdbc.sql(
                "select count(*) from bench_referral").query(Long.class).single(), seconds(started));

        String caseColumns = """
                insert into investigation_case (version, district_id, number, title, subject_staff_id, subject_name,
                                                status, merged_into, opened_by, opened_at, closed_at, outcome,
                                                outcome_version_id, outcome_clause_key, outcome_summary, closed_by)
                select case when b.status = 'OPEN' then 3 else 5 end, :district, b.n,
                       case when b.n % 10 < 6 then (array['Games during duty time', 'Proxy circumvention',
                                 'Streaming video during duty time', 'Gambling site', 'Large upload to a file host',
                                 'Social media during duty time', 'Malware site'])[1 + b.n % 7]
                            when b.n % 10 = 6 then (array['Loss', 'Theft'])[1 + b.n % 2] || ' of A-'
                                 || lpad((b.n % 6000)::text, 6, '0')
                            else (array['Shared password reported by a principal',
                                  'Inappropriate e-mail reported by a parent', 'Personal business on district time',
                                  'Unapproved app with student data', 'Harassing messages reported by a colleague'])
                                  [1 + b.n % 5] end,
                       s.id, s.name, b.status, {mergedInto}, i.name, b.opened_at,
                       case when b.status <> 'OPEN' then b.opened_at + (3 + b.n % 20) * interval '1 day' end,
                       case when b.status = 'CLOSED' then (array['NO_VIOLATION', 'COACHING', 'WRITTEN_WARNING',
                            'PRIVILEGES_CANCELLED', 'REFERRED_TO_HR', 'REFERRED_TO_LAW_ENFORCEMENT'])[1 + b.n % 6]
                            end,
                       case when b.status = 'CLOSED' and b.n % 6 <> 0 then c.version_id end,
                       case when b.status = 'CLOSED' and b.n % 6 <> 0 then c.clause_key end,
                       case when b.status = 'CLOSED' then 'Found as the finding and the interview showed; the'
                            || ' employee was told the outcome in writing.' end,
                       case when b.status <> 'OPEN' then i.name end
                  from bench_case b left join bench_staff s on s.k = b.subject_k
                  join bench_investigator i on i.k = b.investigator_k
                  join bench_clause c on c.k = b.n % :clauses
                 where {which} order by b.n""";
        jdbc.sql(caseColumns.replace("{mergedInto}", "null").replace("{which}", "b.status <> 'MERGED'"))
                .param("district", districtId).param("clauses", clauses).update();
        // merged into the next open case of one in fifty: inserted once that case is open, as the trigger asks
        jdbc.sql(caseColumns.replace("{mergedInto}", "(select t.id from investigation_case t where t.district_id"
                        + " = :district and t.number = (b.n / 50 + 1) * 50)").replace("{which}", "b.status = 'MERGED'"))
                .param("district", districtId).param("clauses", clauses).update();
        jdbc.sql("""
                update bench_case b set case_id = c.id from investigation_case c
                 where c.district_id = ? and c.number = b.n""").param(districtId).update();
        jdbc.sql("""
                insert into investigation_case_assignee (case_id, account_id, name, added_by, added_at)
                select b.case_id, i.account_id, i.name, i.name, b.opened_at
                  from bench_case b join bench_investigator i on i.k = b.investigator_k
                union all
                select b.case_id, i.account_id, i.name, o.name, b.opened_at + interval '1 hour'
                  from bench_case b join bench_investigator i on i.k = (b.investigator_k + 7) % 20
                  join bench_investigator o on o.k = b.investigator_k
                 where b.n % 3 = 0""").update();
        jdbc.sql("""
                insert into investigation_case_source (case_id, position, kind, record_id, label, added_by, added_at)
                select b.case_id, 0, 'REFERRAL', r.referral_id, 'Finding ' || r.finding_id || ', ' || f.title,
                       i.name, b.opened_at
                  from bench_case b join bench_referral r on r.n = b.n join activity_finding f on f.id = r.finding_id
                  join bench_investigator i on i.k = b.investigator_k
                union all
                select b.case_id, 0, 'INCIDENT', 500000 + b.n, 'Device incident ' || (500000 + b.n) || ': '
                       || (array['loss', 'theft'])[1 + b.n % 2] || ' of A-' || lpad((b.n % 6000)::text, 6, '0'),
                       i.name, b.opened_at
                  from bench_case b join bench_investigator i on i.k = b.investigator_k where b.n % 10 = 6
                union all
                select b.case_id, 0, 'REPORT', b.n, 'Report of ' || to_char(b.opened_at, 'YYYY-MM-DD')
                       || ' by the site principal', i.name, b.opened_at
                  from bench_case b join bench_investigator i on i.k = b.investigator_k where b.n % 10 = 7""")
                .update();
        jdbc.sql("""
                insert into investigation_case_task (case_id, position, title, assignee_account_id, assignee_name,
                                                     due_on, added_by, added_at, done_by, done_at)
                select b.case_id, t, (array['Interview the employee', 'Ask the principal for the duty schedule',
                       'Collect the device', 'Review the proxy log'])[1 + t], i.account_id, i.name,
                       (b.opened_at + (7 + t) * interval '1 day')::date, i.name, b.opened_at + t * interval '1 hour',
                       case when b.status <> 'OPEN' or b.opened_at + (1 + t) * interval '1 day' < now() then i.name
                       end,
                       case when b.status <> 'OPEN' or b.opened_at + (1 + t) * interval '1 day' < now()
                            then b.opened_at + (1 + t) * interval '1 day' end
                  from bench_case b join bench_investigator i on i.k = b.investigator_k
                 cross join lateral generate_series(0, b.n % 4 - 1) t""").update();
        jdbc.sql("""
                insert into investigation_case_note (case_id, author, at, text)
                select b.case_id, i.name, least(now(), b.opened_at + (1 + j) * interval '3 hours'),
                       'Spoke with the site principal; the duty schedule shows the employee on duty at the time of'
                       || ' the finding. Next: interview with the employee and a union representative (' || j || ').'
                  from bench_case b join bench_investigator i on i.k = b.investigator_k
                 cross join lateral generate_series(0, b.n % 3) j
                 order by b.n, j""").update();
        jdbc.sql("""
                insert into investigation_case_link (case_id, position, district_id, linked_case_id, linked_number,
                                                     linked_by, linked_at)
                select b.case_id, 0, :district, p.case_id, p.n, i.name, b.opened_at + interval '2 hours'
                  from bench_case b join bench_case p on p.n = b.n - 1
                  join bench_investigator i on i.k = b.investigator_k
                 where b.n % 25 = 0""").param("district", districtId).update();
        System.out.printf("%,d cases with their people, sources, tasks, notes and links in %.0f s%n", cases,
                seconds(started));

        long findings = jdbc.sql("select min(id) from activity_finding where district_id = ?").param(districtId)
                .query(Long.class).single();
        long findingCount = jdbc.sql("select count(*) from activity_finding where district_id = ?")
                .param(districtId).query(Long.class).single();
        long devices = jdbc.sql("select min(id) from device where district_id = ?").param(districtId)
                .query(Long.class).single();
        for (int from = 1; from <= cases; from += CHUNK) {
            long before = jdbc.sql("select coalesce(max(id), 0) from investigation_evidence").query(Long.class)
                    .single();
            evidence(jdbc, districtId, from, Math.min(cases, from + CHUNK - 1), findings, findingCount, devices);
            jdbc.sql("""
                    insert into investigation_custody (district_id, evidence_id, action, by_name, reason, at)
                    select district_id, id, 'ADDED', added_by, '', added_at from investigation_evidence
                     where id > ? order by id""").param(before).update();
            System.out.printf("evidence of cases %,d to %,d: %.0f s%n", from, Math.min(cases, from + CHUNK - 1),
                    seconds(started));
        }
        // what an open case keeps from deletion, as EvidenceLocker holds it
        jdbc.sql("""
                insert into record_hold (district_id, kind, record_id, from_day, to_day, case_id, case_number,
                                         held_at)
                select e.district_id, case e.kind when 'ACKNOWLEDGMENT' then 'SIGNATURE' else e.kind end, e.ref_id,
                       e.period_from, e.period_to, e.case_id, b.n, e.added_at
                  from investigation_evidence e join bench_case b on b.case_id = e.case_id
                 where b.status = 'OPEN' and e.kind <> 'FILE'""").update();
        for (String scratch : List.of("bench_case", "bench_referral", "bench_clause", "bench_investigator",
                "bench_staff")) {
            jdbc.sql("drop table " + scratch).update();
        }
        System.out.printf("%,d items of evidence, %,d entries of custody, %,d holds; %.0f s in all%n",
                jdbc.sql("select count(*) from investigation_evidence where district_id = ?").param(districtId)
                        .query(Long.class).single(),
                jdbc.sql("select count(*) from investigation_custody where district_id = ?").param(districtId)
                        .query(Long.class).single(),
                jdbc.sql("select count(*) from record_hold where district_id = ?").param(districtId)
                        .query(Long.class).single(), seconds(started));
    }

    /** Between 15 and 25 items a case, a tenth of each kind but findings (three) and usage and files (two). */
    private static void evidence(JdbcClient jdbc, long districtId, int from, int to, long findings,
                                 long findingCount, long devices) {
        jdbc.sql("""
                insert into investigation_evidence (district_id, case_id, kind, ref_id, description, reason,
                                                    period_from, period_to, snapshot, file_name, file_type,
                                                    file_bytes, sha256, added_by, added_at)
                select :district, x.case_id, x.kind, x.ref_id, x.description, x.reason, x.period_from, x.period_to,
                       x.snapshot, x.file_name, x.file_type, x.file_bytes,
                       encode(sha256(coalesce(x.file_bytes, convert_to(x.snapshot, 'UTF8'))), 'hex'), x.by_name,
                       x.added_at
                  from (select b.case_id, k.kind, i.name as by_name,
                               least(now(), b.opened_at + j * interval '2 hours') as added_at,
                               case k.kind when 'FINDING' then :findings + (b.n * 31 + j) % :findingCount
                                           when 'USAGE' then coalesce(s.id, 0)
                                           when 'DEVICE' then :devices + (b.n * 17 + j) % 6000
                                           when 'FILE' then null else b.n * 3 + j end as ref_id,
                               case k.kind when 'FINDING' then 'Finding ' || (:findings + (b.n * 31 + j) % :findingCount)
                                                || ': games during duty time about ' || coalesce(s.name, 'unknown')
                                                || ' (under investigation)'
                                           when 'USAGE' then 'Internet use of ' || coalesce(s.name, 'unknown') || ', '
                                                || (b.opened_at - (30 + j) * interval '1 day')::date || ' to '
                                                || (b.opened_at - interval '1 day')::date
                                           when 'DEVICE' then 'Device A-' || lpad(((b.n * 17 + j) % 6000)::text, 6, '0')
                                                || ' (Model ' || (b.n % 12) || '): custody and content access'
                                           when 'ACKNOWLEDGMENT' then 'Acknowledgment signed by '
                                                || coalesce(s.name, 'unknown') || ' on 2026-08-12: Acceptable use,'
                                                || ' version 1 (2026-27)'
                                           when 'APPROVAL' then 'Approval ' || (b.n * 3 + j) || ': take-home laptop'
                                                || ' for ' || coalesce(s.name, 'unknown') || ', until 2027-06-30'
                                           else 'screenshot-' || b.n || '-' || j || '.png (PNG image, 512 bytes)'
                                           end as description,
                               case when k.kind = 'USAGE' then 'Case ' || b.n || ': the use during duty hours the'
                                    || ' finding reports' else '' end as reason,
                               case when k.kind = 'USAGE' then (b.opened_at - (30 + j) * interval '1 day')::date
                                    end as period_from,
                               case when k.kind = 'USAGE' then (b.opened_at - interval '1 day')::date end as period_to,
                               case k.kind when 'FILE' then null
                                    when 'USAGE' then json_build_object('person', s.name, 'staffId', s.id,
                                         'reason', 'Case ' || b.n, 'report', (select json_agg(json_build_object(
                                             'site', 'site' || ((b.n + t) % 500) || '.example', 'requests',
                                             100 + t * 7, 'minutes', 5 + t)) from generate_series(1, 40) t))::text
                                    else json_build_object('kind', k.kind, 'id', b.n * 3 + j, 'who', s.name,
                                         'staffId', s.id, 'at', b.opened_at, 'steps', json_build_array(
                                             json_build_object('status', 'CONFIRMED', 'by', 'Tess Tech',
                                                 'reason', 'Seen during duty hours', 'at', b.opened_at)))::text
                                    end as snapshot,
                               case when k.kind = 'FILE' then 'screenshot-' || b.n || '-' || j || '.png' end
                                   as file_name,
                               case when k.kind = 'FILE' then 'image/png' end as file_type,
                               case when k.kind = 'FILE' then decode(repeat(md5(b.n || '-' || j), 32), 'hex') end
                                   as file_bytes
                          from bench_case b join bench_investigator i on i.k = b.investigator_k
                          left join bench_staff s on s.k = b.subject_k
                         cross join lateral generate_series(0, 14 + b.n % 11) j
                         cross join lateral (select (array['FINDING', 'FINDING', 'FINDING', 'USAGE', 'USAGE',
                                 'DEVICE', 'ACKNOWLEDGMENT', 'APPROVAL', 'FILE', 'FILE'])[1 + j % 10] as kind) k
                         where b.n between :from and :to
                         order by b.n, j) x""")
                .param("district", districtId).param("findings", findings).param("findingCount", findingCount)
                .param("devices", devices).param("from", from).param("to", to).update();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
