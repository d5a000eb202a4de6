package org.steward.acknowledgments;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.accounts.StewardUser;
import org.steward.database.Like;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

import tools.jackson.databind.json.JsonMapper;

/**
 * Who has signed in a campaign: totals per site and per job function (signed, pending, overdue, percent) and the
 * non-signers with their supervisors. A supervisor's report holds only their own staff. Counted in the database, so
 * a district of 50,000 staff gets its report at once (docs/benchmarks.md).
 */
@Service
public class CompletionReport {

    /** Counts for one site, one job function, or the whole audience. */
    public record Row(String name, long assigned, long signed, long pending, long overdue) {

        /** Rounded to the nearest, but 100 only when everyone signed and 0 only when nobody did. */
        public int percentSigned() {
            if (assigned == 0) {
                return 0;
            }
            long rounded = Math.round(100.0 * signed / assigned);
            return (int) (signed == assigned ? 100 : signed == 0 ? 0 : Math.max(1, Math.min(99, rounded)));
        }
    }

    /** Someone who has not signed yet. */
    public record NonSigner(long staffId, String name, String employeeId, String email, String site,
                            String jobFunction,
                            LocalDate dueOn, boolean overdue, boolean suspended, Long supervisorId,
                            String supervisorName, String supervisorEmail) {
    }

    public record Report(Campaign campaign, LocalDate today, Row total, List<Row> bySite, List<Row> byJobFunction,
                         List<NonSigner> nonSigners) {
    }

    /** Someone asked to sign in the campaign, as its lists show them: when they signed, or when they are due. */
    public record Asked(long staffId, String name, String employeeId, String site, String jobFunction,
                        LocalDate dueOn, boolean overdue, boolean suspended, Instant signedAt, String supervisorName,
                        String supervisorEmail) {
    }

    /** What the lists of a campaign's people are asked for: a name, employee id or e-mail, and a site. */
    public record Filter(String text, Long siteId) {
    }

    /** The columns the non-signers may be sorted by: those due soonest (or overdue longest) first. */
    public static final SortColumns NON_SIGNERS = SortColumns.of("list of non-signers", "a.staff_id")
            .by("due", "a.due_on", "lower(a.last_name)", "lower(a.first_name)")
            .by("name", "lower(a.last_name)", "lower(a.first_name)")
            .by("site", "site.name")
            .by("job", "a.job_function")
            .by("status", "case when a.suspended then 0 when a.due_on < :today then 1 else 2 end", "a.due_on")
            .by("supervisor", "lower(sup.last_name)", "lower(sup.first_name)");

    /** The columns the signers may be sorted by: the latest to sign first. */
    public static final SortColumns SIGNERS = SortColumns.of("list of signers", "a.staff_id")
            .byDescending("signed", "a.signed_at")
            .by("name", "lower(a.last_name)", "lower(a.first_name)")
            .by("site", "site.name")
            .by("job", "a.job_function")
            .by("supervisor", "lower(sup.last_name)", "lower(sup.first_name)");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Campaigns campaigns;

    CompletionReport(JdbcClient jdbc, Campaigns campaigns) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
    }

    /** Whose staff a person's report holds: everyone's (null) for HR and administrators, else their own. */
    public static Long scopeFor(StewardUser me) {
        if (me.mayRunCampaigns()) {
            return null;
        }
        return me.staffId() == null ? -1L : me.staffId();
    }

    /** The report of a campaign as this person may see it. */
    public Report of(Campaign campaign, StewardUser me) {
        return report(campaign, scopeFor(me));
    }

    /** Only the campaign's totals, as this person may see them: one count, for lists of campaigns. */
    public Row total(Campaign campaign, StewardUser me) {
        List<Row> all = counts(campaign, scopeFor(me), campaigns.today(campaign.districtId()), "'All'");
        return all.isEmpty() ? new Row("All", 0, 0, 0, 0) : all.get(0);
    }

    /** The report of everyone asked in a campaign. */
    public Report everyone(Campaign campaign) {
        return report(campaign, null);
    }

    /** The counts by site and job function, as this person may see them, without the people: the report's page. */
    public Report summary(Campaign campaign, StewardUser me) {
        Long supervisor = scopeFor(me);
        LocalDate today = campaigns.today(campaign.districtId());
        List<Row> bySite = counts(campaign, supervisor, today, "coalesce(site.name, '(no site)')");
        List<Row> byJob = counts(campaign, supervisor, today, "a.job_function");
        return new Report(campaign, today, sum(bySite), bySite, byJob, List.of());
    }

    /**
     * A page of the people who have signed ({@code signed}) or not yet, as this person may see them (a supervisor
     * their own staff): one count and one query.
     */
    public Paged<Asked> people(Campaign campaign, StewardUser me, boolean signed, Filter filter, Paging paging) {
        Long supervisor = scopeFor(me);
        LocalDate today = campaigns.today(campaign.districtId());
        String from = """
                  from a left join site on site.id = a.site_id
                  left join staff sup on sup.id = a.supervisor_id
                 where a.signed = :signed
                   and (:text = '' or lower(a.first_name || ' ' || a.last_name) like :text
                        or lower(a.employee_id) like :text or lower(coalesce(a.email, '')) like :text)
                   and (:site = -1 or a.site_id = :site)
                """;
        String text = filter.text() == null || filter.text().isBlank() ? "" : Like.containing(filter.text());
        long site = filter.siteId() == null ? -1L : filter.siteId();
        return Paged.of(paging, () -> audience(AUDIENCE + "select count(*)" + from, campaign, supervisor, today)
                        .param("signed", signed).param("text", text).param("site", site).query(Long.class).single(),
                page -> audience(AUDIENCE + """
                                select a.staff_id, a.first_name || ' ' || a.last_name, a.employee_id,
                                       coalesce(site.name, ''), a.job_function, a.due_on, a.due_on < :today,
                                       a.suspended, a.signed_at, sup.first_name || ' ' || sup.last_name, sup.email
                                """ + from + page.orderBy() + " offset :offset limit :limit", campaign, supervisor, today)
                        .param("signed", signed).param("text", text).param("site", site)
                        .param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> new Asked(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getObject(6, LocalDate.class), rs.getBoolean(7),
                                rs.getBoolean(8), rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant(),
                                rs.getString(10), rs.getString(11)))
                        .list());
    }

    /** A statement over the campaign's audience as this scope sees it, on this day. */
    private JdbcClient.StatementSpec audience(String sql, Campaign campaign, Long supervisor, LocalDate today) {
        return jdbc.sql(sql).param("campaign", campaign.id()).param("district", campaign.districtId())
                .param("supervisor", supervisor == null ? -1L : supervisor)
                .param("everyone", supervisor == null).param("today", today);
    }

    /** The counts by site and job function without the list of non-signers: for the home page's chart. */
    public Report overview(Campaign campaign, StewardUser me) {
        Long supervisor = scopeFor(me);
        LocalDate today = campaigns.today(campaign.districtId());
        List<Row> bySite = counts(campaign, supervisor, today, "coalesce(site.name, '(no site)')");
        return new Report(campaign, today, sum(bySite), bySite, List.of(), List.of());
    }

    private static Row sum(List<Row> rows) {
        return new Row("All", rows.stream().mapToLong(Row::assigned).sum(), rows.stream().mapToLong(Row::signed).sum(),
                rows.stream().mapToLong(Row::pending).sum(), rows.stream().mapToLong(Row::overdue).sum());
    }

    /** The per-site bars for Chart.js, as JSON for a data attribute (no inline script). */
    public static String chart(List<Row> rows) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("labels", rows.stream().map(Row::name).toList());
        data.put("signed", rows.stream().map(Row::signed).toList());
        data.put("pending", rows.stream().map(Row::pending).toList());
        data.put("overdue", rows.stream().map(Row::overdue).toList());
        return JSON.writeValueAsString(data);
    }

    /** The report of a campaign; for a supervisor ({@code supervisorStaffId} not null) only their own staff. */
    private Report report(Campaign campaign, Long supervisorStaffId) {
        LocalDate today = campaigns.today(campaign.districtId());
        List<Row> bySite = counts(campaign, supervisorStaffId, today, "coalesce(site.name, '(no site)')");
        List<Row> byJob = counts(campaign, supervisorStaffId, today, "a.job_function");
        return new Report(campaign, today, sum(bySite), bySite, byJob, nonSigners(campaign, supervisorStaffId, today));
    }

    private List<Row> counts(Campaign campaign, Long supervisor, LocalDate today, String groupBy) {
        return jdbc.sql(AUDIENCE + """
                        select %s as name, count(*) as assigned,
                               count(*) filter (where a.signed) as signed,
                               count(*) filter (where not a.signed and a.due_on >= :today) as pending,
                               count(*) filter (where not a.signed and a.due_on < :today) as overdue
                          from a left join site on site.id = a.site_id
                         group by 1 order by 1""".formatted(groupBy))
                .param("campaign", campaign.id()).param("district", campaign.districtId())
                .param("supervisor", supervisor == null ? -1L : supervisor)
                .param("everyone", supervisor == null).param("today", today)
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5)))
                .list();
    }

    private List<NonSigner> nonSigners(Campaign campaign, Long supervisor, LocalDate today) {
        return jdbc.sql(AUDIENCE + """
                        select a.staff_id, a.first_name || ' ' || a.last_name, a.employee_id,
                               coalesce(a.email, ''), coalesce(site.name, ''), a.job_function, a.due_on, a.due_on < :today,
                               a.suspended, sup.id, sup.first_name || ' ' || sup.last_name, sup.email
                          from a left join site on site.id = a.site_id
                          left join staff sup on sup.id = a.supervisor_id
                         where not a.signed
                         order by a.due_on, a.last_name, a.first_name""")
                .param("campaign", campaign.id()).param("district", campaign.districtId())
                .param("supervisor", supervisor == null ? -1L : supervisor)
                .param("everyone", supervisor == null).param("today", today)
                .query((rs, n) -> new NonSigner(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getObject(7, LocalDate.class), rs.getBoolean(8),
                        rs.getBoolean(9), rs.getObject(10, Long.class), rs.getString(11), rs.getString(12)))
                .list();
    }

    /** The campaign's assignments with what the report groups and shows by. */
    private static final String AUDIENCE = """
            with a as (
                select x.staff_id, x.due_on, x.suspended_at is not null and x.lifted_at is null as suspended,
                       s.id is not null as signed, s.signed_at, st.site_id, st.job_function, st.supervisor_id,
                       st.first_name, st.last_name, st.employee_id, st.email
                  from ack_assignment x
                  join staff st on st.id = x.staff_id
                  left join ack_signature s on s.campaign_id = x.campaign_id and s.staff_id = x.staff_id
                 where x.campaign_id = :campaign and x.district_id = :district
                   and (:everyone or st.supervisor_id = :supervisor)
            )
            """;
}
