package org.steward.audit;

/**
 * The result of checking a district's audit chain: how many entries were checked and, if the chain is broken,
 * the first entry where it breaks and why.
 */
public record ChainVerification(long checked, Long brokenAtSequence, String problem) {

    public boolean intact() {
        return brokenAtSequence == null;
    }
}
