package org.steward.engine;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;

import org.steward.engine.categories.CategoryIndex;
import org.steward.engine.events.ActivityEvent;
import org.steward.engine.parse.BadLines;
import org.steward.engine.parse.JsonLineParser;
import org.steward.engine.parse.SquidLineParser;
import org.steward.engine.rules.Finding;
import org.steward.engine.rules.Observation;
import org.steward.engine.rules.RuleEngine;
import org.steward.engine.rules.RulePack;
import org.steward.engine.rules.WorkCalendar;
import org.steward.engine.usage.Leases;
import org.steward.engine.usage.Usage;
import org.steward.engine.usage.UsageRow;

/**
 * Runs logs through the engine: read, parse, attribute, categorize, then in input order sessionize into usage and
 * evaluate the rules. The calling thread reads the logs in batches of lines and, in input order, does usage and
 * rules, so results do not depend on the number of threads; parsing and categorizing, the bulk of the work, run on
 * {@code threads - 1} more workers (on the calling thread alone when {@code threads} is 1).
 *
 * <p>A batch's bytes are reused for a later batch once its lines have been counted, and a request read from a Squid
 * line cuts its text fields from them when asked: nothing may keep an event once its batch is counted. (A finding keeps
 * its evidence lines as text.)
 */
public final class Analyzer {

    private static final int BATCH = 4096;

    /** What the engine needs besides the logs. */
    public record Settings(CategoryIndex categories, UnaryOperator<String> canonicalCategory, RulePack rules,
                           WorkCalendar calendar, Leases leases, int threads, long idleMillis, int evidenceLines,
                           Limits limits, LongPredicate countedBefore) {

        public Settings(CategoryIndex categories, UnaryOperator<String> canonicalCategory, RulePack rules,
                        WorkCalendar calendar, Leases leases, int threads, long idleMillis, int evidenceLines) {
            this(categories, canonicalCategory, rules, calendar, leases, threads, idleMillis, evidenceLines,
                    Limits.DEFAULT, null);
        }

        public Settings(CategoryIndex categories, UnaryOperator<String> canonicalCategory, RulePack rules,
                        WorkCalendar calendar, Leases leases, int threads, long idleMillis, int evidenceLines,
                        Limits limits) {
            this(categories, canonicalCategory, rules, calendar, leases, threads, idleMillis, evidenceLines, limits,
                    null);
        }

        /**
         * The same, skipping the lines whose {@link LineDigests digest} the test says an earlier run of the same
         * source counted: a log that overlaps one counted before adds only its new lines.
         */
        public Settings countingOnly(LongPredicate countedBefore) {
            return new Settings(categories, canonicalCategory, rules, calendar, leases, threads, idleMillis,
                    evidenceLines, limits, countedBefore);
        }
    }

    /**
     * How long a line may be (a longer one is a bad line, read past without being kept), and how large a log may be
     * once gunzipped (a larger one stops the run with a message saying so): a small file that expands to a huge one
     * cannot run the server out of memory or disk time.
     */
    public record Limits(int maxLineBytes, long maxExpandedBytes) {
        /** 64 KiB a line (Squid logs URLs of up to 8 KiB), 50 GiB a log. */
        public static final Limits DEFAULT = new Limits(64 * 1024, 50L << 30);

        public Limits {
            if (maxLineBytes < 1024 || maxExpandedBytes < 1) {
                throw new IllegalArgumentException("a line limit of at least 1 KiB and a size limit are needed");
            }
        }
    }

    /** A log larger, once gunzipped, than {@link Limits#maxExpandedBytes()}: the run stops and counts nothing. */
    public static final class TooLarge extends RuntimeException {
        TooLarge(String message) {
            super(message);
        }
    }

    /**
     * The outcome of a run: {@link #findings} are the windows that reached their rule's threshold,
     * {@link #windows} every window a rule counted in, for adding up with the other parts of a stream (worked out
     * when asked for: the command line never asks).
     */
    public static final class Result {
        private final long lines;
        private final BadLines badLines;
        private final Usage usage;
        private final RuleEngine rules;
        private final List<Finding> findings;
        private final Tally tally;
        private List<UsageRow> usageRows;

        Result(long lines, BadLines badLines, Tally tally, Usage usage, RuleEngine rules) {
            this.lines = lines;
            this.badLines = badLines;
            this.tally = tally;
            this.usage = usage;
            this.rules = rules;
            this.findings = rules.findings();
        }

        public long lines() {
            return lines;
        }

        public BadLines badLines() {
            return badLines;
        }

        /**
         * Proxy authentication challenges (407: the browser asked to sign in, then retrying), proxy errors (Squid's
         * {@code error:} pseudo-URLs and {@code NONE/400}), neither counted as anybody's use; and blocked attempts.
         */
        public Tally tally() {
            return tally;
        }

        public Usage usage() {
            return usage;
        }

        public List<Finding> findings() {
            return findings;
        }

        /** The usage rows, by date, person and site: put in order once, when first asked for. */
        public List<UsageRow> usageRows() {
            if (usageRows == null) {
                usageRows = usage.rows();
            }
            return usageRows;
        }

        public List<RuleEngine.WindowSum> windows() {
            return rules.windows();
        }

        public List<String> warnings() {
            return rules.warnings();
        }
    }


    private record Batch(String source, long firstLine, LineReader.Lines lines) {
    }

    private record Done(Batch batch, Observation[] observed, BadLines bad, long challenges, long proxyErrors,
                        long countedBefore) {
    }

    /**
     * The lines of a run that are neither requests nor bad lines, and the blocked attempts: told, never dropped; and
     * the lines an earlier run of the source counted, skipped.
     */
    public record Tally(long challenges, long proxyErrors, long blocked, long countedBefore) {
    }

    /** Told after each batch how far a run has got: lines and bytes of the files (as stored, so gzip's) read. */
    public interface Progress {
        Progress NONE = (lines, bytes) -> { };

        void read(long lines, long bytes);
    }

    private final Settings settings;

    public Analyzer(Settings settings) {
        this.settings = settings;
    }

    public Result analyze(List<Path> inputs) {
        return analyze(inputs, Progress.NONE);
    }

    public Result analyze(List<Path> inputs, Progress progress) {
        return analyze(inputs, progress, List.of());
    }

    /**
     * Analyzes the next part of a stream: a request that comes within the idle time of a visit still going at the end
     * of the part before continues it, so the visit is counted once and its time connected is not counted twice.
     */
    public Result analyze(List<Path> inputs, Progress progress, List<Usage.VisitEnd> continuing) {
        Usage usage = new Usage(settings.calendar().zone(), settings.idleMillis());
        continuing.forEach(v -> usage.resume(v.person(), v.site(), v.end()));
        RuleEngine rules = new RuleEngine(settings.rules(), settings.categories(), settings.canonicalCategory(),
                settings.calendar(), settings.evidenceLines());
        BadLines bad = new BadLines(20);
        long[] tally = new long[5]; // and the number of the next observation, in input order
        long lines = 0;
        long bytesBefore = 0;
        ExecutorService workers = settings.threads() > 1 ? Executors.newFixedThreadPool(settings.threads() - 1, r -> {
            Thread t = new Thread(r, "steward-parse");
            t.setDaemon(true);
            return t;
        }) : null;
        ThreadLocal<Worker> worker = ThreadLocal.withInitial(Worker::new);
        try {
            for (Path input : inputs) {
                String source = input.getFileName().toString();
                boolean json = isJsonLines(input);
                ArrayDeque<Future<Done>> pending = new ArrayDeque<>();
                try (CountingInputStream counted = new CountingInputStream(Files.newInputStream(input));
                     LineReader reader = new LineReader(limited(gunzipped(counted), source,
                             settings.limits().maxExpandedBytes()), settings.limits().maxLineBytes())) {
                    long number = 0;
                    LineReader.Lines batch;
                    while ((batch = reader.read(BATCH)) != null) {
                        consume(submit(workers, worker, new Batch(source, number + 1, batch), json, pending), usage,
                                rules, bad, tally, pending, reader);
                        number += batch.size();
                        progress.read(lines + number, bytesBefore + counted.count());
                    }
                    while (!pending.isEmpty()) {
                        accept(get(pending.poll()), usage, rules, bad, tally, reader);
                    }
                    lines += number;
                    bytesBefore += counted.count();
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read " + input, e);
                }
            }
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
        usage.finish();
        return new Result(lines, bad, new Tally(tally[0], tally[1], tally[2], tally[3]), usage, rules);
    }

    private Done submit(ExecutorService workers, ThreadLocal<Worker> worker, Batch batch, boolean json,
                        ArrayDeque<Future<Done>> pending) {
        if (workers == null) {
            return worker.get().read(batch, json);
        }
        pending.add(workers.submit(() -> worker.get().read(batch, json)));
        return null;
    }

    private void consume(Done done, Usage usage, RuleEngine rules, BadLines bad, long[] tally,
                         ArrayDeque<Future<Done>> pending, LineReader reader) {
        if (done != null) {
            accept(done, usage, rules, bad, tally, reader);
        }
        while (pending.size() > settings.threads() * 3) {
            accept(get(pending.poll()), usage, rules, bad, tally, reader);
        }
    }

    private static Done get(Future<Done> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("A parser failed: " + e.getCause(), e.getCause());
        }
    }

    private static void accept(Done done, Usage usage, RuleEngine rules, BadLines bad, long[] tally,
                               LineReader reader) {
        bad.addAll(done.bad());
        tally[0] += done.challenges();
        tally[1] += done.proxyErrors();
        tally[3] += done.countedBefore();
        String source = done.batch().source();
        for (Observation o : done.observed()) {
            if (o != null) {
                tally[2] += ActivityState.count(o, source, usage, rules, tally[4]++);
            }
        }
        reader.recycle(done.batch().lines());
    }

    /** Parses, attributes and categorizes a batch; one per worker thread, with its own caches. */
    private final class Worker {
        private final LineObserver observer = new LineObserver(settings.categories(), settings.leases(),
                settings.limits().maxLineBytes());

        /** Requests of the batch to hosts not seen before: their site and categories are worked out after it. */
        private int[] newHosts = new int[BATCH];
        private int newHostCount;

        /**
         * A batch parsed, attributed and categorized. The hosts met for the first time are worked out apart from the
         * loop over lines, and called apart from it (not from it), so that the JIT compiles the loop without the
         * public suffix list and the category index inlined into it: they are large and their branches change as
         * new hosts come, which would make the JIT compile the whole loop again and again.
         */
        Done read(Batch batch, boolean json) {
            Done done = parse(batch, json);
            resolveNewHosts(done.observed(), json);
            return done;
        }

        private Done parse(Batch batch, boolean json) {
            LineReader.Lines lines = batch.lines();
            Observation[] observed = new Observation[lines.size()];
            if (newHosts.length < lines.size()) {
                newHosts = new int[lines.size()];
            }
            newHostCount = 0;
            BadLines bad = new BadLines(20);
            long challenges = 0;
            long proxyErrors = 0;
            long countedBefore = 0;
            LongPredicate counted = settings.countedBefore();
            byte[] bytes = lines.bytes();
            for (int i = 0; i < lines.size(); i++) {
                int start = lines.starts()[i];
                int end = lines.ends()[i];
                long number = batch.firstLine() + i;
                if (counted != null && counted.test(LineDigests.of(bytes, start, end))) {
                    countedBefore++;
                    continue;
                }
                Observation o = observer.observe(bytes, start, end, lines.marks()[i], json, number);
                if (o == null) {
                    switch (observer.rejected()) {
                        case CHALLENGE -> challenges++;
                        case PROXY_ERROR -> proxyErrors++;
                        case BAD -> bad(bad, batch.source(), number, text(bytes, start, end));
                    }
                    continue;
                }
                if (o.categories() == null) {
                    newHosts[newHostCount++] = i;
                }
                observed[i] = o;
            }
            return new Done(batch, observed, bad, challenges, proxyErrors, countedBefore);
        }

        private void bad(BadLines bad, String source, long number, String text) {
            if (observer.problemKind() == null) {
                bad.add(source, number, observer.problem(), text);
            } else {
                bad.add(source, number, observer.problemKind(), observer.problem(), text);
            }
        }

        /** Works out the site and categories of the hosts the batch met first, and keeps them for the lines to come. */
        private void resolveNewHosts(Observation[] observed, boolean json) {
            for (int k = 0; k < newHostCount; k++) {
                observed[newHosts[k]] = observer.resolve(observed[newHosts[k]], json);
            }
        }
    }

    private static String text(byte[] bytes, int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    /** Whether a log (gzip or not) holds Steward JSON lines: its first line with text starts with '{'. */
    public static boolean isJsonLines(Path input) {
        try (BufferedReader reader = open(input)) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    return line.stripLeading().startsWith("{");
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + input, e);
        }
    }

    /**
     * The distinct {@link LineDigests digests} of a log's lines (gunzipped if gzip), in order: what a run of it will
     * have counted, to tell a later log of the same source which of its lines were counted already.
     */
    public static LineDigests.OfLog lineDigests(Path input, Limits limits) {
        long[] digests = new long[1 << 12];
        int n = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean json = isJsonLines(input);
        JsonLineParser jsonParser = new JsonLineParser();
        try (LineReader reader = new LineReader(limited(gunzipped(Files.newInputStream(input)),
                input.getFileName().toString(), limits.maxExpandedBytes()), limits.maxLineBytes())) {
            LineReader.Lines batch;
            long number = 0;
            while ((batch = reader.read(BATCH)) != null) {
                for (int i = 0; i < batch.size(); i++) {
                    if (n == digests.length) {
                        digests = java.util.Arrays.copyOf(digests, n * 2);
                    }
                    int start = batch.starts()[i];
                    int end = batch.ends()[i];
                    digests[n++] = LineDigests.of(batch.bytes(), start, end);
                    number++;
                    long time = batch.marks()[i] != LineReader.WHOLE ? -1 : !json
                            ? SquidLineParser.timeOf(batch.bytes(), start, end)
                            : timeOf(jsonParser.parse(text(batch.bytes(), start, end), number));
                    if (time >= 0) {
                        first = Math.min(first, time);
                        last = Math.max(last, time);
                    }
                }
                reader.recycle(batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + input, e);
        }
        return new LineDigests.OfLog(java.util.Arrays.stream(digests, 0, n).sorted().distinct().toArray(),
                first == Long.MAX_VALUE ? null : java.time.Instant.ofEpochMilli(first),
                last == Long.MIN_VALUE ? null : java.time.Instant.ofEpochMilli(last));
    }

    /**
     * Hands each line of a log to {@code line} as a run reads it (gunzipped if gzip, without its \n or \r\n), with
     * {@code true} for a line longer than {@link Limits#maxLineBytes()}, of which only the first bytes are given: what
     * sends a log's lines elsewhere sends the very lines a run here would count. Returns the number of lines.
     */
    public static long eachLine(Path input, Limits limits, BiConsumer<byte[], Boolean> line) {
        try (LineReader reader = new LineReader(limited(gunzipped(Files.newInputStream(input)),
                input.getFileName().toString(), limits.maxExpandedBytes()), limits.maxLineBytes())) {
            long count = 0;
            LineReader.Lines batch;
            while ((batch = reader.read(BATCH)) != null) {
                for (int i = 0; i < batch.size(); i++) {
                    line.accept(java.util.Arrays.copyOfRange(batch.bytes(), batch.starts()[i], batch.ends()[i]),
                            batch.marks()[i] == LineReader.TOO_LONG);
                }
                count += batch.size();
                reader.recycle(batch);
            }
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + input, e);
        }
    }

    private static long timeOf(ActivityEvent event) {
        return event == null ? -1 : event.time();
    }

    /** The lines of a log file, gunzipped if it is gzip whatever its name. */
    static LineReader lines(Path input) throws IOException {
        return new LineReader(gunzipped(Files.newInputStream(input)), Limits.DEFAULT.maxLineBytes());
    }

    /** The stream, stopping the run with {@link TooLarge} past {@code max} bytes. */
    private static InputStream limited(InputStream in, String source, long max) {
        return new java.io.FilterInputStream(in) {
            private long read;

            @Override
            public int read() throws IOException {
                int b = super.read();
                count(b < 0 ? 0 : 1);
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, length);
                count(Math.max(0, n));
                return n;
            }

            private void count(int n) {
                read += n;
                if (read > max) {
                    throw new TooLarge(source + " is larger than " + max + " bytes once gunzipped, which is more"
                            + " than this server takes in one log");
                }
            }
        };
    }

    private static InputStream gunzipped(InputStream file) throws IOException {
        InputStream in = new BufferedInputStream(file, 1 << 16);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** A log file as text, gunzipped if it is gzip whatever its name. */
    static BufferedReader open(Path input) throws IOException {
        return new BufferedReader(new InputStreamReader(gunzipped(Files.newInputStream(input)),
                StandardCharsets.UTF_8));
    }

    /** Counts the bytes read through it, for {@link Progress}. */
    private static final class CountingInputStream extends java.io.FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
