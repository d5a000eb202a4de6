package org.steward.publishing;

/** A change the publishing rules refuse, with the reason a person can read; nothing was changed. */
public class PublishingRefused extends RuntimeException {

    public PublishingRefused(String reason) {
        super(reason);
    }
}
