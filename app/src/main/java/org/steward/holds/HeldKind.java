package org.steward.holds;

/** The kinds of record a case can keep; a usage hold keeps a staff member's activity on days. */
public enum HeldKind {
    FINDING("finding"), USAGE("internet use"), DEVICE("device"), APPROVAL("approval"),
    SIGNATURE("signed acknowledgment"), STAFF("staff member");

    private final String title;

    HeldKind(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
