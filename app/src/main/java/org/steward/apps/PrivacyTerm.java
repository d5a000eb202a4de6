package org.steward.apps;

/**
 * What a privacy review checks. The nine terms Education Code 49073.1 (b) (AB 1584) requires in a contract for
 * services that reach pupil records; SOPIPA's prohibitions (Business and Professions Code 22584) for a service used
 * for K-12 school purposes; and, for children under 13, COPPA's condition for the school's consent.
 */
public enum PrivacyTerm {
    AB1584_RECORDS_REMAIN_LEA_PROPERTY(Law.AB1584, "Pupil records remain the property and under the control of the district."),
    AB1584_PUPIL_CONTENT_RETAINED(Law.AB1584, "Pupils may keep and transfer the content they create to a personal account."),
    AB1584_NO_OTHER_USE(Law.AB1584, "The vendor uses pupil records for no purpose other than those the contract allows."),
    AB1584_REVIEW_AND_CORRECT(Law.AB1584, "Parents, guardians and eligible pupils may review and correct personally identifiable information."),
    AB1584_SECURITY(Law.AB1584, "The vendor secures pupil records, with designated and trained responsible people."),
    AB1584_BREACH_NOTICE(Law.AB1584, "Affected parents, guardians and eligible pupils are notified of an unauthorized disclosure."),
    AB1584_NOT_RETAINED_AFTER(Law.AB1584, "Pupil records are not kept or available after the contract ends, certified and enforced."),
    AB1584_FERPA(Law.AB1584, "The district and the vendor jointly ensure compliance with FERPA."),
    AB1584_NO_TARGETED_ADS(Law.AB1584, "Personally identifiable information in pupil records is not used for targeted advertising."),
    SOPIPA_NO_TARGETED_ADS(Law.SOPIPA, "No targeted advertising to students based on what the service learns about them."),
    SOPIPA_NO_PROFILING(Law.SOPIPA, "No profile of a student amassed for other than K-12 school purposes."),
    SOPIPA_NO_SALE(Law.SOPIPA, "Student information is not sold."),
    SOPIPA_DELETE_ON_REQUEST(Law.SOPIPA, "Student information is deleted when the district asks."),
    COPPA_SCHOOL_CONSENT(Law.COPPA, "For children under 13: information is used only for the school's educational purpose, with no other commercial purpose, so the school may consent.");

    public enum Law {
        AB1584("Education Code 49073.1 (AB 1584)"), SOPIPA("SOPIPA"), COPPA("COPPA");

        private final String title;

        Law(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final Law law;
    private final String text;

    PrivacyTerm(Law law, String text) {
        this.law = law;
        this.text = text;
    }

    public Law law() {
        return law;
    }

    public String text() {
        return text;
    }

    /** Whether this app must meet the term: AB 1584 for pupil records, SOPIPA for students, COPPA under 13. */
    public boolean requiredFor(App app) {
        return switch (law) {
            case AB1584 -> app.touchesPupilRecords();
            case SOPIPA -> app.usedByStudents();
            case COPPA -> app.under13();
        };
    }
}
