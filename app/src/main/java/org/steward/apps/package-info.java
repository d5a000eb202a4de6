/**
 * The District Approved App List (Ceres I.E, I.F) and the student-data privacy review of each app or online service
 * (Education Code 49073.1, AB 1584; SOPIPA; COPPA), with the public list staff consult before asking.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Apps",
        allowedDependencies = {"accounts", "audit", "database", "districts", "lists"})
package org.steward.apps;
