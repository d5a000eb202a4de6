package org.steward.publishing;

/**
 * What a change of one of the module's aggregates came to: done, or refused with a reason a person can read, nothing
 * changed. The services turn a refusal into {@link PublishingRefused}, which pages show as a message and the API as
 * 400.
 */
sealed interface Change permits Change.Done, Change.Refused {

    record Done() implements Change {
    }

    record Refused(String reason) implements Change, Post.Submitted {
    }

    Done DONE = new Done();

    static Change refused(String reason) {
        return new Refused(reason);
    }

    /** Throws the refusal for the service's caller; nothing was changed. */
    default void orRefuse() {
        if (this instanceof Refused refused) {
            throw new PublishingRefused(refused.reason());
        }
    }
}
