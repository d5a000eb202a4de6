package org.steward.policies;

/** A cited clause as pages show it: which policy and version, and the clause's own words. */
public record CitedClause(ClauseReference reference, long policyId, String policyTitle, int versionNumber,
                          Clause clause) {

    /** The clause's permanent address in the version cited. */
    public String permalink() {
        return "/policies/" + policyId + "/versions/" + versionNumber + "#" + clause.key();
    }

    /** "Staff Technology Acceptable Use Policy, version 2, C.4". */
    public String name() {
        return policyTitle + ", version " + versionNumber + ", " + clause.key();
    }
}
