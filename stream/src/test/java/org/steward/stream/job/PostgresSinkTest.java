package org.steward.stream.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.steward.engine.JsonRecords;
import org.steward.engine.Output;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Rule;
import org.steward.engine.usage.UsageRow;
import org.steward.stream.EngineRuns;
import org.steward.stream.Shared;
import org.steward.stream.local.LocalFlink;
import org.steward.stream.local.LocalKafka;
import org.steward.stream.local.LogPublisher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import tools.jackson.databind.json.JsonMapper;

/**
 * The job's results in Steward's own tables, on a PostgreSQL with the app's migrations: what a district's technology
 * services read is what the job told last, whatever a failure made it tell again, and a finding somebody has looked
 * at is left as they found it.
 */
class PostgresSinkTest {

    static final Instant NOW = Instant.parse("2026-03-02T17:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final long WINDOW = Instant.parse("2026-03-02T15:00:00Z").toEpochMilli();

    static EmbeddedPostgres postgres;
    static DataSource data;
    static String url;

    @TempDir Path dir;

    @BeforeAll
    static void migrate() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        data = postgres.getPostgresDatabase();
        url = postgres.getJdbcUrl("postgres", "postgres");
        Flyway.configure().dataSource(data).locations("filesystem:../app/src/main/resources/db/migration").load()
                .migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    @Test
    void aUsageRowToldAgainAfterAFailureIsOneRowWithItsValues() throws Exception {
        long district = district("usage");
        PostgresSink sink = sink(district);
        UsageRow row = new UsageRow(LocalDate.parse("2026-03-02"), "ana", "example.org", 3, 125_000, 40, 9_000,
                1_234_567, 2, "news|social");

        tell(sink, usage(district, row));
        tell(sink, usage(district, row)); // the replay from the last checkpoint

        assertThat(rows("select day, person, site, visits, millis, requests, elapsed_ms, bytes, blocked, categories,"
                + " staff_id from activity_usage where district_id = ?", district))
                .containsExactly("2026-03-02 ana example.org 3 125000 40 9000 1234567 2 {news,social} null");
    }

    @Test
    void nothingIsWrittenBeforeAFlushOrAFullBatch() throws Exception {
        long district = district("batches");
        PostgresSink sink = new PostgresSink(url, "postgres", null, Map.of(String.valueOf(district), run(district)),
                3, CLOCK);
        try (SinkWriter<Told> writer = sink.open()) {
            writer.write(usage(district, day(1)), NO_TIME);
            writer.write(usage(district, day(2)), NO_TIME);
            assertThat(count("activity_usage", district)).as("kept until Flink flushes").isZero();
            writer.write(usage(district, day(2)), NO_TIME); // told again: still two rows to write
            assertThat(count("activity_usage", district)).isZero();
            writer.write(usage(district, day(3)), NO_TIME);
            assertThat(count("activity_usage", district)).as("a full batch is written").isEqualTo(3);
            writer.write(usage(district, day(4)), NO_TIME);
            assertThat(count("activity_usage", district)).isEqualTo(3);
            writer.flush(false);
            assertThat(count("activity_usage", district)).as("written at the checkpoint").isEqualTo(4);
        }
    }

    @Test
    void aFindingToldOpenThenFinalHasItsFinalCountsAndWaitsForTriage() throws Exception {
        long district = district("final");
        PostgresSink sink = sink(district);

        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));
        assertThat(rows("select count, status, run_id = ?, created_at from activity_finding where district_id = ?",
                run(district), district)).containsExactly("10 OPEN true 2026-03-02 09:00:00-08");
        tell(sink, finding(district, Told.State.FINAL, found(14, 14)));

        assertThat(rows("select rule, title, severity, clauses, person, window_start, first_at, last_at, count,"
                + " measured, jsonb_array_length(evidence), evidence -> 0 ->> 'text', status, final_at, version"
                + " from activity_finding where district_id = ?", district))
                .containsExactly("after-hours-social After-hours social media high"
                        + " {\"model\": \"II.D.5\", \"clovis\": \"C.27\"} ana 2026-03-02 07:00:00-08"
                        + " 2026-03-02 07:05:00-08 2026-03-02 07:14:00-08 14 14 2 GET http://x.example/1 OPEN null 1");
        assertThat(rows("select s.position, s.status, s.reason, s.by_name from activity_finding_step s join activity_finding"
                + " f on f.id = s.finding_id where f.district_id = ?", district))
                .containsExactly("0 OPEN raised by run " + run(district) + " Steward");
    }

    @Test
    void anOpenFindingReplayedAfterItsFinalKeepsTheFinalValues() throws Exception {
        long district = district("replayed");
        PostgresSink sink = sink(district);
        tell(sink, finding(district, Told.State.OPEN, found(10, 5)), finding(district, Told.State.FINAL, found(14, 4)));

        // the job restarts from a checkpoint before the OPEN: it tells it again, then the FINAL
        tell(sink, finding(district, Told.State.OPEN, found(10, 5)));
        assertThat(rows("select count, measured, version from activity_finding where district_id = ?", district))
                .containsExactly("14 4 0");
        // a late line joined two visits after the finding was told: same count, one visit fewer at the close
        tell(sink, finding(district, Told.State.OPEN, found(14, 5)));
        assertThat(rows("select count, measured from activity_finding where district_id = ?", district))
                .containsExactly("14 4");
        tell(sink, finding(district, Told.State.FINAL, found(14, 4)));
        assertThat(rows("select count, measured, version from activity_finding where district_id = ?", district))
                .as("told alike, left alike").containsExactly("14 4 0");
    }

    @Test
    void aTriagedFindingIsNeitherChangedNorWithdrawn() throws Exception {
        long district = district("triaged");
        PostgresSink sink = sink(district);
        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));
        long id = single("select id from activity_finding where district_id = ?", district);
        triage(id, 1, "DISMISSED", null);

        tell(sink, finding(district, Told.State.FINAL, found(14, 14)));
        tell(sink, finding(district, Told.State.WITHDRAWN, found(14, 14)));

        assertThat(rows("select count, status from activity_finding where district_id = ?", district))
                .containsExactly("10 DISMISSED");
    }

    @Test
    void aConfirmedFindingIsEvidenceTheSinkLeavesAsItWas() throws Exception {
        long district = district("confirmed");
        PostgresSink sink = sink(district);
        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));
        long id = single("select id from activity_finding where district_id = ?", district);
        triage(id, 1, "CONFIRMED", NOW);

        // V19's guard would refuse the change: the sink does not try
        tell(sink, finding(district, Told.State.FINAL, found(14, 14)));
        tell(sink, finding(district, Told.State.WITHDRAWN, found(14, 14)));

        assertThat(rows("select count, status, final_at is not null from activity_finding where district_id = ?",
                district)).containsExactly("10 CONFIRMED true");
    }

    @Test
    void aReopenedFindingStaysWhenItsWindowFallsShort() throws Exception {
        long district = district("reopened");
        PostgresSink sink = sink(district);
        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));
        long id = single("select id from activity_finding where district_id = ?", district);
        triage(id, 1, "DISMISSED", null);
        triage(id, 2, "OPEN", null);

        tell(sink, finding(district, Told.State.WITHDRAWN, found(11, 9)));

        assertThat(rows("select count, status from activity_finding where district_id = ?", district))
                .as("somebody looked at it: theirs to dismiss").containsExactly("10 OPEN");
    }

    @Test
    void aWithdrawnFindingNobodyTouchedIsGone() throws Exception {
        long district = district("withdrawn");
        PostgresSink sink = sink(district);
        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));
        assertThat(count("activity_finding", district)).isOne();

        tell(sink, finding(district, Told.State.WITHDRAWN, found(11, 9)));
        assertThat(count("activity_finding", district)).isZero();
        assertThat(single("select count(*) from activity_finding_step s where not exists (select 1 from"
                + " activity_finding f where f.id = s.finding_id)")).isZero();

        // told and withdrawn between two checkpoints, and replayed: never there
        tell(sink, finding(district, Told.State.OPEN, found(10, 10)), finding(district, Told.State.WITHDRAWN,
                found(11, 9)));
        tell(sink, finding(district, Told.State.WITHDRAWN, found(11, 9)));
        assertThat(count("activity_finding", district)).isZero();
    }

    @Test
    void aWithdrawnFindingACaseHoldsStays() throws Exception {
        long district = district("held");
        PostgresSink sink = sink(district);
        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));
        long id = single("select id from activity_finding where district_id = ?", district);
        update("insert into record_hold (district_id, kind, record_id, case_id, case_number, held_at)"
                + " values (?, 'FINDING', ?, 1, 1, now())", district, id);

        tell(sink, finding(district, Told.State.WITHDRAWN, found(11, 9)));

        assertThat(rows("select count, status from activity_finding where district_id = ?", district))
                .as("kept for the case").containsExactly("10 OPEN");
    }

    @Test
    void aFindingCitesTheClauseOfTheAdoptedPolicyInForce() throws Exception {
        long district = district("cited");
        long version = publishedPolicy(district, "II.D.5", NOW.minus(Duration.ofDays(30)));
        publishedPolicy(district, "II.D.5", NOW.plus(Duration.ofDays(1))); // not yet in force
        PostgresSink sink = sink(district);

        tell(sink, finding(district, Told.State.OPEN, found(10, 10)));

        assertThat(rows("select clause_version_id = ?, clause_key from activity_finding where district_id = ?",
                version, district)).containsExactly("true II.D.5");
    }

    @Test
    void aDistrictThatIsNoNumberOrHasNoRunIsRefused() throws Exception {
        long district = district("refused");
        assertThatThrownBy(() -> new PostgresSink(url, "postgres", null, Map.of("north", 1L), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("district 'north' is not a Steward district id (a number)");
        PostgresSink sink = sink(district);
        assertThatThrownBy(() -> sink.check(List.of(DistrictSetup.of("north", Path.of("ut1")))))
                .hasMessageContaining("district 'north' is not a Steward district id");
        try (SinkWriter<Told> writer = sink.open()) {
            assertThatThrownBy(() -> writer.write(new Told(Told.Kind.USAGE, Told.State.FINAL, "999999", "key",
                    JsonRecords.usage(day(1))), NO_TIME))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("district 999999 has no activity run");
            assertThatThrownBy(() -> writer.write(new Told(Told.Kind.USAGE, Told.State.FINAL, "north", "key",
                    JsonRecords.usage(day(1))), NO_TIME))
                    .hasMessageContaining("district 'north' is not a Steward district id");
            writer.flush(false);
        }
        assertThat(count("activity_usage", district)).isZero();
    }

    /**
     * The job with this sink instead of Kafka's, over the shared real log and a generated one (two partitions, two
     * tasks, so two writers), its task manager killed midway: the district's usage rows are the engine command's
     * usage.csv, and its findings those of its findings.jsonl, open for triage. Nothing lost, nothing doubled.
     */
    @Test
    void theJobWritesTheEnginesUsageAndFindings() throws Exception {
        Path ut1 = Shared.data("ut1");
        List<Path> logs = List.of(Shared.data("squid/plaso_squid_access.log"), EngineRuns.generated(200_000));
        EngineRuns.analyze(ut1, dir.resolve("engine"), logs);
        long district = district("plaso");
        String id = String.valueOf(district);
        PostgresSink sink = new PostgresSink(url, "postgres", null, Map.of(id, run(district)), 500, CLOCK);
        DistrictSetup setup = DistrictSetup.of(id, ut1);
        sink.check(List.of(setup));
        try (LocalKafka kafka = LocalKafka.start(); LocalFlink flink = LocalFlink.start(2, Duration.ofMillis(500))) {
            kafka.createTopic(Topics.lines(id), logs.size());
            kafka.createTopic(Topics.SETUPS, 1);
            try (LogPublisher publisher = new LogPublisher(kafka.bootstrapServers(), Topics.lines(id))) {
                for (int partition = 0; partition < logs.size(); partition++) {
                    publisher.publish(logs.get(partition), partition);
                }
            }
            StreamExecutionEnvironment env = flink.environment();
            ActivityJob.build(env, List.of(setup), ActivityJob.Options.local(kafka.bootstrapServers()), sink);
            JobClient job = env.executeAsync("steward activity to PostgreSQL");
            // a machine dies once findings are written: the job starts again from its last checkpoint and tells
            // again what it told since
            awaitFindings(district);
            flink.failTaskManager();
            job.getJobExecutionResult().get();
            assertThat(flink.restarts(job.getJobID())).as("the tasks were started again").isPositive();
        }

        List<UsageRow> usage = new ArrayList<>();
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select day, person, site, visits, millis, requests, elapsed_ms, bytes, blocked,
                       array_to_string(categories, '|') from activity_usage where district_id = ?
                 order by day, person, site""")) {
            ps.setLong(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    usage.add(new UsageRow(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3),
                            rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getString(10)));
                }
            }
        }
        // sorted as the engine sorts them (Java's order of strings, not the database's collation)
        usage.sort(Comparator.comparing(UsageRow::date).thenComparing(UsageRow::person)
                .thenComparing(UsageRow::site));
        Output.usage(usage, dir.resolve("usage.csv"));
        assertThat(dir.resolve("usage.csv")).hasSameTextualContentAs(dir.resolve("engine/usage.csv"));

        List<Finding> expected = Files.readAllLines(dir.resolve("engine/findings.jsonl")).stream()
                .map(JsonRecords::finding).toList();
        List<Finding> written = new ArrayList<>();
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select rule, title, severity, clauses::text, person, window_start, first_at, last_at, count, measured,
                       evidence::text from activity_finding where district_id = ?""")) {
            ps.setLong(1, district);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> clauses = new HashMap<>();
                    JSON.readTree(rs.getString(4)).properties()
                            .forEach(clause -> clauses.put(clause.getKey(), clause.getValue().asString()));
                    List<Finding.Evidence> evidence = new ArrayList<>();
                    JSON.readTree(rs.getString(11)).forEach(e -> evidence.add(new Finding.Evidence(
                            e.required("source").asString(), e.required("line").asLong(), e.required("text").asString())));
                    written.add(new Finding(rs.getString(1), rs.getString(2), Rule.Severity.valueOf(
                            rs.getString(3).toUpperCase(Locale.ROOT)), clauses, rs.getString(5),
                            millis(rs, 6), millis(rs, 7), millis(rs, 8), rs.getLong(9), rs.getLong(10), evidence));
                }
            }
        }
        assertThat(expected).as("findings").hasSizeGreaterThan(1000);
        assertThat(written).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(rows("select distinct status from activity_finding where district_id = ?", district))
                .as("waiting for triage").containsExactly("OPEN");
    }

    static void awaitFindings(long district) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (count("activity_finding", district) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no findings were written");
            }
            Thread.sleep(20);
        }
    }

    static long millis(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant().toEpochMilli();
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    // The district's records, as the app keeps them

    static long district(String slug) throws SQLException {
        return single("insert into district (slug, name, created_at) values (?, ?, now()) returning id", slug, slug);
    }

    /** The run of the district's Kafka-topic source, made once per district. */
    static long run(long district) throws SQLException {
        List<String> runs = rows("select id from activity_run where district_id = ?", district);
        if (!runs.isEmpty()) {
            return Long.parseLong(runs.get(0));
        }
        long source = single("insert into activity_source (district_id, name, kind, format, created_by, created_at)"
                + " values (?, 'steward.lines', 'API', 'SQUID', 'test', now()) returning id", district);
        return single("insert into activity_run (district_id, source_id, file_name, sha256, bytes, status, started_at,"
                + " started_by) values (?, ?, 'steward.lines', 'stream', 0, 'RUNNING', now(), 'test') returning id",
                district, source);
    }

    /** A step of the finding's triage, as the app's RaisedFinding records it. */
    static void triage(long finding, int position, String status, Instant decided) throws SQLException {
        update("insert into activity_finding_step (finding_id, position, status, reason, by_name, at)"
                + " values (?, ?, ?, 'looked at it', 'tech', now())", finding, position, status);
        update("update activity_finding set status = ?, final_at = coalesce(final_at, ?), version = version + 1"
                + " where id = ?", status, decided == null ? null : Timestamp.from(decided), finding);
    }

    /** The district's adopted policy (made once), with a version published then that has the clause. */
    static long publishedPolicy(long district, String clause, Instant publishedAt) throws SQLException {
        List<String> adopted = rows("select id from policy where district_id = ? and adopted", district);
        long policy = adopted.isEmpty() ? single("insert into policy (district_id, title, source, created_at, adopted)"
                + " values (?, 'Acceptable use', 'MODEL', now(), true) returning id", district)
                : Long.parseLong(adopted.get(0));
        long version = single("insert into policy_version (policy_id, number, title, status, created_at)"
                + " values (?, (select count(*) + 1 from policy_version where policy_id = ?), 'Acceptable use',"
                + " 'DRAFT', now()) returning id", policy, policy);
        update("insert into policy_clause (version_id, position, clause_key, kind, label, title, text)"
                + " values (?, 0, ?, 'CLAUSE', ?, 'Use', 'Use it well.')", version, clause, clause);
        update("update policy_version set status = 'PUBLISHED', sha256 = repeat('0', 64), published_at = ?"
                + " where id = ?", Timestamp.from(publishedAt), version);
        return version;
    }

    // What the job tells, as CountActivity tells it

    PostgresSink sink(long district) throws SQLException {
        return new PostgresSink(url, "postgres", null, Map.of(String.valueOf(district), run(district)), 100, CLOCK);
    }

    static UsageRow day(int day) {
        return new UsageRow(LocalDate.of(2026, 3, day), "ana", "example.org", 1, 60_000, 2, 300, 1000, 0, "");
    }

    static Told usage(long district, UsageRow row) {
        return new Told(Told.Kind.USAGE, Told.State.FINAL, String.valueOf(district),
                row.date() + "\t" + row.person() + "\t" + row.site(), JsonRecords.usage(row));
    }

    /** Ana's after-hours window of 15:00 UTC, as it stands with {@code count} lines counted. */
    static Finding found(long count, long measured) {
        List<Finding.Evidence> evidence = List.of(new Finding.Evidence("access.log", 7, "GET http://x.example/1"),
                new Finding.Evidence("access.log", 9, "GET http://x.example/2"));
        Map<String, String> clauses = new LinkedHashMap<>();
        clauses.put("model", "II.D.5");
        clauses.put("clovis", "C.27");
        return new Finding("after-hours-social", "After-hours social media", Rule.Severity.HIGH, clauses, "ana",
                WINDOW, WINDOW + 5 * 60_000, WINDOW + count * 60_000, count, measured, evidence);
    }

    static Told finding(long district, Told.State state, Finding f) {
        return new Told(Told.Kind.FINDING, state, String.valueOf(district),
                f.rule() + "\t" + f.person() + "\t" + f.windowStart(), JsonRecords.finding(f));
    }

    /** What a task's writer is told between two checkpoints, then the flush of the checkpoint; a new writer each. */
    static void tell(PostgresSink sink, Told... told) throws Exception {
        try (SinkWriter<Told> writer = sink.open()) {
            for (Told t : told) {
                writer.write(t, NO_TIME);
            }
            writer.flush(false);
        }
    }

    static final SinkWriter.Context NO_TIME = new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    // Plain JDBC

    static long count(String table, long district) throws SQLException {
        return single("select count(*) from " + table + " where district_id = ?", district);
    }

    static long single(String sql, Object... params) throws SQLException {
        return Long.parseLong(rows(sql, params).get(0));
    }

    /** Each row's columns as text, separated by spaces ("null" for null). */
    static List<String> rows(String sql, Object... params) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = data.getConnection()) {
            c.createStatement().execute("set time zone 'America/Los_Angeles'");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] columns = new String[rs.getMetaData().getColumnCount()];
                        for (int i = 0; i < columns.length; i++) {
                            int type = rs.getMetaData().getColumnType(i + 1);
                            columns[i] = type == Types.BIT || type == Types.BOOLEAN
                                    ? String.valueOf(rs.getObject(i + 1)) : String.valueOf(rs.getString(i + 1));
                        }
                        rows.add(String.join(" ", Arrays.asList(columns)));
                    }
                }
            }
        }
        return rows;
    }

    static void update(String sql, Object... params) throws SQLException {
        try (Connection c = data.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        }
    }
}
