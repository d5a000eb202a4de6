package org.steward.acknowledgments;

import java.time.LocalDate;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.accounts.SignInStanding;

/**
 * An employee whose technology privileges are suspended pending acknowledgment (Reminders, after the grace period:
 * the assignment's {@code suspended_at}, until signing lifts it) signs in only to sign.
 */
@Component
class SuspensionStanding implements SignInStanding {

    private record Suspended(String schoolYear, LocalDate dueOn) {
    }

    private final JdbcClient jdbc;

    SuspensionStanding(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> onlyToSign(long districtId, long staffId) {
        return jdbc.sql("""
                        select c.school_year, a.due_on from ack_assignment a join ack_campaign c on c.id = a.campaign_id
                         where a.district_id = ? and a.staff_id = ? and a.suspended_at is not null
                           and a.lifted_at is null
                         order by a.due_on limit 1""")
                .params(districtId, staffId).query(Suspended.class).optional()
                .map(s -> "your acknowledgment of the acceptable-use policy for " + s.schoolYear() + " was due on "
                        + s.dueOn() + " and is not signed, so your technology privileges are suspended until you "
                        + "sign it");
    }
}
