package org.steward.accounts;

import org.springframework.stereotype.Component;

@Component
public class SignInGate {

    /** Builds the signed-in person, or refuses: suspended district, closed account, separated employee. */
    public StewardUser admit(Account account, boolean locked) {
        // replaced by the accounts branch at merge
        return new StewardUser(account, locked);
    }
}
