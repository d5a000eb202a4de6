package org.steward.staff;

import java.time.LocalDate;
import java.util.Objects;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An employee of a district, as the roster gives them. */
@Table("staff")
public record StaffMember(@Id Long id, long districtId, String employeeId, String firstName, String lastName,
                          String email, Long siteId, String jobFunction, Long supervisorId, LocalDate hireDate,
                          StaffStatus status, LocalDate separatedOn, String source) {

    public String fullName() {
        return firstName + " " + lastName;
    }

    /** Whether a typed name is this person's full name, ignoring case and extra spaces: a signature's check. */
    public boolean isNamed(String typed) {
        return typed != null && normalized(typed).equals(normalized(fullName()));
    }

    private static String normalized(String name) {
        return name.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isActive() {
        return status == StaffStatus.ACTIVE;
    }

    /** Separation ends employment; it is final for this record and raises {@link StaffSeparated}. */
    StaffMember separate(LocalDate on) {
        if (status == StaffStatus.SEPARATED) {
            throw new IllegalStateException(fullName() + " was already separated on " + separatedOn + ".");
        }
        return new StaffMember(id, districtId, employeeId, firstName, lastName, email, siteId, jobFunction,
                supervisorId, hireDate, StaffStatus.SEPARATED, on, source);
    }

    /** True when an import row would change nothing of this record. */
    boolean sameAs(StaffMember other) {
        return Objects.equals(firstName, other.firstName) && Objects.equals(lastName, other.lastName)
                && Objects.equals(email, other.email) && Objects.equals(siteId, other.siteId)
                && Objects.equals(jobFunction, other.jobFunction) && Objects.equals(supervisorId, other.supervisorId)
                && Objects.equals(hireDate, other.hireDate) && status == other.status
                && Objects.equals(separatedOn, other.separatedOn);
    }

    StaffMember withId(Long newId) {
        return new StaffMember(newId, districtId, employeeId, firstName, lastName, email, siteId, jobFunction,
                supervisorId, hireDate, status, separatedOn, source);
    }
}
