package org.steward.investigations;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Component;
import org.steward.accounts.AccountDirectory;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * The district's cases a page at a time: all of them for an investigator, filtered by status and by one of their
 * people; a person's own ("my cases") for anyone assigned. One count and one query a page.
 */
@Component
class CaseList {

    /** One row of the list. */
    record Row(long id, int number, String title, String status, String subjectName, Instant openedAt,
               Instant closedAt, String outcome) {

        public String statusTitle() {
            return Case.Status.valueOf(status).title();
        }

        public String outcomeTitle() {
            return outcome == null ? "" : Case.Outcome.valueOf(outcome).title();
        }
    }

    /** What the list is narrowed to: a status (blank for all) and one of the cases' people (null for anyone). */
    record Filter(String status, Long assignee) {
    }

    /** Newest first by number; subject A to Z with the cases about nobody yet last. */
    static final SortColumns COLUMNS = SortColumns.of("list of cases", "c.id")
            .byDescending("number", "c.number")
            .byDescending("opened", "c.opened_at")
            .by("status", "c.status")
            .by("subject", "lower(c.subject_name)");

    private static final String WHERE = """
             where c.district_id = :district and (:status = '' or c.status = :status)
               and (cast(:assignee as bigint) is null or exists (select 1 from investigation_case_assignee a
                                                        where a.case_id = c.id and a.account_id = :assignee))""";

    private final JdbcClient jdbc;

    CaseList(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Of the district's accounts, those on some case: whom the filter "person on the case" offers, rather than
     * every account of a district of thousands. One query.
     */
    List<AccountDirectory.AccountSummary> onSomeCase(List<AccountDirectory.AccountSummary> accounts) {
        Set<Long> on = new HashSet<>(jdbc.sql("""
                        select x.id from unnest(?) x(id)
                         where exists (select 1 from investigation_case_assignee a where a.account_id = x.id)""")
                .param(new SqlArrayValue("bigint", accounts.stream().map(a -> (Object) a.id()).toArray()))
                .query(Long.class).list());
        return accounts.stream().filter(a -> on.contains(a.id())).toList();
    }

    Paged<Row> page(long districtId, Filter filter, Paging paging) {
        String status = filter.status() == null ? "" : filter.status();
        return Paged.of(paging, () -> jdbc.sql("select count(*) from investigation_case c " + WHERE)
                        .param("district", districtId).param("status", status).param("assignee", filter.assignee())
                        .query(Long.class).single(),
                page -> jdbc.sql("""
                                select c.id, c.number, c.title, c.status, c.subject_name, c.opened_at, c.closed_at,
                                       c.outcome from investigation_case c""" + " " + WHERE + page.orderBy()
                                + " offset :offset limit :limit")
                        .param("district", districtId).param("status", status).param("assignee", filter.assignee())
                        .param("offset", page.offset()).param("limit", page.limit())
                        .query(Row.class).list());
    }
}
