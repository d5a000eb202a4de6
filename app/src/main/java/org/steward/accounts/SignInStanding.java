package org.steward.accounts;

import java.util.Optional;
import java.util.Set;

/**
 * What another module records about a staff member that decides how they sign in, asked by {@link SignInGate} each
 * time someone signs in: the roster (separated; a supervisor of active staff) and the acknowledgments (privileges
 * suspended pending acknowledgment). The modules that know implement it, so accounts depends on none of them.
 */
public interface SignInStanding {

    /** Why the person may not sign in at all, in words for them; empty when this module sees no reason. */
    default Optional<String> refusal(long districtId, long staffId) {
        return Optional.empty();
    }

    /** Roles that follow from this module's records rather than being granted: SUPERVISOR from the roster. */
    default Set<Role> rolesFollowing(long districtId, long staffId) {
        return Set.of();
    }

    /** Why the person may sign in only to sign their acknowledgment; empty when they may do everything else. */
    default Optional<String> onlyToSign(long districtId, long staffId) {
        return Optional.empty();
    }
}
