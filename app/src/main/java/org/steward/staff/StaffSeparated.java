package org.steward.staff;

import java.time.LocalDate;

/** An employee's employment ended: their access is to be disabled and their equipment returned (Clovis R, Stanislaus 7.c). */
public record StaffSeparated(long districtId, long staffId, String employeeId, LocalDate separatedOn) {
}
