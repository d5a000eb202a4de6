package org.steward.policies;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * One version of a policy. A draft may be edited; a published version is final (the database refuses any change
 * to it) and carries the SHA-256 of its canonical text, the proof of exactly which text an employee signed.
 */
@Table("policy_version")
public record PolicyVersion(@Id Long id, long policyId, int number, String title, String frontMatter,
                            Status status, String sha256, String note, Instant createdAt, Instant publishedAt,
                            String publishedBy,
                            @MappedCollection(idColumn = "version_id", keyColumn = "position") List<StoredClause> clauses) {

    public enum Status {
        DRAFT, PUBLISHED
    }

    /** A clause as stored; the laws it cites are a text[] column. */
    @Table("policy_clause")
    record StoredClause(String clauseKey, String parentKey, ClauseKind kind, String label, String title, String text,
                        List<String> laws) {

        static StoredClause of(Clause clause) {
            return new StoredClause(clause.key(), clause.parentKey(), clause.kind(), clause.label(), clause.title(),
                    clause.text(), clause.laws());
        }

        Clause toClause() {
            return new Clause(clauseKey, parentKey, kind, label, title, text, laws);
        }
    }

    static PolicyVersion draft(long policyId, int number, String title, String frontMatter, List<Clause> clauses,
                               String note, Instant at) {
        return new PolicyVersion(null, policyId, number, title, frontMatter, Status.DRAFT, null, note, at, null,
                null, clauses.stream().map(StoredClause::of).toList());
    }

    public boolean isPublished() {
        return status == Status.PUBLISHED;
    }

    public List<Clause> clauseList() {
        return clauses.stream().map(StoredClause::toClause).toList();
    }

    PolicyVersion withClauses(List<Clause> changed) {
        if (isPublished()) {
            throw new IllegalStateException("Version " + number + " is published and cannot be changed.");
        }
        return new PolicyVersion(id, policyId, number, title, frontMatter, status, sha256, note, createdAt,
                publishedAt, publishedBy, changed.stream().map(StoredClause::of).toList());
    }

    /** The exact text the version's hash covers: title, front matter and every clause in order. */
    String canonicalText() {
        StringBuilder text = new StringBuilder(title).append('\n').append(frontMatter).append('\n');
        clauseList().forEach(c -> text.append(c.canonical()).append('\n'));
        return text.toString();
    }
}
