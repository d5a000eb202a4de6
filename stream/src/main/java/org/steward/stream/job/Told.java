package org.steward.stream.job;

/**
 * What the job tells: a usage row that is final, a finding (as soon as its window reaches its rule's threshold, then
 * again when the window closes), or a line it could not count. {@code key} identifies what is told, so that telling it
 * again (after a failure, a replay from the last checkpoint) replaces what was told and adds nothing: the row's date,
 * person and site; the finding's rule, person and window start; the bad line's source and number. {@code json} is the
 * row or the finding as {@link org.steward.engine.JsonRecords} writes it, or the bad line's reason and text.
 */
public record Told(Kind kind, State state, String district, String key, String json) {

    public enum Kind {
        USAGE, FINDING, BAD_LINE,
        /** A district's changed setup, applied by a task (FINAL) or refused (WITHDRAWN, the json says why). */
        SETUP
    }

    /** How far along what is told is: a finding is open until its window closes; a closed one that fell short is withdrawn. */
    public enum State {
        OPEN, FINAL, WITHDRAWN
    }
}
