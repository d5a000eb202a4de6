package org.steward.engine.usage;

import java.time.LocalDate;

/**
 * One person's use of one site on one local day: visits begun that day, time connected that day, SARG's own
 * figures (allowed requests, the sum of their elapsed milliseconds, their bytes) so the output can be checked against
 * SARG, and the attempts the proxy or its filter blocked.
 */
public record UsageRow(LocalDate date, String person, String site, long visits, long millisConnected,
                       long requests, long elapsedMs, long bytes, long blocked, String categories) {

    public long secondsConnected() {
        return Math.round(millisConnected / 1000.0);
    }
}
