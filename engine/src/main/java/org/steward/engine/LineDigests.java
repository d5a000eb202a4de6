package org.steward.engine;

import com.google.common.hash.Hashing;

/**
 * A line's identity for counting it once per source: the first 64 bits of its bytes' MurmurHash3 (128-bit), line end
 * not included. Two lines alike to the byte are one line; two different lines share a digest once in about 2^64 / n
 * pairs, so in a source's year of a billion lines a line is wrongly taken for one counted before with a chance of a
 * few in a hundred (told as "counted before" on the run's page).
 */
public final class LineDigests {

    private LineDigests() {
    }

    /**
     * A log's distinct line digests, in order, and the span of the times its lines were logged (null when none has
     * one): two logs can share a line only where these spans overlap.
     */
    public record OfLog(long[] digests, java.time.Instant first, java.time.Instant last) {
    }

    public static long of(byte[] bytes, int start, int end) {
        return Hashing.murmur3_128().hashBytes(bytes, start, end - start).asLong();
    }
}
