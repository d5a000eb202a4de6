package org.steward.policies;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.steward.policies.ClauseDiff.Kind;
import org.steward.policies.ClauseDiff.Segment;
import org.steward.policies.ClauseDiff.Segment.Op;

class ClauseDiffTest {

    private static Clause item(String key, String text) {
        return new Clause(key, "N", ClauseKind.ITEM, key.substring(2) + ".", "", text, List.of());
    }

    @Test
    void reportsAddedRemovedAndChangedClausesWithTheChangedWordsMarked() {
        List<Clause> v1 = List.of(item("N.3", "Accounts and passwords are confidential."),
                item("N.4", "Passwords should have eight (8) characters."),
                item("N.5", "An old rule."));
        List<Clause> v2 = List.of(item("N.3", "Accounts and passwords are confidential."),
                item("N.4", "Passwords should have twelve (12) characters."),
                item("N.6", "Use multi-factor sign-in."));

        ClauseDiff diff = ClauseDiff.between(1, v1, 2, v2);

        assertThat(diff.changes()).extracting(ClauseDiff.Change::key, ClauseDiff.Change::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("N.3", Kind.UNCHANGED),
                org.assertj.core.groups.Tuple.tuple("N.4", Kind.CHANGED),
                org.assertj.core.groups.Tuple.tuple("N.5", Kind.REMOVED),
                org.assertj.core.groups.Tuple.tuple("N.6", Kind.ADDED));
        List<Segment> words = diff.changes().get(1).text();
        assertThat(words).contains(new Segment("eight (8) ", Op.REMOVED), new Segment("twelve (12) ", Op.ADDED));
        assertThat(words.get(0)).isEqualTo(new Segment("Passwords should have ", Op.SAME));
        assertThat(diff.count(Kind.CHANGED)).isEqualTo(1);
    }
}
