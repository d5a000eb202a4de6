package org.steward.investigations;

/**
 * Evidence not added, viewed or downloaded, with the reason in words; nothing was changed. {@code notFound}: what it
 * refers to is not the district's, or not there, and the page answers 404 as for a record that does not exist.
 */
final class EvidenceRefused extends RuntimeException {

    private final boolean notFound;

    EvidenceRefused(String reason, boolean notFound) {
        super(reason);
        this.notFound = notFound;
    }

    static EvidenceRefused because(String reason) {
        return new EvidenceRefused(reason, false);
    }

    static EvidenceRefused notFound(String reason) {
        return new EvidenceRefused(reason, true);
    }

    boolean notFound() {
        return notFound;
    }
}
