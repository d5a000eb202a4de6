package org.steward.engine.rules;

import org.steward.engine.categories.CategorySet;
import org.steward.engine.events.ActivityEvent;

/**
 * An event with what the engine learned of it: the person it is attributed to (an account, or the address when
 * nobody could be named), its site and categories (web only), and whether it started a visit.
 */
public record Observation(ActivityEvent event, String person, String site, CategorySet categories,
                          boolean newVisit) {

    /** The same observation, known to start a visit to its site. */
    public Observation startingVisit() {
        return newVisit ? this : new Observation(event, person, site, categories, true);
    }
}
