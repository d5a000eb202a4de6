package org.steward.stream.job;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.steward.engine.JsonRecords;
import org.steward.engine.rules.Finding;
import org.steward.engine.usage.UsageRow;

import tools.jackson.databind.json.JsonMapper;

/**
 * The job's results written into Steward's own tables, as the app reads them: final usage rows into activity_usage,
 * findings into activity_finding for technology services to triage. Each writer keeps what it is told until Flink
 * flushes it (before every checkpoint) or a batch is full, and writes it in one transaction: at least once, and since
 * every statement is an idempotent upsert keyed by what is told, exactly once in effect. A replay after a failure
 * tells rows and findings again, in the order they were first told; a finding told again while its window was open
 * after it was told final keeps its final values.
 *
 * <p>A district is Steward's district id, as text. Each district's findings name the activity_run of its
 * Kafka-topic source ({@code runByDistrict}): the app creates that run and gives the job its id. Bad lines stay on
 * the job's Kafka topic: counting them into the run would count a replay's twice.
 *
 * <p>Each key's results must come to one writer in the order they were told, as they do when the sink follows the
 * job's count (ActivityJob: same parallelism, forwarded).
 */
public final class PostgresSink implements Sink<Told> {

    private final String url;
    private final String user;
    private final String password;
    private final Map<String, Long> runByDistrict;
    private final int batchSize;
    private final Clock clock;

    /**
     * @param runByDistrict the activity_run id findings of each district name, by district id as text
     * @param batchSize     how many results a writer keeps at most before it writes them (and commits)
     */
    public PostgresSink(String url, String user, String password, Map<String, Long> runByDistrict, int batchSize) {
        this(url, user, password, runByDistrict, batchSize, Clock.systemUTC());
    }

    /** The same, with the clock that dates a finding's creation and its first step. */
    public PostgresSink(String url, String user, String password, Map<String, Long> runByDistrict, int batchSize,
                        Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("a batch holds at least one result: " + batchSize);
        }
        runByDistrict.forEach((district, run) -> {
            districtId(district);
            if (run == null) {
                throw new IllegalArgumentException("district " + district + " has no activity run");
            }
        });
        this.url = url;
        this.user = user;
        this.password = password;
        this.runByDistrict = Map.copyOf(runByDistrict);
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /** Refuses districts this sink cannot write, so that a job configured wrong stops before it starts. */
    public void check(List<DistrictSetup> setups) {
        setups.forEach(setup -> runOf(setup.district()));
    }

    /** A writer of its own connection; it needs nothing of its task. */
    @Override
    public SinkWriter<Told> createWriter(WriterInitContext context) throws IOException {
        return open();
    }

    SinkWriter<Told> open() throws IOException {
        Properties login = new Properties();
        login.setProperty("user", user);
        if (password != null) {
            login.setProperty("password", password);
        }
        try {
            // the driver itself rather than DriverManager, which does not look into Flink's user-code class loader
            Connection connection = new org.postgresql.Driver().connect(url, login);
            if (connection == null) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + url);
            }
            connection.setAutoCommit(false);
            return new Writer(connection);
        } catch (SQLException e) {
            throw new IOException("cannot connect to " + url + ": " + e.getMessage(), e);
        }
    }

    /** The district's id: a district of the job that is not a number is not one of Steward's. */
    private static long districtId(String district) {
        try {
            return Long.parseLong(district);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("district '" + district + "' is not a Steward district id (a number):"
                    + " the sink writes Steward's tables, whose districts are numbered", e);
        }
    }

    private long runOf(String district) {
        districtId(district);
        Long run = runByDistrict.get(district);
        if (run == null) {
            throw new IllegalArgumentException("district " + district + " has no activity run to name in its"
                    + " findings: the app creates the run of its Kafka-topic source and gives the job its id");
        }
        return run;
    }

    // Upserts replace a row with what is told: the job tells a row once it is final, and a replay tells it alike.
    // staff_id is left to the app (it knows the roster); one it has set is kept.
    static final String USAGE = """
            insert into activity_usage (district_id, day, person, site, visits, millis, requests, elapsed_ms, bytes,
                blocked, categories)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (district_id, day, person, site) do update set
                visits = excluded.visits, millis = excluded.millis, requests = excluded.requests,
                elapsed_ms = excluded.elapsed_ms, bytes = excluded.bytes, blocked = excluded.blocked,
                categories = excluded.categories""";

    // A finding is inserted OPEN, citing the clause of the district's adopted policy in force as it is made (as
    // UsageStore cites it through PolicyLibrary.citations). Told again, it is brought up to date only while nobody has
    // triaged it (OPEN, not evidence: V19's guard refuses changing evidence) and only by a later telling: a window's
    // count only grows as it counts, and at the same count its measure can only shrink (a late line joining two
    // visits takes one back, RuleEngine.unopened), so an OPEN replayed after the FINAL changes nothing.
    static final String FINDING = """
            insert into activity_finding (district_id, rule, title, severity, clauses, person, window_start, first_at,
                last_at, count, measured, evidence, status, run_id, created_at, clause_version_id, clause_key)
            select k.district_id, k.rule, k.title, k.severity, k.clauses, k.person, k.window_start, k.first_at,
                   k.last_at, k.count, k.measured, k.evidence, 'OPEN', k.run_id, k.created_at, cited.version_id,
                   cited.clause_key
              from (values (?::bigint, ?::text, ?::text, ?::text, ?::jsonb, ?::text, ?::timestamptz, ?::timestamptz,
                            ?::timestamptz, ?::bigint, ?::bigint, ?::jsonb, ?::bigint, ?::timestamptz))
                   as k(district_id, rule, title, severity, clauses, person, window_start, first_at, last_at, count,
                        measured, evidence, run_id, created_at)
              left join lateral (
                   select c.version_id, c.clause_key
                     from (select v.id from policy p
                             join policy_version v on v.policy_id = p.id and v.status = 'PUBLISHED'
                            where p.district_id = k.district_id and p.adopted and v.published_at <= k.created_at
                            order by v.published_at desc, v.number desc limit 1) in_force
                     join policy_clause c on c.version_id = in_force.id
                    where c.clause_key = k.clauses ->> coalesce((select s.clause_policy from activity_settings s
                                                                  where s.district_id = k.district_id), 'model')
                   ) cited on true
            on conflict (district_id, rule, person, window_start) do update set
                title = excluded.title, severity = excluded.severity, clauses = excluded.clauses,
                count = excluded.count, measured = excluded.measured, first_at = excluded.first_at,
                last_at = excluded.last_at, evidence = excluded.evidence, version = activity_finding.version + 1
             where activity_finding.status = 'OPEN' and activity_finding.final_at is null
               and (excluded.count > activity_finding.count
                    or excluded.count = activity_finding.count and excluded.measured <= activity_finding.measured)
               and (excluded.title, excluded.severity, excluded.clauses, excluded.count, excluded.measured,
                    excluded.first_at, excluded.last_at, excluded.evidence)
                   is distinct from (activity_finding.title, activity_finding.severity, activity_finding.clauses,
                                     activity_finding.count, activity_finding.measured, activity_finding.first_at,
                                     activity_finding.last_at, activity_finding.evidence)""";

    // A finding's history starts with the step that raised it, as the app's runs record it.
    static final String RAISED = """
            insert into activity_finding_step (finding_id, position, status, reason, by_name, at)
            select f.id, 0, 'OPEN', 'raised by run ' || f.run_id, 'Steward', ?
              from activity_finding f
             where f.district_id = ? and f.rule = ? and f.person = ? and f.window_start = ?
               and not exists (select 1 from activity_finding_step s where s.finding_id = f.id)""";

    // A window told OPEN that fell short at its close takes its finding back, while nothing but the step that raised
    // it knows of it: no triage, no addendum, referral, case evidence, hold or audit entry. One somebody has looked
    // at stays as it is, for them to dismiss.
    static final String WITHDRAWN = """
            with untouched as (
                select f.id from activity_finding f
                 where f.district_id = ? and f.rule = ? and f.person = ? and f.window_start = ?
                   and f.status = 'OPEN' and f.final_at is null
                   and not exists (select 1 from activity_finding_step s where s.finding_id = f.id
                                    and (s.position > 0 or s.status <> 'OPEN' or s.by_name <> 'Steward'))
                   and not exists (select 1 from activity_finding_addendum a where a.finding_id = f.id)
                   and not exists (select 1 from investigation_referral r where r.finding_id = f.id)
                   and not exists (select 1 from investigation_evidence e where e.kind = 'FINDING' and e.ref_id = f.id)
                   and not exists (select 1 from record_hold h where h.kind = 'FINDING' and h.record_id = f.id)
                   and not exists (select 1 from audit_entry a where a.district_id = f.district_id
                                    and a.record_type = 'activity_finding' and a.record_id = f.id::text)
                   for update),
            raised as (delete from activity_finding_step s using untouched u where s.finding_id = u.id)
            delete from activity_finding f using untouched u where f.id = u.id and f.status = 'OPEN'""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One writer's connection and what it was told since it last wrote, the latest of each key. */
    private final class Writer implements SinkWriter<Told> {

        private final Connection connection;
        private final Map<String, Told> pending = new LinkedHashMap<>();

        Writer(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void write(Told told, Context context) throws IOException {
            if (told.kind() == Told.Kind.BAD_LINE || told.kind() == Told.Kind.SETUP) {
                return; // on the job's Kafka topics: the database keeps usage and findings
            }
            runOf(told.district());
            // a later telling of the same row or window replaces an earlier one not yet written
            pending.put(told.kind() + "\t" + told.district() + "\t" + told.key(), told);
            if (pending.size() >= batchSize) {
                flush(false);
            }
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            OffsetDateTime now = time(clock.millis());
            try (PreparedStatement usage = connection.prepareStatement(USAGE);
                 PreparedStatement finding = connection.prepareStatement(FINDING);
                 PreparedStatement raised = connection.prepareStatement(RAISED);
                 PreparedStatement withdrawn = connection.prepareStatement(WITHDRAWN)) {
                for (Told told : pending.values()) {
                    long district = districtId(told.district());
                    if (told.kind() == Told.Kind.USAGE) {
                        addUsage(usage, district, JsonRecords.usage(told.json()));
                    } else if (told.state() == Told.State.WITHDRAWN) {
                        addKey(withdrawn, 1, district, JsonRecords.finding(told.json()));
                    } else {
                        Finding f = JsonRecords.finding(told.json());
                        addFinding(finding, district, runOf(told.district()), f, now);
                        raised.setObject(1, now);
                        addKey(raised, 2, district, f);
                    }
                }
                usage.executeBatch();
                finding.executeBatch();
                raised.executeBatch();
                withdrawn.executeBatch();
                connection.commit();
                pending.clear();
            } catch (SQLException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                SQLException cause = e.getNextException() != null ? e.getNextException() : e;
                throw new IOException("cannot write " + pending.size() + " results to PostgreSQL: "
                        + cause.getMessage(), e);
            }
        }

        @Override
        public void close() throws Exception {
            connection.close();
        }
    }

    private static void addUsage(PreparedStatement ps, long district, UsageRow row) throws SQLException {
        ps.setLong(1, district);
        ps.setObject(2, row.date());
        ps.setString(3, row.person());
        ps.setString(4, row.site());
        ps.setLong(5, row.visits());
        ps.setLong(6, row.millisConnected());
        ps.setLong(7, row.requests());
        ps.setLong(8, row.elapsedMs());
        ps.setLong(9, row.bytes());
        ps.setLong(10, row.blocked());
        // the row's categories, a|b|c, as the app stores them: a text[]
        ps.setArray(11, ps.getConnection().createArrayOf("text",
                row.categories().isEmpty() ? new String[0] : row.categories().split("\\|")));
        ps.addBatch();
    }

    private static void addFinding(PreparedStatement ps, long district, long run, Finding f, OffsetDateTime now)
            throws SQLException {
        ps.setLong(1, district);
        ps.setString(2, f.rule());
        ps.setString(3, f.title());
        ps.setString(4, f.severity().name().toLowerCase(Locale.ROOT));
        ps.setString(5, JSON.writeValueAsString(f.clauses()));
        ps.setString(6, f.person());
        ps.setObject(7, time(f.windowStart()));
        ps.setObject(8, time(f.first()));
        ps.setObject(9, time(f.last()));
        ps.setLong(10, f.count());
        ps.setLong(11, f.measured());
        // [{"source": .., "line": .., "text": ..}], as activity_window and the app's findings keep it
        ps.setString(12, JSON.writeValueAsString(f.evidence()));
        ps.setLong(13, run);
        ps.setObject(14, now);
        ps.addBatch();
    }

    /** The finding's key (district, rule, person, window start) from parameter {@code from} on. */
    private static void addKey(PreparedStatement ps, int from, long district, Finding f) throws SQLException {
        ps.setLong(from, district);
        ps.setString(from + 1, f.rule());
        ps.setString(from + 2, f.person());
        ps.setObject(from + 3, time(f.windowStart()));
        ps.addBatch();
    }

    private static OffsetDateTime time(long millis) {
        return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
    }
}
