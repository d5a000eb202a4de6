package org.steward.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/**
 * Closes accounts that can no longer sign in and says so ({@link AccountClosed}), so that their sessions end: a
 * separated employee's, at once; a suspended district's, whose accounts stay as they are to come back at reopening.
 */
@Service
public class AccountClosures {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    AccountClosures(JdbcClient jdbc, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    /** The staff member's accounts in the district can no longer sign in, for the reason given. */
    @Transactional
    public int closeForStaff(long districtId, long staffId, String why) {
        List<Long> ids = jdbc.sql("""
                        update account set enabled = false where district_id = ? and staff_id = ? and enabled
                        returning id""")
                .params(districtId, staffId).query(Long.class).list();
        for (long id : ids) {
            closed(districtId, id, why);
        }
        return ids.size();
    }

    /** One account closed by an administrator, for the reason given. */
    @Transactional
    void close(long districtId, long accountId, String why) {
        if (jdbc.sql("update account set enabled = false where id = ? and district_id = ? and enabled")
                .params(accountId, districtId).update() == 1) {
            closed(districtId, accountId, why);
        }
    }

    private void closed(long districtId, long id, String why) {
        jdbc.sql("""
                        insert into account_closure (account_id, closed_at, why) values (?, ?, ?)
                        on conflict (account_id) do update set closed_at = excluded.closed_at, why = excluded.why""")
                .params(id, Timestamp.from(clock.instant()), why).update();
        jdbc.sql("update account_link set used_at = ? where account_id = ? and used_at is null")
                .params(Timestamp.from(clock.instant()), id).update();
        audit.record(districtId, "ACCOUNT_CLOSED", "account", id, why);
        events.publishEvent(new AccountClosed(districtId, id, why));
    }

    /** Every account of a suspended district is told closed (their sessions end); reopening the district brings them back. */
    @Transactional
    void districtSuspended(long districtId, String why) {
        jdbc.sql("select id from account where district_id = ? and enabled").param(districtId).query(Long.class).list()
                .forEach(id -> events.publishEvent(new AccountClosed(districtId, id, "the district is suspended: "
                        + why)));
    }
}
