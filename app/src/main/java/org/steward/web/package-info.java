/** The pages every signed-in person starts from, the audit trail's page, and how errors are shown. */
@org.springframework.modulith.ApplicationModule(displayName = "Web",
        allowedDependencies = {"accounts", "acknowledgments", "approvals", "audit", "devices", "investigations", "lists", "policies", "staff"})
package org.steward.web;
