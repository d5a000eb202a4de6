package org.steward.activity;

import java.sql.Array;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.database.Like;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * The internet use report (Ceres II.D.5: "the Internet sites visited, the number of times visited, and the total
 * time connected to each site"): for the district, a person, or a site, over a range of days. A person is a
 * {@link Who}: a staff member (all the accounts and addresses attributed to them) or an account or address nobody on
 * the roster could be named for. Who may see which is the controllers' and the {@link PrivacyGuard}'s business.
 */
@Service
public class InternetUse {

    /** Whose activity: a staff member, or the account or address in the logs. */
    public record Who(Long staffId, String person) {

        public static Who parse(String key) {
            if (key != null && key.startsWith("staff:")) {
                try {
                    return new Who(Long.parseLong(key.substring(6)), null);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("no such person " + key);
                }
            }
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("no person given");
            }
            return new Who(null, key.strip());
        }

        public static Who staff(long staffId) {
            return new Who(staffId, null);
        }

        /** How the guard and the address bar name them. */
        public String key() {
            return staffId != null ? "staff:" + staffId : person;
        }

        String where() {
            return staffId != null ? "u.staff_id = ?" : "u.person = ?";
        }

        Object param() {
            return staffId != null ? staffId : person;
        }
    }

    /** Sums over usage rows; {@code blocked} counts the attempts the proxy or its filter refused. */
    public record Totals(long people, long sites, long visits, long seconds, long requests, long bytes,
                         long blocked) {
        public String connected() {
            return duration(seconds);
        }
    }

    public record SiteLine(String site, long people, long visits, long seconds, long requests, long bytes,
                           long blocked, List<String> categories) {
        public String connected() {
            return duration(seconds);
        }
    }

    public record PersonLine(String person, Long staffId, String name, long visits, long seconds, long requests,
                             long bytes) {
        public String key() {
            return staffId != null ? "staff:" + staffId : person;
        }

        public String who() {
            return name != null ? name : person;
        }

        public String connected() {
            return duration(seconds);
        }
    }

    public record CategoryLine(String category, long seconds, long visits) {
        public String connected() {
            return duration(seconds);
        }
    }

    /** Time connected as people read it: "2 h 05 min", "12 min 30 s", "45 s". */
    public static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }

    public record DayLine(LocalDate day, String site, long visits, long seconds, long requests, long elapsedMs,
                          long bytes, long blocked, List<String> categories) {
        public String connected() {
            return duration(seconds);
        }
    }

    /**
     * A report over [from, to]: totals, the sites by time connected, time by category, requests by hour of day; for
     * the district, what the runs of those days read that is nobody's use ({@link NotCounted}).
     */
    public record Report(LocalDate from, LocalDate to, Totals totals, List<SiteLine> sites,
                         List<CategoryLine> categories, long[] hours, NotCounted notCounted) {

        public boolean isEmpty() {
            return totals.requests() == 0 && totals.blocked() == 0;
        }
    }

    /** Proxy errors and sign-in challenges (407) in the runs whose days fall in a report's period. */
    public record NotCounted(long proxyErrors, long challenges) {
        static final NotCounted NONE = new NotCounted(0, 0);
    }

    private static final String SUMS = """
            count(distinct coalesce('staff:' || u.staff_id, u.person)) as people, count(distinct u.site) as sites,
            coalesce(sum(u.visits), 0), coalesce(sum(u.millis) / 1000, 0), coalesce(sum(u.requests), 0),
            coalesce(sum(u.bytes), 0), coalesce(sum(u.blocked), 0)""";

    private final JdbcClient jdbc;

    InternetUse(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The district's totals: no one is named. */
    public Report district(long districtId, LocalDate from, LocalDate to, int topSites) {
        NotCounted notCounted = jdbc.sql("""
                        select coalesce(sum(proxy_errors), 0), coalesce(sum(challenges), 0) from activity_run
                         where district_id = ? and status = 'DONE' and first_day <= ? and last_day >= ?""")
                .params(districtId, Date.valueOf(to), Date.valueOf(from))
                .query((rs, n) -> new NotCounted(rs.getLong(1), rs.getLong(2))).single();
        return report(notCounted, "u.district_id = ? and u.day between ? and ?",
                List.of(districtId, Date.valueOf(from), Date.valueOf(to)), from, to, topSites,
                "h.district_id = ? and h.day between ? and ?", List.of(districtId, Date.valueOf(from),
                        Date.valueOf(to)));
    }

    public Report person(long districtId, Who who, LocalDate from, LocalDate to, int topSites) {
        String hoursWhere = who.staffId() != null
                ? "h.district_id = ? and h.day between ? and ? and h.person in (select distinct u.person from "
                + "activity_usage u where u.district_id = ? and u.day between ? and ? and u.staff_id = ?)"
                : "h.district_id = ? and h.day between ? and ? and h.person = ?";
        List<Object> hoursParams = who.staffId() != null
                ? List.of(districtId, Date.valueOf(from), Date.valueOf(to), districtId, Date.valueOf(from),
                Date.valueOf(to), who.param())
                : List.of(districtId, Date.valueOf(from), Date.valueOf(to), who.param());
        return report(NotCounted.NONE, "u.district_id = ? and u.day between ? and ? and " + who.where(),
                List.of(districtId, Date.valueOf(from), Date.valueOf(to), who.param()), from, to, topSites,
                hoursWhere, hoursParams);
    }

    /** A site's totals; who visited it is {@link #visitors}, behind the guard. */
    public Report site(long districtId, String site, LocalDate from, LocalDate to) {
        return report(NotCounted.NONE, "u.district_id = ? and u.day between ? and ? and u.site = ?",
                List.of(districtId, Date.valueOf(from), Date.valueOf(to), site), from, to, 1, null, List.of());
    }

    /** The people of the district by time connected over [from, to]: the top users, behind the guard. */
    public List<PersonLine> topUsers(long districtId, LocalDate from, LocalDate to, int limit) {
        return byTimeConnected(districtId, null, from, to, limit);
    }

    /** People by time connected, most first: of one site, or of every site when {@code site} is null. */
    private List<PersonLine> byTimeConnected(long districtId, String site, LocalDate from, LocalDate to, int limit) {
        List<Object> params = new java.util.ArrayList<>(List.of(districtId, Date.valueOf(from), Date.valueOf(to)));
        if (site != null) {
            params.add(site);
        }
        params.add(limit);
        return jdbc.sql("""
                        select u.person, u.staff_id, s.first_name || ' ' || s.last_name, sum(u.visits),
                               sum(u.millis) / 1000, sum(u.requests), sum(u.bytes)
                          from activity_usage u left join staff s on s.id = u.staff_id
                         where u.district_id = ? and u.day between ? and ?""" + (site == null ? "" : " and u.site = ?")
                        + """

                         group by u.person, u.staff_id, s.first_name, s.last_name
                         order by 5 desc, 1 limit ?""")
                .params(params)
                .query((rs, n) -> new PersonLine(rs.getString(1), (Long) rs.getObject(2), rs.getString(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list();
    }

    /** The columns a site's visitors may be sorted by: the longest connected first. */
    public static final SortColumns VISITORS = SortColumns.of("list of visitors", "u.person, u.staff_id")
            .byDescending("time", "sum(u.millis)")
            .byDescending("visits", "sum(u.visits)")
            .byDescending("requests", "sum(u.requests)")
            .by("person", "lower(coalesce(s.last_name || ' ' || s.first_name, u.person))");

    /**
     * A page of who visited a site over [from, to], those whose name or account has a text: one count and one
     * query. Who may see it is the caller's business (the privacy guard).
     */
    public Paged<PersonLine> visitors(long districtId, String site, LocalDate from, LocalDate to, String text,
                                      Paging paging) {
        String like = text == null || text.isBlank() ? "" : Like.containing(text);
        String where = """
                  from activity_usage u left join staff s on s.id = u.staff_id
                 where u.district_id = ? and u.day between ? and ? and u.site = ?
                   and (? = '' or lower(u.person) like ? or lower(s.first_name || ' ' || s.last_name) like ?)
                 group by u.person, u.staff_id, s.first_name, s.last_name
                """;
        List<Object> params = List.of(districtId, Date.valueOf(from), Date.valueOf(to), site, like, like, like);
        return Paged.of(paging, () -> jdbc.sql("select count(*) from (select 1" + where + ") visitor").params(params)
                        .query(Long.class).single(),
                page -> jdbc.sql("""
                                select u.person, u.staff_id, s.first_name || ' ' || s.last_name, sum(u.visits),
                                       sum(u.millis) / 1000, sum(u.requests), sum(u.bytes)
                                """ + where + page.orderBy() + " offset ? limit ?")
                        .params(with(params, page.offset(), page.limit()))
                        .query((rs, n) -> new PersonLine(rs.getString(1), (Long) rs.getObject(2), rs.getString(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                        .list());
    }

    /** The columns a person's sites may be sorted by: the longest connected first. */
    public static final SortColumns SITES = SortColumns.of("list of sites", "u.site")
            .byDescending("time", "sum(u.millis)")
            .byDescending("visits", "sum(u.visits)")
            .byDescending("requests", "sum(u.requests)")
            .byDescending("blocked", "sum(u.blocked)")
            .byDescending("bytes", "sum(u.bytes)")
            .by("site", "u.site");

    /** A page of the sites a person visited over [from, to], those whose name has a text: one count, one query. */
    public Paged<SiteLine> sitesOf(long districtId, Who who, LocalDate from, LocalDate to, String text,
                                   Paging paging) {
        String like = text == null || text.isBlank() ? "" : Like.containing(text);
        String where = " from activity_usage u where u.district_id = ? and u.day between ? and ? and " + who.where()
                + " and (? = '' or lower(u.site) like ?)";
        List<Object> params = List.of(districtId, Date.valueOf(from), Date.valueOf(to), who.param(), like, like);
        return Paged.of(paging, () -> jdbc.sql("select count(distinct u.site)" + where).params(params)
                        .query(Long.class).single(),
                page -> jdbc.sql("""
                                select u.site, count(distinct coalesce('staff:' || u.staff_id, u.person)), sum(u.visits),
                                       sum(u.millis) / 1000, sum(u.requests), sum(u.bytes), sum(u.blocked),
                                       array(select distinct c from unnest(array_cat_agg(u.categories)) c order by c)
                                """ + where + " group by u.site" + page.orderBy() + " offset ? limit ?")
                        .params(with(params, page.offset(), page.limit()))
                        .query((rs, n) -> new SiteLine(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                                rs.getLong(5), rs.getLong(6), rs.getLong(7), strings(rs.getArray(8))))
                        .list());
    }

    /** The columns a person's days may be sorted by: in the order of the calendar first. */
    public static final SortColumns DAYS = SortColumns.of("list of days", "u.day")
            .by("day")
            .byDescending("time", "sum(u.millis)")
            .byDescending("visits", "sum(u.visits)")
            .byDescending("requests", "sum(u.requests)")
            .byDescending("blocked", "sum(u.blocked)");

    /** A page of a person's days, one row each: one count and one query. */
    public Paged<DayTotal> dayTotals(long districtId, Who who, LocalDate from, LocalDate to, Paging paging) {
        String where = " from activity_usage u where u.district_id = ? and u.day between ? and ? and " + who.where();
        List<Object> params = List.of(districtId, Date.valueOf(from), Date.valueOf(to), who.param());
        return Paged.of(paging, () -> jdbc.sql("select count(distinct u.day)" + where).params(params)
                        .query(Long.class).single(),
                page -> jdbc.sql("select u.day, count(distinct u.site), sum(u.visits), sum(u.millis) / 1000, "
                                + "sum(u.requests), sum(u.blocked), sum(u.bytes)" + where + " group by u.day"
                                + page.orderBy() + " offset ? limit ?")
                        .params(with(params, page.offset(), page.limit()))
                        .query((rs, n) -> new DayTotal(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3),
                                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                        .list());
    }

    private static List<Object> with(List<Object> params, Object... more) {
        List<Object> all = new ArrayList<>(params);
        all.addAll(List.of(more));
        return all;
    }

    /** A person's use on one day, all sites together. */
    public record DayTotal(LocalDate day, long sites, long visits, long seconds, long requests, long blocked,
                           long bytes) {
        public String connected() {
            return duration(seconds);
        }
    }

    /** A person's days, one row each: the report's day-by-day table, each day opening that day's report. */
    public List<DayTotal> dayTotals(long districtId, Who who, LocalDate from, LocalDate to) {
        return jdbc.sql("select u.day, count(distinct u.site), sum(u.visits), sum(u.millis) / 1000, "
                        + "sum(u.requests), sum(u.blocked), sum(u.bytes) from activity_usage u "
                        + "where u.district_id = ? and u.day between ? and ? and " + who.where()
                        + " group by u.day order by u.day")
                .params(districtId, Date.valueOf(from), Date.valueOf(to), who.param())
                .query((rs, n) -> new DayTotal(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .list();
    }

    /** A person's rows, one per site and day: the CSV export. */
    public List<DayLine> days(long districtId, Who who, LocalDate from, LocalDate to) {
        return jdbc.sql("select u.day, u.site, sum(u.visits), sum(u.millis) / 1000, sum(u.requests), "
                        + "sum(u.elapsed_ms), sum(u.bytes), sum(u.blocked), array(select distinct c from unnest(array_cat_agg(u.categories)) c order by c) "
                        + "from activity_usage u where u.district_id = ? and u.day between ? and ? and " + who.where()
                        + " group by u.day, u.site order by u.day, u.site")
                .params(districtId, Date.valueOf(from), Date.valueOf(to), who.param())
                .query((rs, n) -> new DayLine(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8),
                        strings(rs.getArray(9))))
                .list();
    }

    /** The name the roster gives a staff member, for the report's heading. */
    public String nameOf(long districtId, Who who) {
        if (who.staffId() == null) {
            return who.person();
        }
        return jdbc.sql("select first_name || ' ' || last_name from staff where id = ? and district_id = ?")
                .params(who.staffId(), districtId).query(String.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("no such person"));
    }

    private Report report(NotCounted notCounted, String where, List<Object> params, LocalDate from, LocalDate to, int topSites,
                          String hoursWhere, List<Object> hoursParams) {
        Totals totals = jdbc.sql("select " + SUMS + " from activity_usage u where " + where).params(params)
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7)))
                .single();
        List<Object> siteParams = new ArrayList<>(params);
        siteParams.add(topSites);
        List<SiteLine> sites = jdbc.sql("""
                        select u.site, count(distinct coalesce('staff:' || u.staff_id, u.person)), sum(u.visits),
                               sum(u.millis) / 1000, sum(u.requests), sum(u.bytes), sum(u.blocked),
                               array(select distinct c from unnest(array_cat_agg(u.categories)) c order by c)
                          from activity_usage u where\s""" + where + " group by u.site order by 4 desc, 7 desc, 1 limit ?")
                .params(siteParams)
                .query((rs, n) -> new SiteLine(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getLong(7), strings(rs.getArray(8))))
                .list();
        List<CategoryLine> categories = jdbc.sql("""
                        select c, sum(u.millis) / 1000, sum(u.visits)
                          from activity_usage u cross join unnest(case when cardinality(u.categories) = 0
                               then array['uncategorized'] else u.categories end) as c
                         where\s""" + where + " group by c order by 2 desc, 1")
                .params(params)
                .query((rs, n) -> new CategoryLine(rs.getString(1), rs.getLong(2), rs.getLong(3)))
                .list();
        long[] hours = new long[24];
        if (hoursWhere != null) {
            jdbc.sql("select h.requests from activity_hours h where " + hoursWhere).params(hoursParams)
                    .query((rs, n) -> strings(rs.getArray(1)))
                    .list()
                    .forEach(day -> {
                        for (int i = 0; i < 24 && i < day.size(); i++) {
                            hours[i] += Long.parseLong(day.get(i));
                        }
                    });
        }
        return new Report(from, to, totals, sites, categories, hours, notCounted);
    }

    private static List<String> strings(Array array) throws java.sql.SQLException {
        if (array == null) {
            return List.of();
        }
        Object[] values = (Object[]) array.getArray();
        return Arrays.stream(values).map(String::valueOf).toList();
    }
}
