package org.steward.engine.rules;

import java.util.List;
import java.util.Map;

/**
 * One rule broken by one person within one window: the clauses it breaks, when it started and last happened, how
 * much, and the first evidence lines as they appeared in the input.
 */
public record Finding(String rule, String title, Rule.Severity severity, Map<String, String> clauses, String person,
                      long windowStart, long first, long last, long count, long measured, List<Evidence> evidence) {

    /** A line of input that the finding rests on. */
    public record Evidence(String source, long line, String text) {
    }
}
