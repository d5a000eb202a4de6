/**
 * Carries each district's acceptable-use policy as a versioned tree of clauses, with permalinks, diffs and the laws
 * each clause relies on.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Policies",
        allowedDependencies = {"accounts", "audit", "documents"})
package org.steward.policies;
