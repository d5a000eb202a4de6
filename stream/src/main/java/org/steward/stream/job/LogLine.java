package org.steward.stream.job;

/**
 * One line of a district's log as it came off Kafka. {@code source} names where it was read (the file's name, as a
 * shipper tells it in the record's {@code source} header, else the topic and partition) and {@code line} its number
 * there (the offset plus one); {@code position} orders the district's lines as the input holds them (the partition in
 * the high bits, the offset in the low), as the engine numbers the lines it reads; {@code time} is the time the line
 * reports (a request's end), the event time of the stream, {@code Long.MIN_VALUE} when the line tells none;
 * {@code cut} when the bytes are only the first of a line longer than the engine reads (the record's {@code cut}
 * header says so).
 */
public record LogLine(String district, String source, long line, long position, long time, byte[] bytes,
                      boolean cut) {

    /** Partitions of up to 2^40 records: an offset takes the low 40 bits of a position. */
    public static long position(int partition, long offset) {
        return (long) partition << 40 | offset;
    }
}
