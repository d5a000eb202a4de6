/**
 * Investigations of misuse and security problems (Clovis K.2, M and Q; Stanislaus 15 and 19; Oak Park 11): the
 * findings technology services sent for investigation, the cases investigators open from them, from device reports
 * or from nothing, the evidence they keep with its chain of custody, and the outcomes that name the clause the employee signed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Investigations",
        allowedDependencies = {"accounts", "acknowledgments", "activity", "approvals", "audit", "devices",
                "districts", "documents", "holds", "lists", "mail", "policies", "staff"})
package org.steward.investigations;
