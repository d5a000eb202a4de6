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

    public Set<Role> roleSet() {
        return roles.stream().map(AccountRole::role).collect(Collectors.toUnmodifiableSet());
    }
}
