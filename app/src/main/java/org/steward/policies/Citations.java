package org.steward.policies;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The district's published versions and the keys of their clauses, read once, to cite many clauses at many moments
 * (a run's findings) without asking the database each time. {@link #cite} answers as
 * {@link PolicyLibrary#cite(long, String, Instant)} does.
 */
public final class Citations {

    record Published(long versionId, Instant at, Set<String> keys) {
    }

    private final List<Published> newestFirst;

    Citations(List<Published> versions) {
        this.newestFirst = versions.stream().sorted(Comparator.comparing(Published::at).reversed()).toList();
    }

    /** The clause with this key in the version in force at the moment, if that version has it. */
    public Optional<ClauseReference> cite(String clauseKey, Instant at) {
        if (clauseKey == null) {
            return Optional.empty();
        }
        return newestFirst.stream().filter(v -> !v.at().isAfter(at)).findFirst()
                .filter(v -> v.keys().contains(clauseKey))
                .map(v -> new ClauseReference(v.versionId(), clauseKey));
    }
}
