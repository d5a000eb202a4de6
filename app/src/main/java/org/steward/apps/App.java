package org.steward.apps;

import java.time.LocalDate;
import java.util.List;

/**
 * An app or online service the district has decided on, or is deciding on: what it is for, who may use it, what it
 * collects, its status (with conditions in words), and its privacy agreement.
 */
public record App(long id, long districtId, String name, String vendor, String url, String purpose,
                  List<String> gradeBands, String studentData, String staffData, boolean showsAdvertising,
                  boolean touchesPupilRecords, boolean under13, Status status, String conditions,
                  Agreement agreement, LocalDate agreementSignedOn, LocalDate agreementExpiresOn, boolean exhibitE,
                  String agreementFileName) {

    public enum Status {
        UNDER_REVIEW("under review"), APPROVED("approved"), APPROVED_WITH_CONDITIONS("approved with conditions"),
        DENIED("denied"), RETIRED("retired");

        private final String title;

        Status(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        public boolean approved() {
            return this == APPROVED || this == APPROVED_WITH_CONDITIONS;
        }
    }

    public enum Agreement {
        NONE("No agreement"), CSDPA("California Student Data Privacy Agreement"),
        NDPA("National Data Privacy Agreement");

        private final String title;

        Agreement(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** Used by students (any grade band but staff), so SOPIPA applies. */
    public boolean usedByStudents() {
        return gradeBands.stream().anyMatch(band -> !band.equalsIgnoreCase("staff"));
    }
}
