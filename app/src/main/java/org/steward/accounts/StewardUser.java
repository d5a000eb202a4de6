package org.steward.accounts;

import java.io.Serializable;
import java.util.Collection;
import java.util.Set;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The person signed in. {@code districtId} is the district they act in: their own, or for a county administrator
 * the one they chose. Every page and API call reads and changes only that district's records.
 */
public final class StewardUser implements UserDetails, CredentialsContainer, Serializable {

    private final long accountId;
    private final long districtId;
    private final long homeDistrictId;
    private final String username;
    private String passwordHash;
    private final String displayName;
    private final Long staffId;
    private final Set<Role> roles;
    private final boolean enabled;
    private final boolean locked;

    StewardUser(Account account, boolean locked) {
        this(account.id(), account.districtId(), account.districtId(), account.username(), account.passwordHash(),
                account.displayName(), account.staffId(), account.roleSet(), account.enabled(), locked);
    }

    private StewardUser(long accountId, long districtId, long homeDistrictId, String username, String passwordHash,
                        String displayName, Long staffId, Set<Role> roles, boolean enabled, boolean locked) {
        this.accountId = accountId;
        this.districtId = districtId;
        this.homeDistrictId = homeDistrictId;
        this.username = username;
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.staffId = staffId;
        this.roles = Set.copyOf(roles);
        this.enabled = enabled;
        this.locked = locked;
    }

    /** The same person acting in another district, which only a county administrator may do. */
    StewardUser actingIn(long otherDistrictId) {
        if (!has(Role.COUNTY_ADMIN) && otherDistrictId != homeDistrictId) {
            throw new IllegalStateException("Only a county administrator acts in another district");
        }
        return new StewardUser(accountId, otherDistrictId, homeDistrictId, username, null, displayName,
                otherDistrictId == homeDistrictId ? staffId : null, roles, enabled, locked);
    }

    public long accountId() {
        return accountId;
    }

    public long districtId() {
        return districtId;
    }

    /** The district the account belongs to; a county administrator may act in another. */
    public long homeDistrictId() {
        return homeDistrictId;
    }

    /** The staff record of this person in the district they act in, if they have one. */
    public Long staffId() {
        return staffId;
    }

    public String displayName() {
        return displayName;
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        for (Role role : any) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean isSupervisor() {
        return has(Role.SUPERVISOR);
    }

    /** Activity sources, category lists, leases and monitoring settings. */
    public boolean mayKeepMonitoring() {
        return hasAny(Role.TECHNOLOGY, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** District and site totals of internet use, which name nobody. */
    public boolean mayReadActivity() {
        return hasAny(Role.TECHNOLOGY, Role.INVESTIGATOR, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** The staff directory and profiles (Clovis G.1: access by job function). */
    public boolean mayReadStaff() {
        return hasAny(Role.HR, Role.SUPERVISOR, Role.TECHNOLOGY, Role.RECORDS, Role.INVESTIGATOR,
                Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    public boolean mayKeepRoster() {
        return hasAny(Role.HR, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    public boolean mayEditPolicies() {
        return hasAny(Role.HR, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** Investigations: the findings sent for investigation, and (to come) cases, evidence and outcomes. */
    public boolean mayInvestigate() {
        return has(Role.INVESTIGATOR);
    }

    public boolean mayReadAudit() {
        return hasAny(Role.DISTRICT_ADMIN, Role.RECORDS, Role.INVESTIGATOR, Role.COUNTY_ADMIN);
    }

    /** Opens and closes acknowledgment campaigns, and writes the signature page (Clovis Q). */
    public boolean mayRunCampaigns() {
        return hasAny(Role.HR, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** Reads campaign completion: everyone's, or a supervisor their own staff's. */
    public boolean mayReadCompletion() {
        return mayRunCampaigns() || has(Role.SUPERVISOR);
    }

    /** Reads and downloads anyone's signed acknowledgments: the personnel file (Clovis Q). */
    public boolean mayReadAcknowledgments() {
        return hasAny(Role.HR, Role.RECORDS, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** The device inventory and custody: technology services and administrators keep it. */
    public boolean mayKeepDevices() {
        return hasAny(Role.TECHNOLOGY, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** Sets who approves each kind of request. */
    public boolean mayEditApprovalRoutes() {
        return hasAny(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** Keeps the District Approved App List and reviews apps: technology services and administrators. */
    public boolean mayKeepApps() {
        return hasAny(Role.TECHNOLOGY, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** Takes a device back from its possessor: technology services, investigators and administrators. */
    public boolean mayConfiscate() {
        return mayKeepDevices() || has(Role.INVESTIGATOR);
    }

    /** Reads the inventory and custody histories: also HR, records and investigators. */
    public boolean mayReadDevices() {
        return mayKeepDevices() || hasAny(Role.HR, Role.RECORDS, Role.INVESTIGATOR);
    }

    public boolean isCountyAdmin() {
        return has(Role.COUNTY_ADMIN);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return !locked;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StewardUser user && user.accountId == accountId && user.districtId == districtId;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(accountId) * 31 + Long.hashCode(districtId);
    }

    @Override
    public String toString() {
        return username;
    }
}
