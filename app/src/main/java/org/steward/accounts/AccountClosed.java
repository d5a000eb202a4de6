package org.steward.accounts;

/** An account can no longer sign in: its person separated, the account or its district suspended. */
public record AccountClosed(long districtId, long accountId, String why) {
}
