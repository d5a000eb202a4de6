/**
 * Monitoring of internet and system use (Ceres II.B and II.D.5, Clovis C and K, Stanislaus 4, Oak Park statements
 * 1 to 3 and 7): activity logs ingested from uploads, a watched folder, syslog and an API through the activity
 * engine; usage per person, site and day; findings tied to the policy's clauses, triaged by technology services; and
 * a privacy guard that asks for a reason, and audits it, before anyone sees a named person's activity.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Activity",
        allowedDependencies = {"accounts", "acknowledgments", "approvals", "audit", "database", "devices",
                "districts", "documents", "exports", "holds", "lists", "mail", "policies", "staff"})
package org.steward.activity;
