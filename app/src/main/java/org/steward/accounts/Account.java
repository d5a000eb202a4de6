package org.steward.accounts;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/** A sign-in for one person, in one district, with the roles they hold there. */
@Table("account")
public record Account(@Id Long id, long districtId, String username, String passwordHash, String displayName,
                      String email, Long staffId, boolean enabled, Instant createdAt,
                      @MappedCollection(idColumn = "account_id") Set<AccountRole> roles) {

    @Table("account_role")
    public record AccountRole(Role role) {
    }

    /** The same account holding these roles. */
    Account withRoles(Set<Role> held) {
        return new Account(id, districtId, username, passwordHash, displayName, email, staffId, enabled, createdAt,
                held.stream().map(AccountRole::new).collect(Collectors.toSet()));
    }

    /** The same account signing in with this username and password (its hash). */
    Account withSignIn(String name, String hash) {
        return new Account(id, districtId, name, hash, displayName, email, staffId, enabled, createdAt, roles);
    }

    public Set<Role> roleSet() {
        return roles.stream().map(AccountRole::role).collect(Collectors.toUnmodifiableSet());
    }
}
