package org.steward.accounts;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.ListCrudRepository;
import org.springframework.transaction.annotation.Transactional;

// in a transaction, so an aggregate's children are read on its connection: outside one each read takes a second
// connection, and a pool's worth of such reads at once wait for each other (docs/benchmarks.md, the first morning)
@Transactional(readOnly = true)
interface Accounts extends ListCrudRepository<Account, Long> {

    Optional<Account> findByUsername(String username);

    List<Account> findByDistrictIdOrderByUsername(long districtId);

    List<Account> findByDistrictIdAndStaffIdOrderById(long districtId, long staffId);
}
