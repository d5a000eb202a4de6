/** Keeps the district's staff roster: imports from OneRoster or CSV, the directory, profiles and separations. */
@org.springframework.modulith.ApplicationModule(displayName = "Staff",
        allowedDependencies = {"accounts", "audit", "database", "districts", "exports", "holds", "lists"})
package org.steward.staff;
