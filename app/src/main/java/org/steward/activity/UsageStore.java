package org.steward.activity;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.steward.engine.Analyzer;
import org.steward.engine.rules.Finding;
import org.steward.engine.usage.Usage;
import org.steward.engine.usage.UsageRow;
import org.steward.staff.StaffDirectory;

/**
 * Adds a run's results to what the district has: usage rows summed into the person, site and day they belong to,
 * hours into the person's day, and findings merged into the one finding of their rule, person and window. Runs in
 * the caller's transaction.
 */
@Component
class UsageStore {

    record Stored(int usageRows, int newFindings) {
    }

    private static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final StaffDirectory staff;
    private final Clock clock;

    UsageStore(JdbcTemplate jdbc, StaffDirectory staff, Clock clock) {
        this.jdbc = jdbc;
        this.staff = staff;
        this.clock = clock;
    }

    Stored add(long districtId, long runId, Analyzer.Result result) {
        People people = new People(staff.everyone(districtId));
        List<UsageRow> rows = result.usage().rows();
        for (int from = 0; from < rows.size(); from += BATCH) {
            List<UsageRow> batch = rows.subList(from, Math.min(rows.size(), from + BATCH));
            jdbc.batchUpdate("""
                    insert into activity_usage (district_id, day, person, staff_id, site, visits, millis, requests,
                        elapsed_ms, bytes, categories)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (district_id, day, person, site) do update set
                        visits = activity_usage.visits + excluded.visits,
                        millis = activity_usage.millis + excluded.millis,
                        requests = activity_usage.requests + excluded.requests,
                        elapsed_ms = activity_usage.elapsed_ms + excluded.elapsed_ms,
                        bytes = activity_usage.bytes + excluded.bytes,
                        staff_id = coalesce(excluded.staff_id, activity_usage.staff_id),
                        categories = array(select distinct c from unnest(activity_usage.categories
                                                                         || excluded.categories) as c order by c)""",
                    batch, batch.size(), (ps, row) -> {
                        ps.setLong(1, districtId);
                        ps.setDate(2, Date.valueOf(row.date()));
                        ps.setString(3, row.person());
                        ps.setObject(4, people.staffId(row.person()));
                        ps.setString(5, row.site());
                        ps.setLong(6, row.visits());
                        ps.setLong(7, row.millisConnected());
                        ps.setLong(8, row.requests());
                        ps.setLong(9, row.elapsedMs());
                        ps.setLong(10, row.bytes());
                        ps.setArray(11, ps.getConnection().createArrayOf("text", row.categories().isEmpty()
                                ? new String[0] : row.categories().split("\\|")));
                    });
        }
        List<Usage.HourRow> hours = result.usage().hours();
        for (int from = 0; from < hours.size(); from += BATCH) {
            List<Usage.HourRow> batch = hours.subList(from, Math.min(hours.size(), from + BATCH));
            jdbc.batchUpdate("""
                    insert into activity_hours (district_id, day, person, requests) values (?, ?, ?, ?)
                    on conflict (district_id, day, person) do update set requests = array(
                        select a + b from unnest(activity_hours.requests, excluded.requests) with ordinality
                            as t(a, b, i) order by i)""",
                    batch, batch.size(), (ps, row) -> {
                        ps.setLong(1, districtId);
                        ps.setDate(2, Date.valueOf(row.date()));
                        ps.setString(3, row.person());
                        ps.setArray(4, ps.getConnection().createArrayOf("bigint",
                                Arrays.stream(row.requests()).boxed().toArray()));
                    });
        }
        List<Finding> findings = result.findings();
        Timestamp now = Timestamp.from(clock.instant());
        for (int from = 0; from < findings.size(); from += BATCH) {
            List<Finding> batch = findings.subList(from, Math.min(findings.size(), from + BATCH));
            jdbc.batchUpdate("""
                    insert into activity_finding (district_id, rule, title, severity, clauses, person, staff_id,
                        window_start, first_at, last_at, count, measured, evidence, status, run_id, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?)
                    on conflict (district_id, rule, person, window_start) do update set
                        count = activity_finding.count + excluded.count,
                        measured = activity_finding.measured + excluded.measured,
                        first_at = least(activity_finding.first_at, excluded.first_at),
                        last_at = greatest(activity_finding.last_at, excluded.last_at)""",
                    batch, batch.size(), (ps, f) -> {
                        ps.setLong(1, districtId);
                        ps.setString(2, f.rule());
                        ps.setString(3, f.title());
                        ps.setString(4, f.severity().name().toLowerCase(Locale.ROOT));
                        ps.setString(5, f.clauses().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                                .collect(Collectors.joining("\n")));
                        ps.setString(6, f.person());
                        ps.setObject(7, people.staffId(f.person()));
                        ps.setTimestamp(8, Timestamp.from(Instant.ofEpochMilli(f.windowStart())));
                        ps.setTimestamp(9, Timestamp.from(Instant.ofEpochMilli(f.first())));
                        ps.setTimestamp(10, Timestamp.from(Instant.ofEpochMilli(f.last())));
                        ps.setLong(11, f.count());
                        ps.setLong(12, f.measured());
                        ps.setString(13, f.evidence().stream().map(e -> e.source() + "\t" + e.line() + "\t"
                                + e.text().replace('\n', ' ')).collect(Collectors.joining("\n")));
                        ps.setLong(14, runId);
                        ps.setTimestamp(15, now);
                    });
        }
        List<Long> created = jdbc.queryForList("select id from activity_finding where run_id = ?", Long.class, runId);
        List<Object[]> steps = new ArrayList<>();
        for (Long id : created) {
            steps.add(new Object[] {id, "raised by run " + runId, now});
        }
        jdbc.batchUpdate("insert into activity_finding_step (finding_id, status, reason, by_name, at) "
                + "values (?, 'OPEN', ?, 'Steward', ?)", steps);
        return new Stored(rows.size(), created.size());
    }
}
