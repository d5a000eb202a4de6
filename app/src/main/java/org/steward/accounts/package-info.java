/** Who may sign in and what each role may do: accounts, roles, sign-in, the first-administrator setup link. */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts",
        allowedDependencies = {"audit", "database", "districts", "lists", "mail"})
package org.steward.accounts;
