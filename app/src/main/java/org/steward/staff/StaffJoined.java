package org.steward.staff;

import java.time.LocalDate;

/** A new employee joined the roster, active: acknowledgments and accounts are due (Clovis Q). */
public record StaffJoined(long districtId, long staffId, LocalDate hireDate) {
}
