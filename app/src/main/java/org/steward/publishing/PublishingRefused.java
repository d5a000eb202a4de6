package org.steward.publishing;

/**
 * A change the publishing rules refuse, with the reason a person can read; nothing was changed. An argument the rules
 * refuse, so that one a page does not catch still answers 400 with its reason (web.ErrorPages).
 */
public class PublishingRefused extends IllegalArgumentException {

    public PublishingRefused(String reason) {
        super(reason);
    }
}
