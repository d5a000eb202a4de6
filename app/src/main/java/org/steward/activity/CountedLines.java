package org.steward.activity;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.engine.LineDigests;

/**
 * The digests of the lines each run of a source read, so that a line is counted once per source whichever file
 * brings it. A run's digests are kept as one value (8 bytes each, in order) with the span of the lines' times; a new
 * run of the source reads only those of runs whose times overlap its own, and intersects them with its own in one
 * pass. A million lines are 8 MB, written as one row.
 */
@Component
class CountedLines {

    private final JdbcClient jdbc;

    CountedLines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The digests of this log (in order) that an earlier run of the source read, in order. */
    long[] before(long sourceId, LineDigests.OfLog log) {
        return before(sourceId, log, Long.MAX_VALUE);
    }

    /**
     * The digests of this log (in order) that a run of the source before run {@code runId} read: the lines a run
     * skipped when it was ingested, as a re-apply counts it again.
     */
    long[] before(long sourceId, LineDigests.OfLog log, long runId) {
        if (log.digests().length == 0) {
            return new long[0];
        }
        List<byte[]> earlier = log.first() == null
                ? jdbc.sql("select digests from activity_run_lines where source_id = ? and run_id < ?")
                .params(sourceId, runId).query(byte[].class).list()
                : jdbc.sql("select digests from activity_run_lines where source_id = ? and run_id < ? "
                        + "and (first_at is null or (first_at <= ? and last_at >= ?))")
                .params(sourceId, runId, Timestamp.from(log.last()), Timestamp.from(log.first()))
                .query(byte[].class).list();
        long[] mine = log.digests();
        boolean[] seen = new boolean[mine.length];
        for (byte[] value : earlier) {
            ByteBuffer theirs = ByteBuffer.wrap(value);
            int i = 0;
            while (theirs.remaining() >= 8 && i < mine.length) {
                long d = theirs.getLong(theirs.position());
                if (d < mine[i]) {
                    theirs.position(theirs.position() + 8);
                } else if (d > mine[i]) {
                    i++;
                } else {
                    seen[i++] = true;
                    theirs.position(theirs.position() + 8);
                }
            }
        }
        int n = 0;
        long[] counted = new long[mine.length];
        for (int i = 0; i < mine.length; i++) {
            if (seen[i]) {
                counted[n++] = mine[i];
            }
        }
        return Arrays.copyOf(counted, n);
    }

    /** Keeps the digests of the lines a run read; called in the transaction that stores what it counted. */
    void keep(long runId, long sourceId, LineDigests.OfLog log) {
        ByteBuffer value = ByteBuffer.allocate(log.digests().length * 8);
        for (long d : log.digests()) {
            value.putLong(d);
        }
        jdbc.sql("insert into activity_run_lines (run_id, source_id, first_at, last_at, digests) values (?, ?, ?, ?, ?)")
                .params(runId, sourceId, timestamp(log.first()), timestamp(log.last()), value.array()).update();
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
