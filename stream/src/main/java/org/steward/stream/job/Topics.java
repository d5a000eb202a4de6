package org.steward.stream.job;

/**
 * The job's Kafka topics: one of log lines per district ({@code steward.lines.<district>}, a partition per proxy or
 * log), and one for each kind of result, keyed by district and what is told.
 */
public final class Topics {

    public static final String LINES_PREFIX = "steward.lines.";
    public static final String USAGE = "steward.usage";
    public static final String FINDINGS = "steward.findings";
    public static final String BAD_LINES = "steward.bad-lines";

    private Topics() {
    }

    public static String lines(String district) {
        return LINES_PREFIX + district;
    }

    /** The district whose lines a topic holds. */
    static String district(String topic) {
        return topic.startsWith(LINES_PREFIX) ? topic.substring(LINES_PREFIX.length()) : topic;
    }
}
