/**
 * Prior approvals, one workflow for every permission the policies require first: new apps and online services,
 * software installs, fee-based subscriptions, purchases, mass e-mail, web sites and social media accounts,
 * equipment off site, and extracts of student data to a vendor. Other modules ask this one whether an approval
 * exists, through {@link org.steward.approvals.Approvals} only.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Approvals",
        allowedDependencies = {"accounts", "apps", "audit", "database", "districts", "lists", "mail",
                "policies", "staff"})
package org.steward.approvals;
