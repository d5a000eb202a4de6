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
    /** Districts' setups, as the app writes them when a district changes its rules, lists or calendar. */
    public static final String SETUPS = "steward.setups";
    /** Each task's word on each setup: applied, or refused and why. */
    public static final String SETUPS_TOLD = "steward.setups.told";

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
