package org.steward.publishing;

/**
 * A student as publishing knows them, from the district's SIS: names, school and grade, nothing more. Staff see the
 * full name; a post uses the name the check gives.
 */
public record Student(long id, long districtId, String sourceId, String givenName, String familyName,
                      String preferredName, String schoolId, String schoolName, String grade, boolean active) {

    /** The first name the student goes by. */
    public String firstName() {
        return preferredName == null || preferredName.isBlank() ? givenName : preferredName;
    }

    public String fullName() {
        return familyName.isBlank() ? firstName() : firstName() + " " + familyName;
    }

    /** The name staff sort by: family name first. */
    public String sortName() {
        return familyName.isBlank() ? firstName() : familyName + ", " + firstName();
    }
}
