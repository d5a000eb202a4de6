package org.steward.accounts;

import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.districts.Districts;

/** Creates accounts and finds them at sign-in. */
@Service
public class AccountDirectory implements UserDetailsService {

    private final Accounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Clock clock;
    private final SignInGate gate;
    private final PasswordRules rules;
    private final Districts districts;
    private final JdbcClient jdbc;

    AccountDirectory(Accounts accounts, PasswordEncoder passwords, LoginThrottle throttle, AuditLog audit,
                     Clock clock, SignInGate gate, PasswordRules rules, Districts districts, JdbcClient jdbc) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.audit = audit;
        this.clock = clock;
        this.gate = gate;
        this.rules = rules;
        this.districts = districts;
        this.jdbc = jdbc;
    }

    /** The person as {@link SignInGate} admits them; refused (DisabledException) as it refuses them. */
    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username.strip().toLowerCase(Locale.ROOT))
                .map(account -> gate.admit(account, throttle.isLocked(username)))
                .orElseThrow(() -> new UsernameNotFoundException("No such account"));
    }

    /** The words a guesser of this account's password tries first (NIST SP 800-63B-4: context-specific words). */
    List<String> contextOf(long districtId, String... words) {
        List<String> context = new java.util.ArrayList<>(java.util.Arrays.asList(words));
        districts.findById(districtId).ifPresent(d -> {
            context.add(d.name());
            context.add(d.slug());
        });
        return context;
    }

    /** Creates a sign-in; the password is stored only as its hash. */
    @Transactional
    public long create(long districtId, String username, String password, String displayName, String email,
                       Long staffId, Set<Role> roles) {
        String name = usernameFree(username);
        rules.check(password, contextOf(districtId, name, displayName, email));
        Set<Account.AccountRole> granted = EnumSet.copyOf(roles).stream().map(Account.AccountRole::new)
                .collect(Collectors.toSet());
        Account saved = accounts.save(new Account(null, districtId, name, encode(password), displayName,
                email, staffId, true, clock.instant(), granted));
        audit.record(districtId, "ACCOUNT_CREATED", "account", saved.id(), name + " with roles " + roles);
        return saved.id();
    }

    /**
     * The account a staff member signs in to through the district's single sign-on: theirs if they have one (the
     * first made, when several), or a new employee's account without a password, made now. Without a password it
     * can never be signed in to with one.
     */
    @Transactional
    public Account forSingleSignOn(long districtId, long staffId, String email, String displayName, String via) {
        List<Account> theirs = accounts.findByDistrictIdAndStaffIdOrderById(districtId, staffId);
        if (!theirs.isEmpty()) {
            return theirs.get(0);
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        String name = address.matches("[a-z0-9._@-]{2,64}") && accounts.findByUsername(address).isEmpty()
                ? address : "sso-" + districtId + "-" + staffId;
        Account saved = accounts.save(new Account(null, districtId, name, null, displayName, address, staffId, true,
                clock.instant(), Set.of(new Account.AccountRole(Role.EMPLOYEE))));
        audit.record(districtId, "ACCOUNT_CREATED", "account", saved.id(),
                name + " with roles [EMPLOYEE], without a password, at the first sign-in " + via);
        return saved;
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
        rules.check(password, contextOf(districtId));
        String normalized = PasswordRules.normalized(password);
        String hash = cheapHash ? new BCryptPasswordEncoder(4).encode(normalized) : passwords.encode(normalized);
        accounts.saveAll(holders.stream().map(h -> new Account(null, districtId,
                h.username().strip().toLowerCase(Locale.ROOT), hash, h.displayName(), h.email(), h.staffId(), true,
                clock.instant(), EnumSet.copyOf(h.roles()).stream().map(Account.AccountRole::new)
                .collect(Collectors.toSet()))).toList());
        audit.record(districtId, "ACCOUNTS_CREATED", "account", "",
                holders.size() + " sign-ins sharing one password, for a generated district"
                        + (cheapHash ? " (hashed at bcrypt's lowest cost, for the load benchmark)" : ""));
    }

    /** The username as it is kept, refused when it is not one or is taken. */
    String usernameFree(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!name.matches("[a-z0-9._@-]{2,64}")) {
            throw new IllegalArgumentException(
                    "A username has 2 to 64 letters, digits, dots, dashes, underscores or @.");
        }
        if (accounts.findByUsername(name).isPresent()) {
            throw new IllegalArgumentException("The username " + name + " is taken.");
        }
        return name;
    }

    /** The hash kept of a password, of its normalized form (PasswordRules.normalized), as sign-in compares it. */
    String encode(String password) {
        return passwords.encode(PasswordRules.normalized(password));
    }

    public boolean isEmpty() {
        return accounts.count() == 0;
    }

    /**
     * The district's accounts by username, each with its roles, in one query: loaded as aggregates, each account's
     * roles were a query of their own, 2,001 statements for a district of 2,000 people (docs/benchmarks.md, issue 20).
     */
    public List<AccountSummary> inDistrict(long districtId) {
        return jdbc.sql("""
                        select a.id, a.username, a.display_name, a.staff_id,
                               array(select r.role from account_role r where r.account_id = a.id) as roles
                          from account a where a.district_id = ? order by a.username""")
                .param(districtId)
                .query((rs, n) -> new AccountSummary(rs.getLong("id"), rs.getString("username"),
                        rs.getString("display_name"), roles((String[]) rs.getArray("roles").getArray()),
                        rs.getObject("staff_id", Long.class)))
                .list();
    }

    private static Set<Role> roles(String[] names) {
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names) {
            roles.add(Role.valueOf(name));
        }
        return java.util.Collections.unmodifiableSet(roles);
    }

    /** Whom to write to in a role: the district's enabled accounts holding it that have an e-mail address. */
    public List<Addressee> addresseesIn(long districtId, Role role) {
        return accounts.findByDistrictIdOrderByUsername(districtId).stream()
                .filter(a -> a.enabled() && a.roleSet().contains(role) && a.email() != null && !a.email().isBlank())
                .map(a -> new Addressee(a.displayName(), a.email(), a.staffId()))
                .toList();
    }

    /** The e-mail address of an account of the district, if it has one. */
    public java.util.Optional<String> emailOf(long districtId, long accountId) {
        return accounts.findById(accountId).filter(a -> a.districtId() == districtId).map(Account::email)
                .filter(e -> !e.isBlank());
    }

    public record Addressee(String name, String email, Long staffId) {
    }

    public record AccountSummary(long id, String username, String displayName, Set<Role> roles, Long staffId) {
    }
}
