package org.steward.policies;

import java.util.List;

/** A version laid out for reading: its clauses in order and the table of contents made of its headings. */
public record PolicyDocument(Policy policy, PolicyVersion version, List<Clause> clauses, List<Clause> contents) {

    static PolicyDocument of(Policy policy, PolicyVersion version) {
        List<Clause> clauses = version.clauseList();
        List<Clause> contents = clauses.stream()
                .filter(c -> c.kind().isHeading())
                .toList();
        return new PolicyDocument(policy, version, clauses, contents);
    }
}
