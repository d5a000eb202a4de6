package org.steward.activity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Work running in the background that a page follows (a backtest, a re-apply): each by a new random id, while it
 * runs and for a while after; the oldest forgotten past a number. In memory: a restart forgets them, and what they
 * stored, if anything, says the rest.
 */
final class RecentJobs<J> {

    private final Map<String, J> jobs;

    RecentJobs(int kept) {
        this.jobs = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, J> eldest) {
                return size() > kept;
            }
        });
    }

    /** An id no job has had. */
    static String newId() {
        return UUID.randomUUID().toString();
    }

    void put(String id, J job) {
        jobs.put(id, job);
    }

    /** Moves a job on, if it is still remembered. */
    void update(String id, UnaryOperator<J> next) {
        jobs.computeIfPresent(id, (k, j) -> next.apply(j));
    }

    Optional<J> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }
}
