package org.steward.staff;

import java.util.Map;
import java.util.Optional;

import org.steward.accounts.StewardUser;

/**
 * A part of a staff profile another module contributes (the acknowledgments an employee signed, the devices they
 * hold), so that this module shows them without depending on those modules.
 */
public interface ProfileSection {

    /** What to show of this person to this viewer: a template, its fragment and the values it reads; or nothing. */
    Optional<View> view(StewardUser viewer, StaffMember member);

    record View(String template, String fragment, Map<String, Object> values) {
    }
}
