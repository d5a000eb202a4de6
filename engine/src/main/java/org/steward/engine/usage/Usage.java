package org.steward.engine.usage;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.steward.engine.categories.CategorySet;

/**
 * Visits and time connected per person, site and day (Ceres II.D.5: "the Internet sites visited, the number of
 * times visited, and the total time connected to each site").
 *
 * <p>A request spans from its start (log time minus elapsed) to its end (log time). A visit is a run of requests
 * by one person to one site: a new visit starts when a request starts more than the idle time after the latest end
 * so far. Its time connected is its span, from its first request's start to its latest end, so overlapping requests
 * count once and the reading time between requests counts. A visit over midnight is split at midnight between the
 * two days' rows, and counts as a visit on the day it started. The state kept per person and site is two longs.
 */
public final class Usage {

    /** The visit of one person to one site that is still open: plain values a stream processor can keep. */
    public static final class OpenVisit {
        long start;
        long end;
        LocalDate day;
        Totals totals;

        OpenVisit(long start, long end) {
            this.start = start;
            this.end = end;
        }

        public long start() {
            return start;
        }

        public long end() {
            return end;
        }
    }

    private record PersonSite(String person, String site) {
    }

    private record DaySite(LocalDate date, String person, String site) {
    }

    static final class Totals {
        long visits;
        long millis;
        long requests;
        long elapsed;
        long bytes;
        /** The categories of the day's requests: nearly always one set, since they come from the host. */
        CategorySet categories = CategorySet.NONE;
        TreeSet<String> more;

        void add(CategorySet set) {
            if (set == categories || set.isEmpty()) {
                return;
            }
            if (categories.isEmpty()) {
                categories = set;
            } else {
                if (more == null) {
                    more = new TreeSet<>(categories.names());
                }
                more.addAll(set.names());
            }
        }

        String joined() {
            return more == null ? categories.joined() : String.join("|", more);
        }
    }

    private final long idleMillis;
    private final LocalDays days;
    private final Map<PersonSite, OpenVisit> open = new HashMap<>();
    private final Map<DaySite, Totals> totals = new HashMap<>();

    public Usage(ZoneId zone, long idleMillis) {
        this.days = new LocalDays(zone);
        this.idleMillis = idleMillis;
    }

    /** Counts a request; true when it starts a new visit. */
    public boolean add(String person, String site, long start, long end, long bytes, CategorySet categories) {
        PersonSite key = new PersonSite(person, site);
        OpenVisit visit = open.get(key);
        boolean newVisit;
        if (visit == null) {
            open.put(key, new OpenVisit(start, end));
            newVisit = true;
        } else if (start > visit.end + idleMillis) {
            close(key, visit);
            visit.start = start;
            visit.end = end;
            newVisit = true;
        } else {
            visit.start = Math.min(visit.start, start);
            visit.end = Math.max(visit.end, end);
            newVisit = false;
        }
        if (visit == null) {
            visit = open.get(key);
        }
        LocalDate date = days.dayOf(end);
        if (visit.day != date) {
            visit.day = date;
            visit.totals = totals(date, person, site);
        }
        Totals day = visit.totals;
        day.requests++;
        day.elapsed += end - start;
        day.bytes += bytes;
        day.add(categories);
        return newVisit;
    }

    /** Closes every open visit: the end of the input. */
    public void finish() {
        open.forEach(this::close);
        open.clear();
    }

    private void close(PersonSite key, OpenVisit visit) {
        LocalDate first = days.dayOf(visit.start);
        totals(first, key.person(), key.site()).visits++;
        long from = visit.start;
        LocalDate day = first;
        while (true) {
            long nextMidnight = days.dayEnd(from);
            long until = Math.min(visit.end, nextMidnight);
            totals(day, key.person(), key.site()).millis += until - from;
            if (visit.end <= nextMidnight) {
                break;
            }
            from = nextMidnight;
            day = day.plusDays(1);
        }
    }

    private Totals totals(LocalDate date, String person, String site) {
        return totals.computeIfAbsent(new DaySite(date, person, site), k -> new Totals());
    }

    /** The rows, by date, person and site. */
    public List<UsageRow> rows() {
        List<UsageRow> rows = new ArrayList<>(totals.size());
        totals.forEach((k, t) -> rows.add(new UsageRow(k.date(), k.person(), k.site(), t.visits, t.millis,
                t.requests, t.elapsed, t.bytes, t.joined())));
        rows.sort(Usage::byDatePersonSite);
        return rows;
    }

    private static int byDatePersonSite(UsageRow a, UsageRow b) {
        int c = a.date().compareTo(b.date());
        if (c == 0) {
            c = a.person().compareTo(b.person());
        }
        return c != 0 ? c : a.site().compareTo(b.site());
    }

    public int people() {
        return (int) totals.keySet().stream().map(DaySite::person).distinct().count();
    }

    public int sites() {
        return (int) totals.keySet().stream().map(DaySite::site).distinct().count();
    }
}
