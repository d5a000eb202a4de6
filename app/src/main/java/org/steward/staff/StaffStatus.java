package org.steward.staff;

public enum StaffStatus {
    ACTIVE, SEPARATED
}
