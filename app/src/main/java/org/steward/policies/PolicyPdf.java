package org.steward.policies;

import java.time.LocalDate;

import org.steward.documents.PrintedDocument;

/**
 * A published version printed whole: its title, number, date of publication and SHA-256 on the first page, the
 * front matter, every clause in reading order with its own numbering, and on every page's foot the version and the
 * start of its hash, so a printed page says which text it is.
 */
final class PolicyPdf {

    private PolicyPdf() {
    }

    static byte[] of(PolicyDocument document, LocalDate publishedOn) {
        PolicyVersion v = document.version();
        String footer = v.title() + ", version " + v.number() + ", SHA-256 " + v.sha256().substring(0, 16) + "...";
        return PrintedDocument.write(new PrintedDocument.Properties(v.title() + ", version " + v.number(), "Steward"),
                footer, pages -> {
                    pages.text(16, v.title());
                    pages.text(10, "Version " + v.number() + ", published " + publishedOn);
                    pages.text(8, "SHA-256 of this version's text: " + v.sha256());
                    pages.gap(12);
                    if (!v.frontMatter().isBlank()) {
                        for (String line : v.frontMatter().split("\n")) {
                            pages.text(9, line);
                        }
                        pages.gap(10);
                    }
                    for (Clause c : document.clauses()) {
                        clause(pages, c);
                    }
                });
    }

    private static void clause(PrintedDocument.Pages pages, Clause c) {
        float indent = Math.min(c.depth(), 4) * 14;
        String numbered = (c.label().isEmpty() ? "" : c.label() + " ") + c.title();
        if (c.kind().isHeading()) {
            pages.gap(c.depth() == 0 ? 10 : 6);
            pages.text(c.depth() == 0 ? 13 : 11.5f, indent, numbered.strip());
            if (!c.text().isEmpty()) {
                pages.text(10, indent, c.text());
            }
        } else if (c.kind() == ClauseKind.SIGNATURE_FIELD) {
            pages.gap(4);
            pages.text(10, indent, numbered.strip() + ":  ______________________________");
        } else {
            String lead = (c.label().isEmpty() ? "" : c.label() + " ") + (c.title().isEmpty() ? "" : c.title() + ": ");
            pages.text(10, indent, lead + c.text());
        }
        if (!c.laws().isEmpty()) {
            pages.text(8, indent, "Laws: " + String.join(", ", c.laws()));
        }
        pages.gap(3);
    }
}
