package org.steward.engine.usage;

import java.time.LocalDate;

/**
 * One person's use of one site on one local day: visits begun that day, time connected that day, and SARG's own
 * figures (requests and the sum of their elapsed milliseconds) so the output can be checked against SARG.
 */
public record UsageRow(LocalDate date, String person, String site, long visits, long millisConnected,
                       long requests, long elapsedMs, long bytes, String categories) {

    public long secondsConnected() {
        return Math.round(millisConnected / 1000.0);
    }
}
