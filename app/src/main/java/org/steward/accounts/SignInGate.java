package org.steward.accounts;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Component;
import org.steward.districts.District;
import org.steward.districts.Districts;

/**
 * Every way of signing in (password, single sign-on, passkey) ends here: the one place that says who may come in.
 * It refuses a suspended district, a closed account and a separated employee, adds the roles that follow from the
 * roster (SUPERVISOR), and marks a person whose privileges are suspended pending acknowledgment as signed in only to
 * sign ({@link OnlyToSignFilter}).
 */
@Component
public class SignInGate {

    private final Districts districts;
    private final List<SignInStanding> standings;
    private final JdbcClient jdbc;

    SignInGate(Districts districts, List<SignInStanding> standings, JdbcClient jdbc) {
        this.districts = districts;
        this.standings = standings;
        this.jdbc = jdbc;
    }

    /** Builds the signed-in person, or refuses: suspended district, closed account, separated employee. */
    public StewardUser admit(Account account, boolean locked) {
        District district = districts.findById(account.districtId())
                .orElseThrow(() -> new DisabledException("This account's district no longer exists."));
        if (district.isSuspended()) {
            throw new DisabledException(district.name() + " is suspended in Steward (" + district.suspendedWhy()
                    + "), so nobody of it can sign in. Ask your county office.");
        }
        // what the roster says first: a separated employee is told so, whether or not their account is closed yet
        if (account.staffId() != null) {
            for (SignInStanding standing : standings) {
                Optional<String> refusal = standing.refusal(account.districtId(), account.staffId());
                if (refusal.isPresent()) {
                    throw new DisabledException(refusal.get());
                }
            }
        }
        if (!account.enabled()) {
            throw new DisabledException("This account is closed" + closure(account.id()).map(why -> " (" + why + ")")
                    .orElse("") + ", so it can no longer sign in. Ask your district administrator.");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        roles.addAll(account.roleSet());
        String onlyToSign = null;
        if (account.staffId() != null) {
            for (SignInStanding standing : standings) {
                roles.addAll(standing.rolesFollowing(account.districtId(), account.staffId()));
                if (onlyToSign == null) {
                    onlyToSign = standing.onlyToSign(account.districtId(), account.staffId()).orElse(null);
                }
            }
        }
        if (roles.isEmpty()) {
            roles.add(Role.EMPLOYEE);
        }
        return new StewardUser(account, locked, roles, onlyToSign);
    }

    private Optional<String> closure(long accountId) {
        return jdbc.sql("select why from account_closure where account_id = ?").param(accountId)
                .query(String.class).optional();
    }
}
