package org.steward.policies;

import java.util.List;
import java.util.Objects;

/**
 * One clause of a policy version. {@code key} is the stable id taken from the document's own numbering
 * ("C.27", "II.D.5", "9.g", "prohibited.6") and is the permalink anchor.
 */
public record Clause(String key, String parentKey, ClauseKind kind, String label, String title, String text,
                     List<String> laws) {

    public Clause {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        label = label == null ? "" : label;
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        laws = laws == null ? List.of() : List.copyOf(laws);
    }

    /** Depth in the tree: 0 for top-level clauses. */
    public int depth() {
        return parentKey == null ? 0 : (int) key.chars().filter(c -> c == '.').count();
    }

    /** The text that a reader and a hash see for this clause. */
    String canonical() {
        return String.join("\t", key, kind.name(), label, title, text.replace("\n", "\\n"));
    }

    Clause withText(String newTitle, String newText) {
        return new Clause(key, parentKey, kind, label, newTitle, newText, Laws.referencedBy(newTitle + "\n" + newText));
    }
}
