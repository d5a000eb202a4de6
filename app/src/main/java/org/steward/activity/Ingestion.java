package org.steward.activity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.springframework.transaction.support.TransactionTemplate;
import org.steward.audit.AuditLog;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.engine.Analyzer;
import org.steward.engine.LineDigests;
import org.steward.engine.categories.Ut1Lists;
import org.steward.engine.parse.BadLines;
import org.steward.engine.rules.RulePack;
import org.steward.holds.RecordHolds;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs activity files through the engine into usage and findings. A file is kept under the raw folder, its SHA-256
 * taken as it arrives: content already counted in the district is refused, whatever its name, so ingesting a file
 * twice never counts it twice. Each run records lines read, bad lines by reason with samples, throughput and how
 * long it took; its results are stored in one transaction, so a run that fails leaves nothing behind.
 */
@Service
public class Ingestion {

    private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

    public enum Status { RUNNING, DONE, FAILED }

    public record BadSample(long line, String reason, String text) {
    }

    public record Run(long id, long districtId, long sourceId, String fileName, String part, String sha256, long bytes,
                      Status status, Instant startedAt, Instant finishedAt, String startedBy, long lines,
                      long badLines, Map<String, Long> badReasons, List<BadSample> badSamples, int people, int sites,
                      int usageRows, int findings, String problem, boolean rawKept, long blocked, long challenges,
                      long proxyErrors, long countedBefore, Long reapplyId) {

        public Duration duration() {
            return finishedAt == null ? null : Duration.between(startedAt, finishedAt);
        }

        public long linesPerSecond() {
            Duration d = duration();
            return d == null || d.toMillis() == 0 ? 0 : lines * 1000 / d.toMillis();
        }
    }

    /** How far a running run has got. */
    public record Progress(long lines, long bytesRead, long bytes) {
        public int percent() {
            return bytes == 0 ? 0 : (int) Math.min(100, bytesRead * 100 / bytes);
        }
    }

    /** Why a file was not taken. Nothing was changed. */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The content, or the part of a stream, was counted before. Nothing was changed. */
    public static final class AlreadyCounted extends Refused {
        AlreadyCounted(String message) {
            super(message);
        }
    }

    private static final String COLUMNS = """
            id, district_id, source_id, file_name, part, sha256, bytes, status, started_at, finished_at, started_by, lines,
            bad_lines, bad_reasons, bad_samples, people, sites, usage_rows, findings, problem,
            raw_file is not null and raw_deleted_at is null as raw_kept, blocked, challenges, proxy_errors,
            counted_before, reapply_id""";

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Long>> REASONS = new TypeReference<>() {
    };
    private static final TypeReference<List<BadSample>> SAMPLES = new TypeReference<>() {
    };
    /** Bad lines' reasons, the most frequent first: jsonb keeps an object's keys in an order of its own. */
    private static final Comparator<Map.Entry<String, Long>> MOST_FIRST =
            Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());

    private final JdbcClient jdbc;
    private final CountedLines counted;
    private final TransactionTemplate transaction;
    private final Sources sources;
    private final CategoryLists categories;
    private final AddressLeases leases;
    private final MonitoringSettings settings;
    private final UsageStore store;
    private final DistrictRules rules;
    private final Districts districts;
    private final AuditLog audit;
    private final Clock clock;
    private final ActivityProperties properties;
    private final Executor executor;
    private final Map<Long, Progress> running = new ConcurrentHashMap<>();

    private final RecordHolds holds;

    Ingestion(JdbcClient jdbc, TransactionTemplate transaction, Sources sources, CategoryLists categories,
              AddressLeases leases, MonitoringSettings settings, UsageStore store, DistrictRules rules,
              Districts districts, AuditLog audit, CountedLines counted,
              Clock clock, ActivityProperties properties, @Qualifier("applicationTaskExecutor") Executor executor,
              RecordHolds holds) {
        this.holds = holds;
        this.jdbc = jdbc;
        this.counted = counted;
        this.transaction = transaction;
        this.sources = sources;
        this.categories = categories;
        this.leases = leases;
        this.settings = settings;
        this.store = store;
        this.rules = rules;
        this.districts = districts;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        this.executor = executor;
    }

    /** Takes a file and runs it now; the finished run. */
    public Run ingest(long districtId, long sourceId, InputStream content, String fileName, String by) {
        return execute(accept(districtId, sourceId, content, fileName, null, by), jdbc -> { });
    }

    /** Takes a file and runs it in the background; the run as it starts. */
    public Run submit(long districtId, long sourceId, InputStream content, String fileName, String by) {
        Run run = accept(districtId, sourceId, content, fileName, null, by);
        executor.execute(() -> execute(run, jdbc -> { }));
        return run;
    }

    /**
     * Takes one part of a stream (the new lines of a followed file, a batch of syslog messages) and runs it now.
     * A part is named, and a name counted once per source; {@code alongside} runs in the transaction that stores
     * the results, so where the stream was read to moves with what was read from it, or not at all.
     */
    Run ingestPart(long districtId, long sourceId, InputStream content, String fileName, String part, String by,
                   Consumer<JdbcClient> alongside) {
        return execute(accept(districtId, sourceId, content, fileName, part, by), alongside);
    }

    /**
     * Keeps the file under the raw folder and records a running run; refuses a file the source's format cannot be
     * and content the district has already had.
     */
    Run accept(long districtId, long sourceId, InputStream content, String fileName, String part, String by) {
        Sources.Source source = sources.find(districtId, sourceId)
                .orElseThrow(() -> new Refused("There is no such source."));
        String name = safeName(fileName);
        Path folder = properties.raw(districtId);
        Path incoming;
        MessageDigest sha256;
        long bytes;
        try {
            Files.createDirectories(folder);
            incoming = Files.createTempFile(folder, "incoming-", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep " + name, e);
        }
        sha256 = DigestUtils.getSha256Digest();
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(incoming), sha256)) {
            bytes = content.transferTo(out);
        } catch (IOException | RuntimeException e) {
            deletePartial(incoming); // an upload cut off: nothing of it stays
            throw e instanceof IOException io ? new UncheckedIOException("Cannot keep " + name, io)
                    : (RuntimeException) e;
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        try {
            if (bytes == 0) {
                throw new Refused(name + " is empty.");
            }
            checkFormat(source, incoming, name);
            long runId;
            try {
                runId = jdbc.sql("""
                                insert into activity_run (district_id, source_id, file_name, part, sha256, bytes,
                                    status, started_at, started_by) values (?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?)
                                returning id""")
                        .params(districtId, sourceId, name, part, digest, bytes, Timestamp.from(clock.instant()), by)
                        .query(Long.class).single();
            } catch (DuplicateKeyException e) {
                Run earlier = (part == null
                        ? jdbc.sql("select " + COLUMNS + " from activity_run where district_id = ? and sha256 = ? "
                                + "and status <> 'FAILED' and part is null").params(districtId, digest)
                        : jdbc.sql("select " + COLUMNS + " from activity_run where source_id = ? and part = ? "
                                + "and status <> 'FAILED'").params(sourceId, part))
                        .query(Ingestion::run).single();
                throw new AlreadyCounted(name + (part == null ? "" : " (" + part + ")")
                        + " was not counted again: the same " + (part == null ? "content" : "part")
                        + " was ingested as " + earlier.fileName() + " in run " + earlier.id() + " of "
                        + earlier.startedAt() + ".");
            }
            try {
                // a folder left by a database since reset is replaced: run ids are the database's
                Path kept = Files.createDirectories(folder.resolve("run-" + runId)).resolve(name);
                Files.move(incoming, kept, StandardCopyOption.REPLACE_EXISTING);
                jdbc.sql("update activity_run set raw_file = ? where id = ?").params(kept.toString(), runId).update();
            } catch (IOException | RuntimeException e) {
                jdbc.sql("update activity_run set status = 'FAILED', finished_at = ?, problem = ? where id = ?")
                        .params(Timestamp.from(clock.instant()), "the file could not be kept: " + e.getMessage(),
                                runId).update();
                throw e;
            }
            running.put(runId, new Progress(0, 0, bytes));
            return find(districtId, runId).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep " + name, e);
        } finally {
            deletePartial(incoming);
        }
    }

    private static void deletePartial(Path incoming) {
        try {
            Files.deleteIfExists(incoming);
        } catch (IOException e) {
            log.warn("Could not delete {}", incoming, e);
        }
    }

    /** Deletes the partial files of uploads a stop of the server cut off, which no run refers to. */
    void deletePartialUploads() {
        Path raw = properties.raw(0).getParent();
        if (!Files.isDirectory(raw)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.walk(raw, 2)) {
            files.filter(f -> f.getFileName().toString().startsWith("incoming-")
                    && f.getFileName().toString().endsWith(".part")).forEach(Ingestion::deletePartial);
        } catch (IOException e) {
            log.warn("Could not look for partial uploads under {}", raw, e);
        }
    }

    /** Runs an accepted file through the engine and stores what it found; a failure is recorded on the run. */
    Run execute(Run run, Consumer<JdbcClient> alongside) {
        long districtId = run.districtId();
        Path file = rawFile(run.id());
        try {
            // the lines an earlier run of the source counted are skipped, whichever file they come in
            LineDigests.OfLog digests = Analyzer.lineDigests(file, properties.limits());
            long[] countedBefore = counted.before(run.sourceId(), digests);
            Analyzer.Settings engine = countedBefore.length == 0 ? engineSettings(districtId)
                    : engineSettings(districtId).countingOnly(d -> Arrays.binarySearch(countedBefore, d) >= 0);
            // a part of a stream continues the visits the part before left going; a whole file stands alone
            boolean stream = run.part() != null;
            Analyzer.Result result = new Analyzer(engine).analyze(List.of(file),
                    (lines, bytesRead) -> running.put(run.id(), new Progress(lines, bytesRead, run.bytes())),
                    stream ? store.visitEnds(districtId, engine.idleMillis()) : List.of());
            Optional<LongSummaryStatistics> days = days(result, zone(districtId));
            transaction.executeWithoutResult(status -> {
                storing(districtId); // after a re-apply of these days, not in the middle of one
                UsageStore.Stored stored = store.add(districtId, run.id(), result, engine.rules());
                if (stream) {
                    store.keepVisitEnds(districtId, result.usage().visitEnds());
                }
                counted.keep(run.id(), run.sourceId(), digests);
                BadLines bad = result.badLines();
                jdbc.sql("""
                                update activity_run set status = 'DONE', finished_at = ?, lines = ?, bad_lines = ?,
                                    bad_reasons = ?::jsonb, bad_samples = ?::jsonb, people = ?, sites = ?,
                                    usage_rows = ?, findings = ?, first_day = ?, last_day = ?, blocked = ?,
                                    challenges = ?, proxy_errors = ?, counted_before = ?, events_dated = true
                                where id = ?""")
                        .params(Timestamp.from(clock.instant()), result.lines(), bad.count(),
                                JSON.writeValueAsString(bad.byReason()),
                                JSON.writeValueAsString(bad.samples().stream()
                                        .map(s -> new BadSample(s.line(), s.reason(), s.text())).toList()),
                                result.usage().people(), result.usage().sites(), stored.usageRows(),
                                stored.newFindings(), days.map(d -> Date.valueOf(LocalDate.ofEpochDay(d.getMin()))).orElse(null),
                                days.map(d -> Date.valueOf(LocalDate.ofEpochDay(d.getMax()))).orElse(null),
                                result.tally().blocked(), result.tally().challenges(), result.tally().proxyErrors(),
                                result.tally().countedBefore(), run.id())
                        .update();
                audit.record(districtId, "ACTIVITY_INGESTED", "activity_run", run.id(), run.fileName() + ": "
                        + result.lines() + " lines, " + bad.count() + " bad, " + stored.newFindings()
                        + " new findings");
                alongside.accept(jdbc);
            });
        } catch (RuntimeException e) {
            log.warn("Run {} of {} failed", run.id(), run.fileName(), e);
            jdbc.sql("update activity_run set status = 'FAILED', finished_at = ?, problem = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), String.valueOf(e.getMessage()), run.id()).update();
        } finally {
            running.remove(run.id());
        }
        return find(districtId, run.id()).orElseThrow();
    }

    /**
     * The local days of everything a run counted: its usage rows (web requests) and the events its rules' windows
     * summed (logins, devices, software too), as a re-apply must find every run that counted something on a day.
     */
    private static Optional<LongSummaryStatistics> days(Analyzer.Result result, ZoneId zone) {
        java.util.stream.LongStream usage = result.usageRows().stream().mapToLong(r -> r.date().toEpochDay());
        java.util.stream.LongStream events = result.windows().stream()
                .flatMapToLong(w -> java.util.stream.LongStream.of(w.first(), w.last()))
                .map(at -> Instant.ofEpochMilli(at).atZone(zone).toLocalDate().toEpochDay());
        LongSummaryStatistics days = java.util.stream.LongStream.concat(usage, events).summaryStatistics();
        return days.getCount() == 0 ? Optional.empty() : Optional.of(days);
    }

    private ZoneId zone(long districtId) {
        return districts.findById(districtId).map(District::zone).orElse(District.DEFAULT_ZONE);
    }

    /**
     * Takes the district's lock on storing results, held until the transaction ends: runs and re-applies store one at
     * a time, so a re-apply's cleared days never lose what a run stored meanwhile.
     */
    void storing(long districtId) {
        jdbc.sql("select pg_advisory_xact_lock(4043, ?::int)").param((int) districtId).query(Object.class).list();
    }

    private Analyzer.Settings engineSettings(long districtId) {
        return engineSettings(districtId, rules.pack(districtId));
    }

    /** What the engine needs to run the district's logs through the rules given: its lists, calendar, leases. */
    Analyzer.Settings engineSettings(long districtId, RulePack pack) {
        Ut1Lists.Loaded lists = categories.index(districtId);
        ZoneId zone = zone(districtId);
        MonitoringSettings.Values values = settings.of(districtId);
        return new Analyzer.Settings(lists.index(), lists::canonical, pack, rules.workCalendar(districtId, zone),
                leases.of(districtId), 2, Duration.ofMinutes(values.idleMinutes()).toMillis(),
                UsageStore.EVIDENCE_LINES, properties.limits());
    }

    /** A Squid source refuses JSON lines and the other way round, as the engine tells them apart. */
    private static void checkFormat(Sources.Source source, Path file, String name) {
        boolean json = Analyzer.isJsonLines(file);
        if (json != (source.format() == Sources.Format.JSON_LINES)) {
            throw new Refused(name + " holds " + (json ? "JSON lines" : "no JSON lines") + ", but " + source.name()
                    + " takes " + source.format().title() + ".");
        }
    }

    Path rawFile(long runId) {
        return Path.of(jdbc.sql("select raw_file from activity_run where id = ?").param(runId)
                .query(String.class).single());
    }

    public Optional<Progress> progress(long runId) {
        return Optional.ofNullable(running.get(runId));
    }

    public Optional<Run> find(long districtId, long runId) {
        return jdbc.sql("select " + COLUMNS + " from activity_run where id = ? and district_id = ?")
                .params(runId, districtId).query(Ingestion::run).optional();
    }

    /** The columns a source's runs may be sorted by: newest first. */
    public static final SortColumns RUNS = SortColumns.of("list of runs", "id")
            .byDescending("started", "started_at")
            .byDescending("lines", "lines")
            .byDescending("findings", "findings");

    /** A page of a source's runs: one count and one query. */
    public Paged<Run> runs(long districtId, long sourceId, Paging paging) {
        String where = " from activity_run where district_id = ? and source_id = ?";
        return Paged.of(paging, () -> jdbc.sql("select count(*)" + where).params(districtId, sourceId)
                        .query(Long.class).single(),
                page -> jdbc.sql("select " + COLUMNS + where + page.orderBy() + " offset ? limit ?")
                        .params(districtId, sourceId, page.offset(), page.limit()).query(Ingestion::run).list());
    }

    private record RawFile(long runId, String path, LocalDate first, LocalDate last) {
    }

    /**
     * Deletes the raw files older than the district's retention, but for those of days an open case keeps; the runs
     * keep their figures.
     */
    public int deleteExpiredRawFiles(long districtId) {
        int days = settings.of(districtId).rawRetentionDays();
        Instant before = clock.instant().minus(Duration.ofDays(days));
        List<Map.Entry<Long, String>> due = jdbc.sql("""
                        select id, raw_file, first_day, last_day from activity_run where district_id = ?
                           and raw_file is not null and raw_deleted_at is null and status <> 'RUNNING'
                           and finished_at <= ?""")
                .params(districtId, Timestamp.from(before))
                .query((rs, n) -> new RawFile(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getObject(4, LocalDate.class)))
                .list().stream()
                // a run whose days hold usage an open case keeps is kept with it (docs/architecture.md, holds)
                .filter(r -> r.first() == null || holds.usageHeldOn(districtId, r.first(), r.last()).isEmpty())
                .map(r -> Map.entry(r.runId(), r.path())).toList();
        int deleted = 0;
        for (Map.Entry<Long, String> run : due) {
            Path file = Path.of(run.getValue());
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                log.warn("Could not delete {}", run.getValue(), e);
                continue;
            }
            try {
                Files.deleteIfExists(file.getParent());
            } catch (IOException e) {
                // the run's folder holds something else (left by a database since reset): the file itself is gone
            }
            jdbc.sql("update activity_run set raw_deleted_at = ? where id = ?")
                    .params(Timestamp.from(clock.instant()), run.getKey()).update();
            deleted++;
        }
        if (deleted > 0) {
            audit.record(districtId, "ACTIVITY_RAW_FILES_DELETED", "activity_run", due.get(0).getKey(),
                    deleted + " raw files older than " + days + " days");
        }
        return deleted;
    }

    static String safeName(String fileName) {
        String name = fileName == null ? "" : Path.of(fileName.replace('\\', '/')).getFileName() == null ? ""
                : Path.of(fileName.replace('\\', '/')).getFileName().toString();
        name = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "upload" + name : name;
    }

    private static Run run(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Map<String, Long> reasons = new LinkedHashMap<>();
        JSON.readValue(rs.getString("bad_reasons"), REASONS).entrySet().stream().sorted(MOST_FIRST)
                .forEach(e -> reasons.put(e.getKey(), e.getValue()));
        List<BadSample> samples = List.copyOf(JSON.readValue(rs.getString("bad_samples"), SAMPLES));
        return new Run(rs.getLong("id"), rs.getLong("district_id"), rs.getLong("source_id"), rs.getString("file_name"),
                rs.getString("part"),
                rs.getString("sha256"), rs.getLong("bytes"), Status.valueOf(rs.getString("status")),
                rs.getTimestamp("started_at").toInstant(), finished == null ? null : finished.toInstant(),
                rs.getString("started_by"), rs.getLong("lines"), rs.getLong("bad_lines"), reasons, samples,
                rs.getInt("people"), rs.getInt("sites"), rs.getInt("usage_rows"), rs.getInt("findings"),
                rs.getString("problem"), rs.getBoolean("raw_kept"), rs.getLong("blocked"), rs.getLong("challenges"),
                rs.getLong("proxy_errors"), rs.getLong("counted_before"), rs.getObject("reapply_id", Long.class));
    }
}
