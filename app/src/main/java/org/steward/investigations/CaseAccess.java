package org.steward.investigations;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.steward.accounts.StewardUser;

/**
 * Who may see a case: the investigators of its district and the people assigned to it, no one else, and never the
 * person it is about (an investigator included: they read its outcome on their own page). Every page and
 * download of a case asks here first; another district's case, or one the person is not on, is not found (404), so a
 * number tried tells nothing of whether it exists.
 */
@Component
class CaseAccess {

    /** What every page of a case shows at its head. */
    record CaseHeader(long id, long districtId, int number, String title, String status, Long subjectStaffId) {

        boolean open() {
            return "OPEN".equals(status);
        }
    }

    private final JdbcClient jdbc;

    CaseAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The case, if {@code me} may see it; otherwise 404. */
    CaseHeader check(StewardUser me, long caseId) {
        return jdbc.sql("""
                        select c.id, c.district_id, c.number, c.title, c.status, c.subject_staff_id
                        from investigation_case c
                        where c.id = :id and c.district_id = :district
                          and c.subject_staff_id is distinct from :staff
                          and (:investigator or exists (select 1 from investigation_case_assignee a
                                                        where a.case_id = c.id and a.account_id = :account))""")
                .param("id", caseId).param("district", me.districtId()).param("investigator", me.mayInvestigate())
                .param("account", me.accountId()).param("staff", me.staffId(), java.sql.Types.BIGINT)
                .query(CaseHeader.class).optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no such case for you to see: you see your district's cases as an investigator,"
                                + " and the cases you are assigned to."));
    }

    /** Whether {@code me} may see some case: an investigator, or assigned to one. */
    boolean mayOpenSome(StewardUser me) {
        return me.mayInvestigate() || jdbc.sql("""
                        select exists (select 1 from investigation_case_assignee a join investigation_case c
                                       on c.id = a.case_id where a.account_id = ? and c.district_id = ?)""")
                .params(me.accountId(), me.districtId()).query(Boolean.class).single();
    }
}
