package org.steward.staff;

import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;

/**
 * Whom a signed-in person sees on the roster: a supervisor sees the people they supervise; the roles that keep or
 * read records (HR, technology, records, investigators, administrators) see the whole district.
 */
record StaffScope(Long reportsOf) {

    private static final StaffScope WHOLE_DISTRICT = new StaffScope(null);

    static StaffScope of(StewardUser me) {
        boolean onlySupervisor = me.has(Role.SUPERVISOR) && !me.hasAny(Role.HR, Role.TECHNOLOGY, Role.RECORDS,
                Role.INVESTIGATOR, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
        // a supervisor's account not linked to the roster supervises nobody
        return onlySupervisor ? new StaffScope(me.staffId() == null ? -1L : me.staffId()) : WHOLE_DISTRICT;
    }

    boolean ownStaffOnly() {
        return reportsOf != null;
    }

    boolean includes(StaffMember member) {
        return reportsOf == null || reportsOf.equals(member.supervisorId());
    }
}
