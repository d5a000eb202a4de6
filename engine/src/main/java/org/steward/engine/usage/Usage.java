package org.steward.engine.usage;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
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
 * two days' rows, and counts as a visit on the day it started.
 *
 * <p>The state is kept per person, then per site, then per day, so a request costs two lookups and allocates
 * nothing once the person has been to the site that day. The state of a person and site is plain values (the open
 * visit's start and end, the day's sums), which a stream processor's keyed state can hold.
 */
public final class Usage {

    /** One person's requests per local hour of each day, for the hour-of-day chart. */
    private static final class PersonHours {
        final String person;
        final List<long[]> days = new ArrayList<>(2);
        /** The days of {@link #days}, in the same order: the order they came in, nearly always by date. */
        long[] epochDays = new long[2];
        long currentDay = Long.MIN_VALUE;
        long[] current;

        PersonHours(String person) {
            this.person = person;
        }

        void count(long epochDay, int hour) {
            if (epochDay != currentDay) {
                int at = days.size() - 1;
                while (at >= 0 && epochDays[at] != epochDay) {
                    at--;
                }
                if (at < 0) {
                    if (days.size() == epochDays.length) {
                        epochDays = Arrays.copyOf(epochDays, epochDays.length * 2);
                    }
                    epochDays[days.size()] = epochDay;
                    days.add(new long[24]);
                    at = days.size() - 1;
                }
                currentDay = epochDay;
                current = days.get(at);
            }
            current[hour]++;
        }
    }

    /** One person's use of one site: the open visit and the sums of each day. */
    private static final class SiteUse {
        final String person;
        final String site;
        final int hash;
        PersonHours hours;
        boolean open;
        /** The open visit began in an earlier part of the stream, where it was counted up to {@link #start}. */
        boolean resumed;
        long start;
        long end;
        /** The days' sums in the order the days came, nearly always by date. */
        final List<Totals> days = new ArrayList<>(2);
        Totals current;

        SiteUse(String person, String site, int hash) {
            this.person = person;
            this.site = site;
            this.hash = hash;
        }

        boolean is(String person, String site) {
            return (this.person == person || this.person.equals(person))
                    && (this.site == site || this.site.equals(site));
        }

        Totals day(long epochDay) {
            if (current != null && current.epochDay == epochDay) {
                return current;
            }
            for (int i = days.size() - 1; i >= 0; i--) {
                if (days.get(i).epochDay == epochDay) {
                    return days.get(i);
                }
            }
            Totals created = new Totals(epochDay);
            days.add(created);
            return created;
        }
    }

    /** A day's sums for one person and site. */
    private static final class Totals {
        final long epochDay;
        long visits;
        long millis;
        long requests;
        long elapsed;
        long bytes;
        /** The categories of the day's requests: nearly always one set, since they come from the host. */
        CategorySet categories = CategorySet.NONE;
        TreeSet<String> more;

        Totals(long epochDay) {
            this.epochDay = epochDay;
        }

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
    /** Open addressing by person and site: one probe a request, and no key object made for it. */
    private SiteUse[] uses = new SiteUse[1 << 12];
    private final Map<String, PersonHours> hours = new HashMap<>();
    private int size;

    public Usage(ZoneId zone, long idleMillis) {
        this.days = new LocalDays(zone);
        this.idleMillis = idleMillis;
    }

    /** Counts a request; true when it starts a new visit. */
    public boolean add(String person, String site, long start, long end, long bytes, CategorySet categories) {
        SiteUse use = use(person, site);
        boolean newVisit;
        if (!use.open) {
            use.open = true;
            use.start = start;
            use.end = end;
            newVisit = true;
        } else if (start > use.end + idleMillis) {
            close(use);
            use.open = true;
            use.start = start;
            use.end = end;
            newVisit = true;
        } else if (use.resumed) {
            // the visit goes on from where the earlier part counted it to
            use.end = Math.max(use.end, end);
            newVisit = false;
        } else {
            use.start = Math.min(use.start, start);
            use.end = Math.max(use.end, end);
            newVisit = false;
        }
        long epochDay = epochDay(end);
        Totals day = use.day(epochDay);
        use.hours.count(epochDay, (int) Math.min(23, (end - days.dayStart(end)) / 3_600_000));
        if (use.current != day) {
            use.current = day; // written only on a change: an old object pointing to a young one costs the GC
        }
        day.requests++;
        day.elapsed += end - start;
        day.bytes += bytes;
        day.add(categories);
        return newVisit;
    }

    private SiteUse use(String person, String site) {
        int hash = person.hashCode() * 31 + site.hashCode();
        int mask = uses.length - 1;
        int slot = spread(hash) & mask;
        while (true) {
            SiteUse use = uses[slot];
            if (use == null) {
                use = new SiteUse(person, site, hash);
                use.hours = hours.computeIfAbsent(person, PersonHours::new);
                uses[slot] = use;
                if (++size > uses.length / 2) {
                    grow();
                }
                return use;
            }
            if (use.hash == hash && use.is(person, site)) {
                return use;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        SiteUse[] old = uses;
        uses = new SiteUse[old.length * 2];
        int mask = uses.length - 1;
        for (SiteUse use : old) {
            if (use != null) {
                int slot = spread(use.hash) & mask;
                while (uses[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                uses[slot] = use;
            }
        }
    }

    private static int spread(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        return hash ^ (hash >>> 13);
    }

    /** Closes every open visit: the end of the input. */
    /** A person's latest request end at a site, which a visit in the next part of a stream may continue from. */
    public record VisitEnd(String person, String site, long end) {
    }

    /**
     * A visit of the person to the site that was still going at {@code end}, the end of an earlier part of the same
     * stream, and was counted there up to then: a request within the idle time continues it.
     */
    public void resume(String person, String site, long end) {
        SiteUse use = use(person, site);
        use.open = true;
        use.resumed = true;
        use.start = end;
        use.end = end;
    }

    /** Each person's latest end at each site: the visits a next part of the stream may continue. */
    public List<VisitEnd> visitEnds() {
        List<VisitEnd> ends = new ArrayList<>();
        for (SiteUse use : uses) {
            if (use != null && !use.days.isEmpty()) {
                ends.add(new VisitEnd(use.person, use.site, use.end));
            }
        }
        return ends;
    }

    public void finish() {
        for (SiteUse use : uses) {
            if (use != null && use.open) {
                close(use);
            }
        }
    }

    private void close(SiteUse use) {
        use.open = false;
        long from = use.start;
        long day = epochDay(from);
        if (use.resumed) {
            use.resumed = false;
            if (use.end <= from) {
                return; // nothing of it in this part
            }
        } else {
            use.day(day).visits++;
        }
        while (true) {
            long nextMidnight = days.startOfDay(day + 1);
            long until = Math.min(use.end, nextMidnight);
            use.day(day).millis += until - from;
            if (use.end <= nextMidnight) {
                break;
            }
            from = nextMidnight;
            day++;
        }
    }

    private long epochDay(long millis) {
        return days.epochDay(millis);
    }

    /** The rows, by date, person and site. */
    public List<UsageRow> rows() {
        Map<String, List<SiteUse>> byPerson = new HashMap<>();
        for (SiteUse use : uses) {
            if (use != null) {
                byPerson.computeIfAbsent(use.person, p -> new ArrayList<>()).add(use);
            }
        }
        TreeMap<Long, List<UsageRow>> byDay = new TreeMap<>();
        int count = 0;
        for (String person : new TreeSet<>(byPerson.keySet())) {
            List<SiteUse> sites = byPerson.get(person);
            sites.sort(Comparator.comparing(use -> use.site));
            for (SiteUse use : sites) {
                for (Totals t : use.days) {
                    List<UsageRow> day = byDay.get(t.epochDay);
                    if (day == null) {
                        day = new ArrayList<>();
                        byDay.put(t.epochDay, day);
                    }
                    LocalDate date = day.isEmpty() ? LocalDate.ofEpochDay(t.epochDay) : day.get(0).date();
                    day.add(new UsageRow(date, person, use.site, t.visits, t.millis, t.requests, t.elapsed,
                            t.bytes, t.joined()));
                    count++;
                }
            }
        }
        List<UsageRow> rows = new ArrayList<>(count);
        byDay.values().forEach(rows::addAll);
        return rows;
    }

    /** Requests per local hour (0 to 23) of each person's days, by date and person. */
    public List<HourRow> hours() {
        List<HourRow> rows = new ArrayList<>();
        for (PersonHours person : hours.values()) {
            for (int i = 0; i < person.days.size(); i++) {
                rows.add(new HourRow(LocalDate.ofEpochDay(person.epochDays[i]), person.person,
                        person.days.get(i).clone()));
            }
        }
        rows.sort(Comparator.comparing(HourRow::date).thenComparing(HourRow::person));
        return rows;
    }

    /**
     * A person's requests in each hour since local midnight, by when they ended; on the day the clocks go back the
     * twenty-fifth hour counts in the last.
     */
    public record HourRow(LocalDate date, String person, long[] requests) {
    }

    public int people() {
        return hours.size();
    }

    public int sites() {
        return (int) Arrays.stream(uses).filter(Objects::nonNull).map(u -> u.site).distinct().count();
    }
}
