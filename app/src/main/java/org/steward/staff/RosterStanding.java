package org.steward.staff;

import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.accounts.Role;
import org.steward.accounts.SignInStanding;

/**
 * What the roster says at sign-in: a separated employee cannot sign in (Clovis R, Stanislaus 7.c), and whoever the
 * roster names as an active employee's supervisor is a SUPERVISOR, for as long as the roster says so.
 */
@Component
class RosterStanding implements SignInStanding {

    private final Roster roster;
    private final JdbcClient jdbc;

    RosterStanding(Roster roster, JdbcClient jdbc) {
        this.roster = roster;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> refusal(long districtId, long staffId) {
        return roster.findByIdAndDistrictId(staffId, districtId)
                .filter(member -> member.status() == StaffStatus.SEPARATED)
                .map(member -> "Your employment with the district ended" + (member.separatedOn() == null ? ""
                        : " on " + member.separatedOn()) + ", so you can no longer sign in to Steward. If this is "
                        + "a mistake, ask human resources.");
    }

    @Override
    public Set<Role> rolesFollowing(long districtId, long staffId) {
        boolean supervises = jdbc.sql("""
                        select exists (select 1 from staff where district_id = ? and supervisor_id = ?
                                       and status = 'ACTIVE')""")
                .params(districtId, staffId).query(Boolean.class).single();
        return supervises ? Set.of(Role.SUPERVISOR) : Set.of();
    }
}
