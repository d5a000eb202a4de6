package org.steward.accounts;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/** Creates accounts and finds them at sign-in. */
@Service
public class AccountDirectory implements UserDetailsService {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final SignInGate gate;

    AccountDirectory(Accounts accounts, PasswordEncoder passwords, LoginThrottle throttle, AuditLog audit,
                     Clock clock, SignInGate gate) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.gate = gate;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username.strip().toLowerCase(Locale.ROOT))
                .map(account -> gate.admit(account, throttle.isLocked(username)))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    /** Creates a sign-in; the password is stored only as its hash. */
    @Transactional
    public long create(long districtId, String username, String password, String displayName, String email,
                       Long staffId, Set<Role> roles) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("A password needs at least 12 characters.");
        }
        String name = username.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9._@-]{2,64}")) {
            throw new IllegalArgumentException(
                    "A username has 2 to 64 letters, digits, dots, dashes, underscores or @.");
        }
        if (accounts.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("The username " + name + " is taken.");
        }
        Set<Account.AccountRole> granted = EnumSet.copyOf(roles).stream().map(Account.AccountRole::new)
                .collect(Collectors.toSet());
        Account saved = accounts.save(new Account(null, districtId, name, passwords.encode(password), displayName,
                email, staffId, true, clock.instant(), granted));
        audit.record(districtId, "ACCOUNT_CREATED", "account", saved.id(), name + " with roles " + roles);
        return saved.id();
    }

    /** Who gets one of the sign-ins {@link #createSharing} makes. */
    public record Holder(String username, String displayName, String email, long staffId, Set<Role> roles) {
    }

    /**
     * Sign-ins for many people at once that share one password, hashed once: bcrypt takes about 80 ms a hash, so a
     * district of 2,000 would wait minutes for its own. For a generated district (the load benchmark's), not people.
     * With {@code cheapHash} the password is hashed at bcrypt's lowest cost (4: about a millisecond to check instead
     * of a hundred), standing in for a district whose people sign in through its own identity provider, where
     * Steward checks no password at all; the benchmark says so wherever it is used.
     */
    @Transactional
    public void createSharing(long districtId, List<Holder> holders, String password, boolean cheapHash) {
        if (password == null || password.length() < 12) {
            throw new IllegalArgumentException("A password needs at least 12 characters.");
        }
        String hash = cheapHash ? new BCryptPasswordEncoder(4).encode(password) : passwords.encode(password);
        accounts.saveAll(holders.stream().map(h -> new Account(null, districtId,
                h.username().strip().toLowerCase(Locale.ROOT), hash, h.displayName(), h.email(), h.staffId(), true,
                clock.instant(), EnumSet.copyOf(h.roles()).stream().map(Account.AccountRole::new)
                .collect(Collectors.toSet()))).toList());
        audit.record(districtId, "ACCOUNTS_CREATED", "account", "",
                holders.size() + " sign-ins sharing one password, for a generated district"
                        + (cheapHash ? " (hashed at bcrypt's lowest cost, for the load benchmark)" : ""));
    }

    public boolean isEmpty() {
        return accounts.count() == 0;
    }

    public List<AccountSummary> inDistrict(long districtId) {
        return accounts.findByDistrictIdOrderByUsername(districtId).stream()
                .map(a -> new AccountSummary(a.id(), a.username(), a.displayName(), a.roleSet(), a.staffId()))
                .toList();
    }

    /** Whom to write to in a role: the district's enabled accounts holding it that have an e-mail address. */
    public List<Addressee> addresseesIn(long districtId, Role role) {
        return accounts.findByDistrictIdOrderByUsername(districtId).stream()
                .filter(a -> a.enabled() && a.roleSet().contains(role) && a.email() != null && !a.email().isBlank())
                .map(a -> new Addressee(a.displayName(), a.email(), a.staffId()))
                .toList();
    }

    public record Addressee(String name, String email, Long staffId) {
    }

    public record AccountSummary(long id, String username, String displayName, Set<Role> roles, Long staffId) {
    }
}
