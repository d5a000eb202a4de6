package org.steward.accounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * The roles one account holds and has held: every grant with who gave it, when and why, and when, by whom and why
 * it was revoked. Only the roles a district administrator gives are granted here; SUPERVISOR follows from the roster
 * and EMPLOYEE from being on it, COUNTY_ADMIN from the installation's setup.
 */
@Table("role_holder")
public class RoleHolder {

    /** The roles a district administrator grants and revokes. */
    public static final Set<Role> GRANTABLE = EnumSet.of(Role.HR, Role.TECHNOLOGY, Role.RECORDS, Role.INVESTIGATOR,
            Role.DISTRICT_ADMIN);

    static final int SHORTEST_REASON = 10;

    /** One role held from {@code grantedAt}, until {@code revokedAt} if it was revoked. */
    @Table("role_grant")
    public record Grant(Role role, Instant grantedAt, String grantedBy, String grantReason, Instant revokedAt,
                        String revokedBy, String revokeReason) {

        public boolean held() {
            return revokedAt == null;
        }

        Grant revoked(String by, String why, Instant at) {
            return new Grant(role, grantedAt, grantedBy, grantReason, at, by, why);
        }
    }

    @Id
    private final Long accountId;
    @Version
    private Integer version;
    private final long districtId;
    @MappedCollection(idColumn = "account_id", keyColumn = "position")
    private final List<Grant> grants;

    @PersistenceCreator
    RoleHolder(Long accountId, Integer version, long districtId, List<Grant> grants) {
        this.accountId = accountId;
        this.version = version;
        this.districtId = districtId;
        this.grants = new ArrayList<>(grants);
    }

    /** The account's history starts with the roles it was made with, as the account's creation gave them. */
    static RoleHolder startingFrom(Account account) {
        List<Grant> grants = new ArrayList<>();
        account.roleSet().stream().sorted().forEach(role -> grants.add(new Grant(role, account.createdAt(), "Steward",
                "given when the account was made", null, null, null)));
        return new RoleHolder(account.id(), null, account.districtId(), grants);
    }

    /** Gives a role; refused when it is not one an administrator gives, is held already, or no reason is given. */
    void grant(Role role, String by, String why, Instant at) {
        grantable(role);
        if (current(role).isPresent()) {
            throw new IllegalStateException("This account holds the role " + role.title() + " already, since "
                    + current(role).get().grantedAt() + ".");
        }
        grants.add(new Grant(role, at, by, reason(why, "given"), null, null, null));
    }

    /** Takes a role back; an administrator cannot take their own DISTRICT_ADMIN, which would leave nobody to give it back. */
    void revoke(Role role, long byAccountId, String by, String why, Instant at) {
        grantable(role);
        Grant held = current(role).orElseThrow(() -> new IllegalStateException(
                "This account does not hold the role " + role.title() + "."));
        if (role == Role.DISTRICT_ADMIN && byAccountId == accountId) {
            throw new IllegalStateException("You cannot take your own district administrator role: another "
                    + "district administrator has to.");
        }
        String reason = reason(why, "taken back");
        grants.set(grants.indexOf(held), held.revoked(by, reason, at));
    }

    private static void grantable(Role role) {
        if (role == null || !GRANTABLE.contains(role)) {
            throw new IllegalArgumentException((role == null ? "That" : role.title())
                    + " is not a role a district administrator gives: choose human resources, technology services, "
                    + "records, investigator or district administrator (a supervisor is one by the roster).");
        }
    }

    private static String reason(String why, String what) {
        String text = why == null ? "" : why.strip();
        if (text.length() < SHORTEST_REASON || text.chars().filter(Character::isLetter).count() < 5) {
            throw new IllegalArgumentException("Say why the role is " + what + ", in a few words (at least "
                    + SHORTEST_REASON + " characters): the reason is kept with the role's history.");
        }
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private Optional<Grant> current(Role role) {
        return grants.stream().filter(g -> g.role() == role && g.held()).findFirst();
    }

    /** The roles held now. */
    public Set<Role> held() {
        Set<Role> held = EnumSet.noneOf(Role.class);
        grants.stream().filter(Grant::held).forEach(g -> held.add(g.role()));
        return held;
    }

    /** The history, newest first. */
    public List<Grant> history() {
        List<Grant> newestFirst = new ArrayList<>(grants);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    public long accountId() {
        return accountId;
    }

    public long districtId() {
        return districtId;
    }
}
