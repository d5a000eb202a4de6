package org.steward.staff;

import java.time.LocalDate;

/** One employee as an import file gives them, before it is checked against the roster. */
record RosterRow(String file, long line, String employeeId, String firstName, String lastName, String email,
                 String siteCode, String siteName, String jobFunction, String supervisorEmployeeId,
                 LocalDate hireDate, StaffStatus status) {
}
