package org.steward.investigations;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * The referrals waiting for an investigator a page at a time, the longest waiting first, each with its last step
 * (who sent the finding, when): one count and one query a page, however many wait.
 */
@Component
class WaitingList {

    /** Longest waiting first; or by subject, or the newest finding first. */
    static final SortColumns COLUMNS = SortColumns.of("list of referrals waiting", "r.id")
            .by("since", "s.at")
            .by("subject", "lower(r.subject)")
            .byDescending("finding", "r.finding_id");

    private static final String FROM = """
             from investigation_referral r
             join investigation_referral_step s on s.referral_id = r.id
                  and s.position = (select max(position) from investigation_referral_step l
                                     where l.referral_id = r.id)
            where r.district_id = :district and r.status = 'WAITING'""";

    private final JdbcClient jdbc;

    WaitingList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Paged<Referred> page(long districtId, Paging paging) {
        return Paged.of(paging, () -> jdbc.sql("""
                                select count(*) from investigation_referral r
                                 where r.district_id = :district and r.status = 'WAITING'""")
                        .param("district", districtId).query(Long.class).single(),
                page -> jdbc.sql("select r.id, r.finding_id, r.rule, r.title, r.severity, r.subject, r.status,"
                                + " s.by_name, s.reason, s.at " + FROM + page.orderBy()
                                + " offset :offset limit :limit")
                        .param("district", districtId).param("offset", page.offset()).param("limit", page.limit())
                        .query((rs, n) -> new Referred(rs.getLong("id"), rs.getLong("finding_id"),
                                rs.getString("rule"), rs.getString("title"), rs.getString("severity"),
                                rs.getString("subject"), Referral.Status.valueOf(rs.getString("status")).title(),
                                rs.getString("by_name"), rs.getString("reason"),
                                rs.getTimestamp("at").toInstant()))
                        .list());
    }
}
