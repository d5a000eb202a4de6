package org.steward.engine.usage;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.steward.engine.categories.CategorySet;

/**
 * Visits and time connected per person, site and day (Ceres II.D.5: "the Internet sites visited, the number of
 * times visited, and the total time connected to each site").
 *
 * <p>A request spans from its start (log time minus elapsed) to its end (log time). A visit is a run of requests
 * by one person to one site, each starting no more than the idle time after the latest end of those before it (in
 * order of their starts). Its time connected is its span, from its first request's start to its latest end, so
 * overlapping requests count once and the reading time between requests counts. A visit over midnight is split at
 * midnight between the two days' rows, and counts as a visit on the day it started. Only allowed requests make
 * visits; blocked attempts are counted in a column of their own (docs/activity-rules.md).
 *
 * <p>Visits do not depend on the order of the lines: Squid writes a line when a request ends, so a long tunnel comes
 * after the short requests it covers. A person's visits to a site are kept open (their span only) until the input
 * ends, and a request that comes late joins, and may join together, the visits its span touches. Only then are visits
 * and time connected counted into the day rows. A later part of a stream continues what an earlier part counted
 * ({@link #resume}): the time before the earlier part's latest end is not counted again.
 *
 * <p>The state is plain values, which a stream processor's keyed state can hold: per person and site (a "use") its
 * open visits and the time counted up to, per use and day (a "row") the day's sums, and per visit its span. They are
 * kept in parallel arrays indexed by number, in the order first met, rather than as an object each: a district's
 * year holds millions of them, which as objects the garbage collector would copy again and again while they are young
 * and then track as old objects pointing to young ones. A request costs one probe of a table by person and site, and
 * allocates nothing once the person has been to the site that day.
 */
public final class Usage {

    private static final int NONE = -1;
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
            day(epochDay)[hour]++;
        }

        /** The counts of a day's hours, made when new. */
        long[] day(long epochDay) {
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
            return current;
        }
    }

    private final long idleMillis;
    private final LocalDays localDays;
    private final Map<String, PersonHours> hours = new HashMap<>();

    // Uses, by number.
    private int uses;
    private String[] usePerson;
    private String[] useSite;
    private int[] useHash;
    private PersonHours[] useHours;
    /** The use's open visits, the latest-starting first, linked by {@link #visitBefore}; NONE when it has none. */
    private int[] useVisit;
    /** The time up to which an earlier part of the stream counted the use's time connected; MIN_VALUE when none. */
    private long[] useCountedTo;
    /** The latest end of any of the use's requests. */
    private long[] useLatestEnd;
    /** The row of the day the use was last counted in, or NONE. */
    private int[] latestRow;
    /** Open addressing by person and site: a use's number plus one, 0 where free. */
    private int[] slots;

    // Open visits, by number; a closed visit's number is used again (a list of free ones through visitBefore).
    private int visitCount;
    private int freeVisit = NONE;
    private long[] visitStart;
    private long[] visitEnd;
    /** The use's visit that started before this one, or NONE. */
    private int[] visitBefore;
    /** Begun in an earlier part of the stream, and counted as a visit there. */
    private boolean[] visitCounted;
    /**
     * The id of the request that opened the visit, NO_REQUEST when none was given: its earliest start, and of
     * requests starting at once the lowest id, so that the opener does not depend on the order requests come in.
     */
    private long[] visitOpener;
    /** The requests that opened a visit and no longer do, since {@link #unopened} was last asked. */
    private long[] unopened = new long[16];
    private int unopenedCount;

    // Rows, by number.
    private int rows;
    private int[] rowUse;
    private long[] rowDay;
    /** The row of the same use made before this one, or NONE: a use's rows are a list from its latest. */
    private int[] rowBefore;
    private long[] rowVisits;
    private long[] rowMillis;
    private long[] rowRequests;
    private long[] rowElapsed;
    private long[] rowBytes;
    private long[] rowBlocked;
    /** The categories of the day's requests: nearly always one set, since they come from the host. */
    private CategorySet[] rowCategories;
    /** The rows whose requests came with more than one set of categories, and the names of them all. */
    private Map<Integer, TreeSet<String>> mixedCategories = new HashMap<>();

    /** Usage of a whole input, sized for a district's. */
    public Usage(ZoneId zone, long idleMillis) {
        this(zone, idleMillis, 1 << 10);
    }

    /**
     * Usage sized for {@code capacity} uses, rows and open visits to start with (it grows as needed): a stream job
     * keeps one per person, who uses tens of sites a day where a district's input has hundreds of thousands of uses.
     */
    public Usage(ZoneId zone, long idleMillis, int capacity) {
        this(new LocalDays(zone), idleMillis, capacity);
    }

    /**
     * The same, with the days of a zone worked out by {@code days}, which caches them (32 KiB): a stream task's
     * people share one, on the task's thread.
     */
    public Usage(LocalDays days, long idleMillis, int capacity) {
        this.localDays = days;
        this.idleMillis = idleMillis;
        int n = Math.max(2, capacity);
        usePerson = new String[n];
        useSite = new String[n];
        useHash = new int[n];
        useHours = new PersonHours[n];
        useVisit = new int[n];
        useCountedTo = new long[n];
        useLatestEnd = new long[n];
        latestRow = new int[n];
        slots = new int[Integer.highestOneBit(n) << 2];
        visitStart = new long[n];
        visitEnd = new long[n];
        visitBefore = new int[n];
        visitCounted = new boolean[n];
        visitOpener = new long[n];
        rowUse = new int[n];
        rowDay = new long[n];
        rowBefore = new int[n];
        rowVisits = new long[n];
        rowMillis = new long[n];
        rowRequests = new long[n];
        rowElapsed = new long[n];
        rowBytes = new long[n];
        rowBlocked = new long[n];
        rowCategories = new CategorySet[n];
    }

    /** Tells the request apart from others when a later one joins their visits: see {@link #unopened}. */
    public static final long NO_REQUEST = -1;

    /** Counts an allowed request; true when it starts a visit of its own (so far: a later line may join it to one). */
    public boolean add(String person, String site, long start, long end, long bytes, CategorySet categories) {
        return add(person, site, start, end, bytes, categories, NO_REQUEST);
    }

    /**
     * The same for a request the caller numbers: when a later request joins visits together, or opens a visit
     * earlier than the request that opened it so far, the requests that opened a visit and no longer do are in
     * {@link #unopened}, for whoever counted visits by the requests that opened them (a rule's visits measure).
     */
    public boolean add(String person, String site, long start, long end, long bytes, CategorySet categories,
                       long request) {
        int use = use(person, site);
        boolean newVisit = visit(use, start, end, request);
        int row = row(use, end, categories);
        useHours[use].count(localDays.epochDay(end), (int) Math.min(23, localDays.millisIntoDay(end) / 3_600_000));
        rowRequests[row]++;
        rowElapsed[row] += end - start;
        rowBytes[row] += bytes;
        return newVisit;
    }

    /** Counts an attempt the proxy or its filter refused: no visit and no time connected, a blocked attempt. */
    public void blocked(String person, String site, long time, CategorySet categories) {
        int row = row(use(person, site), time, categories); // first: making a row may grow the arrays
        rowBlocked[row]++;
    }

    /** The row of the day of {@code end}, with the request's categories added. */
    private int row(int use, long end, CategorySet categories) {
        int row = row(use, localDays.epochDay(end));
        if (categories != rowCategories[row] && !categories.isEmpty()) {
            addCategories(row, categories);
        }
        return row;
    }

    /**
     * Adds a request's span to the use's open visits; true when it touches none of them. In log order a request
     * extends the latest visit or starts one after it; one that comes late may fall between visits, or join several.
     */
    private boolean visit(int use, long start, long end, long request) {
        useLatestEnd[use] = Math.max(useLatestEnd[use], end);
        long countedTo = useCountedTo[use];
        if (start < countedTo) {
            if (end <= countedTo) {
                return false; // all of it within what an earlier part counted
            }
            start = countedTo;
        }
        int latest = useVisit[use];
        if (latest != NONE && (start > visitStart[latest]
                || start == visitStart[latest] && !opensBefore(request, visitOpener[latest]))) {
            if (start <= visitEnd[latest] + idleMillis) {
                visitEnd[latest] = Math.max(visitEnd[latest], end);
                return false;
            }
            useVisit[use] = newVisit(start, end, latest, false, request);
            return true;
        }
        return joinLate(use, start, end, request);
    }

    /**
     * A request starting before the use's latest visit: it joins every visit its span touches (they are a run of
     * the list, which is ordered by start and whose visits are more than the idle time apart), or is a visit of its
     * own where none is.
     */
    private boolean joinLate(int use, long start, long end, long request) {
        int after = NONE; // the visit before which the run, or the new visit, stands in the list
        int v = useVisit[use];
        while (v != NONE && visitStart[v] > end + idleMillis) {
            after = v;
            v = visitBefore[v];
        }
        if (v == NONE || visitEnd[v] + idleMillis < start) {
            int visit = newVisit(start, end, v, false, request);
            link(use, after, visit);
            return true;
        }
        int joined = v;
        visitEnd[joined] = Math.max(visitEnd[joined], end);
        for (int w = visitBefore[joined]; w != NONE && visitEnd[w] + idleMillis >= Math.min(visitStart[joined],
                start); ) {
            int before = visitBefore[w];
            // the earlier-starting visit's opener opens the joined one; the later one's opens nothing now
            unopen(visitOpener[joined]);
            visitOpener[joined] = visitOpener[w];
            visitStart[joined] = Math.min(visitStart[joined], visitStart[w]);
            visitEnd[joined] = Math.max(visitEnd[joined], visitEnd[w]);
            visitCounted[joined] |= visitCounted[w];
            visitBefore[joined] = before;
            free(w);
            w = before;
        }
        if (start < visitStart[joined] || start == visitStart[joined] && opensBefore(request, visitOpener[joined])) {
            // the request starts before every request of the visit: it opens it now
            unopen(visitOpener[joined]);
            visitOpener[joined] = request;
            visitStart[joined] = start;
            return !visitCounted[joined];
        }
        return false;
    }

    /**
     * Of two requests starting at once, the one with the lower id opens their visit. The analyzer numbers requests
     * in input order, so there the first one read does; a stream job, where lines of one person from several
     * partitions come interleaved, numbers them by their place in the input and gets the same opener.
     */
    private static boolean opensBefore(long request, long opener) {
        return request != NO_REQUEST && opener != NO_REQUEST && request < opener;
    }

    private void unopen(long request) {
        if (request == NO_REQUEST) {
            return;
        }
        if (unopenedCount == unopened.length) {
            unopened = Arrays.copyOf(unopened, unopenedCount * 2);
        }
        unopened[unopenedCount++] = request;
    }

    /**
     * The requests that opened a visit and, since last asked, no longer do: their visit was joined to an earlier one,
     * or a request that came late starts before them. Emptied by asking.
     */
    public long[] unopened() {
        if (unopenedCount == 0) {
            return EMPTY;
        }
        long[] given = Arrays.copyOf(unopened, unopenedCount);
        unopenedCount = 0;
        return given;
    }

    /** Whether {@link #unopened} has something to tell. */
    public boolean hasUnopened() {
        return unopenedCount > 0;
    }

    private static final long[] EMPTY = new long[0];

    private void link(int use, int after, int visit) {
        if (after == NONE) {
            useVisit[use] = visit;
        } else {
            visitBefore[after] = visit;
        }
    }

    private int newVisit(long start, long end, int before, boolean counted, long opener) {
        int v;
        if (freeVisit != NONE) {
            v = freeVisit;
            freeVisit = visitBefore[v];
        } else {
            if (visitCount == visitStart.length) {
                int capacity = visitCount * 2;
                visitStart = Arrays.copyOf(visitStart, capacity);
                visitEnd = Arrays.copyOf(visitEnd, capacity);
                visitBefore = Arrays.copyOf(visitBefore, capacity);
                visitCounted = Arrays.copyOf(visitCounted, capacity);
                visitOpener = Arrays.copyOf(visitOpener, capacity);
            }
            v = visitCount++;
        }
        visitOpener[v] = opener;
        visitStart[v] = start;
        visitEnd[v] = end;
        visitBefore[v] = before;
        visitCounted[v] = counted;
        return v;
    }

    private void free(int visit) {
        visitBefore[visit] = freeVisit;
        freeVisit = visit;
    }

    private void addCategories(int row, CategorySet categories) {
        if (rowCategories[row].isEmpty()) {
            rowCategories[row] = categories;
        } else {
            mixedCategories.computeIfAbsent(row, r -> new TreeSet<>(rowCategories[r].names()))
                    .addAll(categories.names());
        }
    }

    /** The number of the person's use of the site, made when new. */
    private int use(String person, String site) {
        int hash = person.hashCode() * 31 + site.hashCode();
        int mask = slots.length - 1;
        for (int slot = spread(hash) & mask; ; slot = (slot + 1) & mask) {
            int use = slots[slot] - 1;
            if (use == NONE) {
                return newUse(slot, person, site, hash);
            }
            if (useHash[use] == hash && (usePerson[use] == person || usePerson[use].equals(person))
                    && (useSite[use] == site || useSite[use].equals(site))) {
                return use;
            }
        }
    }

    private int newUse(int slot, String person, String site, int hash) {
        if (uses == usePerson.length) {
            int capacity = uses * 2;
            usePerson = Arrays.copyOf(usePerson, capacity);
            useSite = Arrays.copyOf(useSite, capacity);
            useHash = Arrays.copyOf(useHash, capacity);
            useHours = Arrays.copyOf(useHours, capacity);
            useVisit = Arrays.copyOf(useVisit, capacity);
            useCountedTo = Arrays.copyOf(useCountedTo, capacity);
            useLatestEnd = Arrays.copyOf(useLatestEnd, capacity);
            latestRow = Arrays.copyOf(latestRow, capacity);
        }
        int use = uses++;
        usePerson[use] = person;
        useSite[use] = site;
        useHash[use] = hash;
        useHours[use] = hours.computeIfAbsent(person, PersonHours::new);
        useVisit[use] = NONE;
        useCountedTo[use] = Long.MIN_VALUE;
        useLatestEnd[use] = Long.MIN_VALUE;
        latestRow[use] = NONE;
        slots[slot] = use + 1;
        if (uses > slots.length / 2) {
            slots = new int[slots.length * 2];
            rehash();
        }
        return use;
    }

    /** Puts every use in {@link #slots} again. */
    private void rehash() {
        Arrays.fill(slots, 0);
        int mask = slots.length - 1;
        for (int u = 0; u < uses; u++) {
            int s = spread(useHash[u]) & mask;
            while (slots[s] != 0) {
                s = (s + 1) & mask;
            }
            slots[s] = u + 1;
        }
    }

    private static int spread(int hash) {
        hash ^= hash >>> 16;
        hash *= 0x85ebca6b;
        return hash ^ (hash >>> 13);
    }

    /** The row of the use's day, made when new. */
    private int row(int use, long epochDay) {
        int latest = latestRow[use];
        for (int row = latest; row != NONE; row = rowBefore[row]) {
            if (rowDay[row] == epochDay) {
                return row;
            }
        }
        if (rows == rowUse.length) {
            int capacity = rows * 2;
            rowUse = Arrays.copyOf(rowUse, capacity);
            rowDay = Arrays.copyOf(rowDay, capacity);
            rowBefore = Arrays.copyOf(rowBefore, capacity);
            rowVisits = Arrays.copyOf(rowVisits, capacity);
            rowMillis = Arrays.copyOf(rowMillis, capacity);
            rowRequests = Arrays.copyOf(rowRequests, capacity);
            rowElapsed = Arrays.copyOf(rowElapsed, capacity);
            rowBytes = Arrays.copyOf(rowBytes, capacity);
            rowBlocked = Arrays.copyOf(rowBlocked, capacity);
            rowCategories = Arrays.copyOf(rowCategories, capacity);
        }
        int row = rows++;
        rowUse[row] = use;
        rowDay[row] = epochDay;
        rowBefore[row] = latest;
        rowCategories[row] = CategorySet.NONE;
        latestRow[use] = row;
        return row;
    }

    /** A person's latest request end at a site, which a visit in the next part of a stream may continue from. */
    public record VisitEnd(String person, String site, long end) {
    }

    /**
     * A visit of the person to the site that was still going at {@code end}, the end of an earlier part of the same
     * stream, and was counted there up to then: a request within the idle time continues it, and no time before
     * {@code end} is counted again.
     */
    public void resume(String person, String site, long end) {
        int use = use(person, site);
        useCountedTo[use] = Math.max(useCountedTo[use], end);
        useLatestEnd[use] = Math.max(useLatestEnd[use], end);
        useVisit[use] = newVisit(end, end, useVisit[use], true, NO_REQUEST);
    }

    /** Each person's latest end at each site: the visits a next part of the stream may continue. */
    public List<VisitEnd> visitEnds() {
        List<VisitEnd> ends = new ArrayList<>();
        for (int use = 0; use < uses; use++) {
            if (latestRow[use] != NONE && useLatestEnd[use] != Long.MIN_VALUE) {
                ends.add(new VisitEnd(usePerson[use], useSite[use], useLatestEnd[use]));
            }
        }
        return ends;
    }

    /** Closes every open visit and counts it into the rows: the end of the input. */
    public void finish() {
        for (int use = 0; use < uses; use++) {
            for (int v = useVisit[use]; v != NONE; ) {
                int before = visitBefore[v];
                close(use, v);
                free(v);
                v = before;
            }
            useVisit[use] = NONE;
        }
    }

    // The usage of a stream, counted as its requests come: what a stream job keeps per person (stream/, docs/scale.md).

    /**
     * Closes, and counts into the rows, the open visits no request starting at {@code time} or later can join: those
     * that ended more than the idle time before it. A stream job calls this as its watermark (the start before which
     * no more requests come) passes. A use's visits end in the order they start, so those closed are the earliest.
     */
    public void closeBefore(long time) {
        for (int use = 0; use < uses; use++) {
            int after = NONE;
            int v = useVisit[use];
            while (v != NONE && visitEnd[v] + idleMillis >= time) {
                after = v;
                v = visitBefore[v];
            }
            if (v == NONE) {
                continue;
            }
            if (after == NONE) {
                useVisit[use] = NONE;
            } else {
                visitBefore[after] = NONE;
            }
            while (v != NONE) {
                int before = visitBefore[v];
                close(use, v);
                free(v);
                v = before;
            }
        }
    }

    /**
     * The rows no request to come can change, taken out of the usage: those of days that ended by {@code time} (a
     * request starting then or later ends later) whose use has no open visit begun before the day's end (its time
     * connected is counted when it closes). Uses left with neither rows nor open visits are forgotten, so a person's
     * usage empties once they have stopped for a night. Call {@link #closeBefore} with the same time first. By date,
     * person and site.
     */
    public List<UsageRow> takeEnded(long time) {
        boolean[] taken = new boolean[rows];
        List<UsageRow> ended = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            long dayEnd = localDays.startOfDay(rowDay[row] + 1);
            if (dayEnd <= time && !openBefore(rowUse[row], dayEnd)) {
                taken[row] = true;
                ended.add(row(LocalDate.ofEpochDay(rowDay[row]), rowUse[row], row));
            }
        }
        if (ended.isEmpty()) {
            return List.of();
        }
        ended.sort(Comparator.comparing(UsageRow::date).thenComparing(UsageRow::person)
                .thenComparing(UsageRow::site));
        forget(taken);
        return ended;
    }

    /** Whether the use has an open visit that started before {@code time}. */
    private boolean openBefore(int use, long time) {
        for (int v = useVisit[use]; v != NONE; v = visitBefore[v]) {
            if (visitStart[v] < time) {
                return true;
            }
        }
        return false;
    }

    /** Whether nothing is kept: no open visit and no row. */
    public boolean isEmpty() {
        return uses == 0;
    }

    /** Drops the rows taken, then the uses left with no row and no open visit, renumbering what is kept. */
    private void forget(boolean[] taken) {
        Map<Integer, TreeSet<String>> mixed = new HashMap<>();
        int kept = 0;
        for (int row = 0; row < rows; row++) {
            if (taken[row]) {
                continue;
            }
            rowUse[kept] = rowUse[row];
            rowDay[kept] = rowDay[row];
            rowVisits[kept] = rowVisits[row];
            rowMillis[kept] = rowMillis[row];
            rowRequests[kept] = rowRequests[row];
            rowElapsed[kept] = rowElapsed[row];
            rowBytes[kept] = rowBytes[row];
            rowBlocked[kept] = rowBlocked[row];
            rowCategories[kept] = rowCategories[row];
            TreeSet<String> names = mixedCategories.get(row);
            if (names != null) {
                mixed.put(kept, names);
            }
            kept++;
        }
        for (long[] sums : new long[][] {rowVisits, rowMillis, rowRequests, rowElapsed, rowBytes, rowBlocked}) {
            Arrays.fill(sums, kept, rows, 0); // a row made later counts from nothing
        }
        Arrays.fill(rowCategories, kept, rows, null);
        rows = kept;
        mixedCategories = mixed;

        boolean[] inUse = new boolean[uses];
        for (int row = 0; row < rows; row++) {
            inUse[rowUse[row]] = true;
        }
        int[] renumbered = new int[uses];
        int keptUses = 0;
        for (int use = 0; use < uses; use++) {
            if (!inUse[use] && useVisit[use] == NONE) {
                renumbered[use] = NONE;
                continue;
            }
            renumbered[use] = keptUses;
            usePerson[keptUses] = usePerson[use];
            useSite[keptUses] = useSite[use];
            useHash[keptUses] = useHash[use];
            useHours[keptUses] = useHours[use];
            useVisit[keptUses] = useVisit[use];
            useCountedTo[keptUses] = useCountedTo[use];
            useLatestEnd[keptUses] = useLatestEnd[use];
            keptUses++;
        }
        Arrays.fill(usePerson, keptUses, uses, null);
        Arrays.fill(useSite, keptUses, uses, null);
        Arrays.fill(useHours, keptUses, uses, null);
        uses = keptUses;
        Arrays.fill(latestRow, 0, uses, NONE);
        for (int row = 0; row < rows; row++) {
            int use = renumbered[rowUse[row]];
            rowUse[row] = use;
            rowBefore[row] = latestRow[use];
            latestRow[use] = row;
        }
        rehash();
        hours.keySet().retainAll(Arrays.asList(usePerson).subList(0, uses));
    }

    /**
     * Writes what the usage keeps, for a stream job's checkpoint; {@link #read} makes it again. The format starts with
     * its version: a job restored from a savepoint of an earlier version reads it.
     */
    public void write(DataOutput out) throws IOException {
        out.writeByte(1);
        out.writeInt(uses);
        for (int use = 0; use < uses; use++) {
            StateText.write(out, usePerson[use]);
            StateText.write(out, useSite[use]);
            out.writeLong(useCountedTo[use]);
            out.writeLong(useLatestEnd[use]);
            int open = 0;
            for (int v = useVisit[use]; v != NONE; v = visitBefore[v]) {
                open++;
            }
            out.writeInt(open);
            for (int v = useVisit[use]; v != NONE; v = visitBefore[v]) {
                out.writeLong(visitStart[v]);
                out.writeLong(visitEnd[v]);
                out.writeBoolean(visitCounted[v]);
                out.writeLong(visitOpener[v]);
            }
        }
        out.writeInt(rows);
        for (int row = 0; row < rows; row++) {
            out.writeInt(rowUse[row]);
            out.writeLong(rowDay[row]);
            out.writeLong(rowVisits[row]);
            out.writeLong(rowMillis[row]);
            out.writeLong(rowRequests[row]);
            out.writeLong(rowElapsed[row]);
            out.writeLong(rowBytes[row]);
            out.writeLong(rowBlocked[row]);
            names(out, rowCategories[row].names());
            TreeSet<String> mixed = mixedCategories.get(row);
            out.writeBoolean(mixed != null);
            if (mixed != null) {
                names(out, mixed);
            }
        }
        out.writeInt(hours.size());
        for (PersonHours person : hours.values()) {
            StateText.write(out, person.person);
            out.writeInt(person.days.size());
            for (int i = 0; i < person.days.size(); i++) {
                out.writeLong(person.epochDays[i]);
                for (long n : person.days.get(i)) {
                    out.writeLong(n);
                }
            }
        }
        out.writeInt(unopenedCount);
        for (int i = 0; i < unopenedCount; i++) {
            out.writeLong(unopened[i]);
        }
    }

    /**
     * The usage {@link #write} wrote, its rows' categories the sets of the names given ({@code categories} interns
     * them in the index of the day, as its lines are categorized).
     */
    public static Usage read(DataInput in, LocalDays days, long idleMillis,
                             Function<Collection<String>, CategorySet> categories) throws IOException {
        int format = in.readByte();
        if (format != 1) {
            throw new IOException("usage state of format " + format + ", which this engine does not read");
        }
        int uses = in.readInt();
        Usage usage = new Usage(days, idleMillis, Math.max(4, uses));
        for (int i = 0; i < uses; i++) {
            int use = usage.use(StateText.read(in), StateText.read(in));
            usage.useCountedTo[use] = in.readLong();
            usage.useLatestEnd[use] = in.readLong();
            int open = in.readInt();
            long[] visits = new long[open * 3];
            boolean[] counted = new boolean[open];
            for (int v = 0; v < open; v++) {
                visits[v * 3] = in.readLong();
                visits[v * 3 + 1] = in.readLong();
                counted[v] = in.readBoolean();
                visits[v * 3 + 2] = in.readLong();
            }
            int before = NONE;
            for (int v = open - 1; v >= 0; v--) { // the earliest first, so that each links to the one before it
                before = usage.newVisit(visits[v * 3], visits[v * 3 + 1], before, counted[v], visits[v * 3 + 2]);
            }
            usage.useVisit[use] = before;
        }
        int rows = in.readInt();
        for (int i = 0; i < rows; i++) {
            int row = usage.row(in.readInt(), in.readLong());
            usage.rowVisits[row] = in.readLong();
            usage.rowMillis[row] = in.readLong();
            usage.rowRequests[row] = in.readLong();
            usage.rowElapsed[row] = in.readLong();
            usage.rowBytes[row] = in.readLong();
            usage.rowBlocked[row] = in.readLong();
            usage.rowCategories[row] = categories.apply(names(in));
            if (in.readBoolean()) {
                usage.mixedCategories.put(row, new TreeSet<>(names(in)));
            }
        }
        int people = in.readInt();
        for (int i = 0; i < people; i++) {
            PersonHours person = usage.hours.computeIfAbsent(StateText.read(in), PersonHours::new);
            int dayCount = in.readInt();
            for (int d = 0; d < dayCount; d++) {
                long[] counts = person.day(in.readLong());
                for (int hour = 0; hour < 24; hour++) {
                    counts[hour] = in.readLong();
                }
            }
        }
        int unopened = in.readInt();
        for (int i = 0; i < unopened; i++) {
            usage.unopen(in.readLong());
        }
        return usage;
    }


    private static void names(DataOutput out, Collection<String> names) throws IOException {
        out.writeInt(names.size());
        for (String name : names) {
            StateText.write(out, name);
        }
    }

    private static List<String> names(DataInput in) throws IOException {
        int n = in.readInt();
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(StateText.read(in));
        }
        return names;
    }

    private void close(int use, int visit) {
        long from = visitStart[visit];
        long end = visitEnd[visit];
        long day = localDays.epochDay(from);
        if (visitCounted[visit]) {
            if (end <= from) {
                return; // nothing of it in this part
            }
        } else {
            int row = row(use, day);
            rowVisits[row]++;
        }
        while (true) {
            long nextMidnight = localDays.startOfDay(day + 1);
            long until = Math.min(end, nextMidnight);
            int row = row(use, day);
            rowMillis[row] += until - from;
            if (end <= nextMidnight) {
                break;
            }
            from = nextMidnight;
            day++;
        }
    }

    /**
     * The rows, by date, person and site. People and sites are put in order by name once, and the rows then by
     * numbers: a day, a person's rank and a site's rank.
     */
    public List<UsageRow> rows() {
        int[] ordered = usesByPersonAndSite();
        int[] position = new int[uses];
        for (int i = 0; i < uses; i++) {
            position[ordered[i]] = i;
        }
        long firstDay = Long.MAX_VALUE;
        for (int row = 0; row < rows; row++) {
            firstDay = Math.min(firstDay, rowDay[row]);
        }
        long[] keys = new long[rows];
        for (int row = 0; row < rows; row++) {
            keys[row] = (rowDay[row] - firstDay) << 32 | position[rowUse[row]];
        }
        Arrays.sort(keys);
        List<UsageRow> list = new ArrayList<>(rows);
        LocalDate date = null;
        for (long key : keys) {
            long day = firstDay + (key >>> 32);
            int use = ordered[(int) key];
            int row = row(use, day);
            if (date == null || date.toEpochDay() != day) {
                date = LocalDate.ofEpochDay(day);
            }
            list.add(row(date, use, row));
        }
        return list;
    }

    private UsageRow row(LocalDate date, int use, int row) {
        TreeSet<String> mixed = mixedCategories.get(row);
        return new UsageRow(date, usePerson[use], useSite[use], rowVisits[row], rowMillis[row], rowRequests[row],
                rowElapsed[row], rowBytes[row], rowBlocked[row], mixed == null ? rowCategories[row].joined() : String.join("|", mixed));
    }

    /** The uses' numbers by person and then site, by name: grouped by person, then each person's sorted by site. */
    private int[] usesByPersonAndSite() {
        int[] personRank = ranks(usePerson);
        int[] siteRank = ranks(useSite);
        int people = hours.size();
        int[] firstOf = new int[people + 1];
        for (int use = 0; use < uses; use++) {
            firstOf[personRank[use] + 1]++;
        }
        for (int person = 0; person < people; person++) {
            firstOf[person + 1] += firstOf[person];
        }
        int[] next = firstOf.clone();
        long[] keys = new long[uses];
        for (int use = 0; use < uses; use++) {
            keys[next[personRank[use]]++] = (long) siteRank[use] << 32 | use;
        }
        int[] ordered = new int[uses];
        for (int person = 0; person < people; person++) {
            Arrays.sort(keys, firstOf[person], firstOf[person + 1]);
        }
        for (int i = 0; i < uses; i++) {
            ordered[i] = (int) keys[i];
        }
        return ordered;
    }

    /** Each use's name's rank among the distinct names, in order. */
    private int[] ranks(String[] names) {
        Map<String, Integer> rank = new HashMap<>();
        for (int use = 0; use < uses; use++) {
            rank.putIfAbsent(names[use], 0);
        }
        String[] sorted = rank.keySet().toArray(String[]::new);
        Arrays.sort(sorted);
        for (int i = 0; i < sorted.length; i++) {
            rank.put(sorted[i], i);
        }
        int[] ranks = new int[uses];
        for (int use = 0; use < uses; use++) {
            ranks[use] = rank.get(names[use]);
        }
        return ranks;
    }

    /** Requests per local hour (0 to 23) of each person's days, by date and person. */
    public List<HourRow> hours() {
        List<HourRow> list = new ArrayList<>();
        for (PersonHours person : hours.values()) {
            for (int i = 0; i < person.days.size(); i++) {
                list.add(new HourRow(LocalDate.ofEpochDay(person.epochDays[i]), person.person,
                        person.days.get(i).clone()));
            }
        }
        list.sort(Comparator.comparing(HourRow::date).thenComparing(HourRow::person));
        return list;
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
        return (int) Arrays.stream(useSite, 0, uses).distinct().count();
    }
}
