package org.steward.policies;

/**
 * A citation of one clause of one published version of a district's policy: the version and the clause's key in
 * it. Made by {@link PolicyLibrary#cite} when a decision is made, and stored with a foreign key to the clause, so
 * a later version that renumbers or rewords the clause never changes what a decision cited.
 */
public record ClauseReference(long policyVersionId, String clauseKey) {
}
