package org.steward.accounts;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

@Transactional(readOnly = true)
interface RoleHolders extends ListCrudRepository<RoleHolder, Long> {
}
