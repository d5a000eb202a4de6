/**
 * Investigations of misuse and security problems (Clovis K.2, M and Q; Stanislaus 15 and 19; Oak Park 11): for now
 * its intake, the findings technology services sent for investigation, waiting for an investigator. Cases, reports
 * from employees, evidence and outcomes build on it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Investigations",
        allowedDependencies = {"accounts", "acknowledgments", "activity", "approvals", "audit", "devices",
                "districts", "documents", "holds", "lists", "mail"})
package org.steward.investigations;
