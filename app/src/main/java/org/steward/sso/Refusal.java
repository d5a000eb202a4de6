package org.steward.sso;

import java.io.Serializable;

/**
 * Why a sign-in through a district's provider did not go through, kept in the browser's session for the page
 * that says so. {@code districtId} is null when no district has the slug.
 */
record Refusal(String slug, Long districtId, String reason, boolean notOnRoster, String email)
        implements Serializable {

    static final String SESSION_ATTRIBUTE = Refusal.class.getName();
}
