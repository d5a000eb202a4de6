package org.steward.accounts;

import org.springframework.stereotype.Component;

/** Builds the signed-in person, or refuses: suspended district, closed account, separated employee. */
@Component
public class SignInGate {

    // replaced by the accounts branch at merge
    public StewardUser admit(Account account, boolean locked) {
        return new StewardUser(account, locked);
    }
}
