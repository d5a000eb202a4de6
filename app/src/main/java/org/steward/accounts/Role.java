package org.steward.accounts;

/** The roles the acceptable-use policies give people; a person may hold several. */
public enum Role {
    EMPLOYEE("Employee"),
    SUPERVISOR("Supervisor"),
    HR("Human resources"),
    TECHNOLOGY("Technology services"),
    RECORDS("Records"),
    INVESTIGATOR("Investigator"),
    DISTRICT_ADMIN("District administrator"),
    COUNTY_ADMIN("County administrator");

    private final String title;

    Role(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String authority() {
        return "ROLE_" + name();
    }
}
