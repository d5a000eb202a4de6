package org.steward.policies;

import java.util.List;
import java.util.Optional;

/** A policy document turned into clauses: its title as the document gives it, front matter, and the clause tree in order. */
public record ParsedPolicy(String title, String frontMatter, List<Clause> clauses) {

    public ParsedPolicy {
        clauses = List.copyOf(clauses);
    }

    public Optional<Clause> clause(String key) {
        return clauses.stream().filter(c -> c.key().equals(key)).findFirst();
    }

    public List<Clause> childrenOf(String key) {
        return clauses.stream().filter(c -> key.equals(c.parentKey())).toList();
    }

    public List<Clause> topLevel() {
        return clauses.stream().filter(c -> c.parentKey() == null).toList();
    }
}
