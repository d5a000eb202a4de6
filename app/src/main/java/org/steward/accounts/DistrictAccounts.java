package org.steward.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;
import org.steward.audit.AuditLog;
import org.steward.database.Like;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;

/**
 * A district's people as sign-ins: the roster with who can sign in and how, each account's roles and their history,
 * invitations to set a password, and password resets. Every call names the district it reads and changes.
 */
@Service
class DistrictAccounts {

    /** A row of the accounts roster: a staff member, an account, or both. */
    record Row(Long staffId, Long accountId, String name, String employeeId, String email, String staffStatus,
               String username, Boolean enabled, boolean password, boolean sso, boolean passkey, String roles) {

        /** Whether the person can sign in now (their district aside). */
        public boolean canSignIn() {
            return accountId != null && Boolean.TRUE.equals(enabled) && (password || sso || passkey)
                    && !"SEPARATED".equals(staffStatus);
        }

        /** How, in words: "password, passkey". */
        public String how() {
            List<String> how = new ArrayList<>();
            if (password) {
                how.add("password");
            }
            if (sso) {
                how.add("single sign-on");
            }
            if (passkey) {
                how.add("passkey");
            }
            return how.isEmpty() ? (accountId == null ? "no account" : "not set up yet") : String.join(", ", how);
        }

        public List<String> roleTitles() {
            if (roles == null || roles.isBlank()) {
                return List.of();
            }
            return java.util.Arrays.stream(roles.split(",")).map(r -> Role.valueOf(r).title()).toList();
        }
    }

    /** An account as its page shows it. */
    record AccountView(Account account, Row row, RoleHolder holder, Set<Role> roles, boolean invited,
                       Instant invitationExpires, String closedWhy, boolean mayBeInvited) {
    }

    public static final SortColumns COLUMNS = SortColumns.of("accounts", "coalesce(r.staff_id, 0), r.account_id")
            .by("name", "lower(r.name)")
            .by("username", "r.username")
            .by("employee", "r.employee_id")
            .by("signin", "r.can_sign_in")
            .by("roles", "r.roles");

    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final RoleHolders holders;
    private final AccountDirectory directory;
    private final PasswordRules rules;
    private final OneTimeLinks links;
    private final Districts districts;
    private final Mailer mailer;
    private final AuditLog audit;
    private final AccountClosures closures;
    private final SignInSessions sessions;
    private final Clock clock;
    private final String baseUrl;
    private volatile String signInKinds;

    DistrictAccounts(JdbcClient jdbc, Accounts accounts, RoleHolders holders, AccountDirectory directory,
                     PasswordRules rules, OneTimeLinks links, Districts districts, Mailer mailer, AuditLog audit,
                     AccountClosures closures, SignInSessions sessions, Clock clock, @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.holders = holders;
        this.directory = directory;
        this.rules = rules;
        this.links = links;
        this.districts = districts;
        this.mailer = mailer;
        this.audit = audit;
        this.closures = closures;
        this.sessions = sessions;
        this.clock = clock;
        this.baseUrl = baseUrl.replaceAll("/+$", "");
    }

    /**
     * Whether an account has signed in through single sign-on or holds a passkey: read from those features' tables
     * where the installation has them (an older schema has neither, and then no account has either).
     */
    private String signInKinds() {
        if (signInKinds == null) {
            boolean sso = jdbc.sql("select to_regclass('sso_identity') is not null and "
                    + "to_regclass('district_sso') is not null").query(Boolean.class).single();
            boolean passkeys = jdbc.sql("select to_regclass('user_credentials') is not null and "
                    + "to_regclass('user_entities') is not null").query(Boolean.class).single();
            // single sign-on: signed in through it once, or able to: the district has it on, and the account's
            // person is on the roster with an address (SsoSignIn finds people by it), though not signed in yet
            signInKinds = (sso ? "(exists (select 1 from sso_identity i where i.account_id = a.id) or (a.id is not "
                    + "null and s.email is not null and exists (select 1 from district_sso d where d.district_id = "
                    + "a.district_id and d.enabled)))" : "false")
                    + " as sso, " + (passkeys ? "exists (select 1 from user_entities u join user_credentials c "
                    + "on c.user_entity_user_id = u.id where u.name = a.username)" : "false") + " as passkey";
        }
        return signInKinds;
    }

    private String rows() {
        return """
                (select s.id as staff_id, a.id as account_id,
                        coalesce(s.last_name || ', ' || s.first_name, a.display_name) as name, s.employee_id,
                        coalesce(s.email, a.email) as email, s.status as staff_status, a.username, a.enabled,
                        a.password_hash is not null as password, %s,
                        (select string_agg(r.role, ',' order by r.role) from account_role r where r.account_id = a.id)
                          as roles,
                        a.id is not null and a.enabled and coalesce(s.status, 'ACTIVE') = 'ACTIVE' as can_sign_in
                   from staff s full join account a on a.staff_id = s.id and a.district_id = s.district_id
                  where coalesce(s.district_id, a.district_id) = :district) r
                """.formatted(signInKinds());
    }

    private static final String FILTER = """
             where (:q = '' or lower(r.name) like :q or lower(coalesce(r.username, '')) like :q
                    or lower(coalesce(r.employee_id, '')) like :q or lower(coalesce(r.email, '')) like :q)
            """;

    Paged<Row> roster(long districtId, String q, Paging paging) {
        String pattern = q == null || q.isBlank() ? "" : Like.containing(q);
        return Paged.of(paging, () -> jdbc.sql("select count(*) from " + rows() + FILTER)
                        .param("district", districtId).param("q", pattern).query(Long.class).single(),
                page -> jdbc.sql("select r.staff_id, r.account_id, r.name, r.employee_id, r.email, r.staff_status, "
                                + "r.username, r.enabled, r.password, r.sso, r.passkey, r.roles from " + rows()
                                + FILTER + page.orderBy() + " offset :offset limit :limit")
                        .param("district", districtId).param("q", pattern).param("offset", page.offset())
                        .param("limit", page.limit()).query(Row.class).list());
    }

    /** The district's account, or 404 worded alike for another district's and nobody's. */
    private Account account(long districtId, long accountId) {
        return accounts.findById(accountId).filter(a -> a.districtId() == districtId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no such account in your district."));
    }

    @Transactional(readOnly = true)
    AccountView view(long districtId, long accountId) {
        Account account = account(districtId, accountId);
        Row row = jdbc.sql("select r.staff_id, r.account_id, r.name, r.employee_id, r.email, r.staff_status, "
                        + "r.username, r.enabled, r.password, r.sso, r.passkey, r.roles from " + rows()
                        + " where r.account_id = :account")
                .param("district", districtId).param("account", accountId).query(Row.class).single();
        RoleHolder holder = holders.findById(accountId).orElseGet(() -> RoleHolder.startingFrom(account));
        Optional<Instant> invitation = jdbc.sql("""
                        select expires_at from account_link where account_id = ? and purpose = 'INVITATION'
                           and used_at is null and expires_at > ? order by expires_at desc limit 1""")
                .params(accountId, Timestamp.from(clock.instant())).query(Timestamp.class).optional()
                .map(Timestamp::toInstant);
        String closedWhy = jdbc.sql("select why from account_closure where account_id = ?").param(accountId)
                .query(String.class).optional().orElse(null);
        // as invite() decides: a district with single sign-on gives a password to its administrators only
        boolean mayBeInvited = account.enabled() && !row.password()
                && (account.roleSet().contains(Role.DISTRICT_ADMIN) || !usesSingleSignOn(districtId));
        return new AccountView(account, row, holder, account.roleSet(), invitation.isPresent(),
                invitation.orElse(null), closedWhy, mayBeInvited);
    }

    /** Gives a role with its reason; the account's roles and the role's history change together. */
    @Transactional
    void grant(StewardUser by, long accountId, Role role, String why) {
        Account account = account(by.districtId(), accountId);
        RoleHolder holder = holders.findById(accountId).orElseGet(() -> RoleHolder.startingFrom(account));
        holder.grant(role, by.getUsername(), why, clock.instant());
        save(account, holder);
        audit.record(by.districtId(), "ROLE_GRANTED", "account", accountId, why.strip(),
                role.name() + " given to " + account.username());
    }

    @Transactional
    void revoke(StewardUser by, long accountId, Role role, String why) {
        Account account = account(by.districtId(), accountId);
        RoleHolder holder = holders.findById(accountId).orElseGet(() -> RoleHolder.startingFrom(account));
        holder.revoke(role, by.accountId(), by.getUsername(), why, clock.instant());
        save(account, holder);
        audit.record(by.districtId(), "ROLE_REVOKED", "account", accountId, why.strip(),
                role.name() + " taken from " + account.username());
        // a role taken back is gone from that moment: the person's next page asks them to sign in again, with what
        // they hold now (a role given waits for their next sign-in). Not one's own: revoking a role of one's own
        // would sign out the very page that asked
        if (accountId != by.accountId()) {
            sessions.endAll(accountId, role.title() + " was taken back (" + why.strip() + ")");
        }
    }

    private void save(Account account, RoleHolder holder) {
        holders.save(holder);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        account.roleSet().stream().filter(r -> !RoleHolder.GRANTABLE.contains(r)).forEach(roles::add);
        roles.addAll(holder.held());
        if (roles.isEmpty()) {
            roles.add(Role.EMPLOYEE);
        }
        accounts.save(account.withRoles(roles));
    }

    /** The staff member's account, made now (as an employee's, without a password) if they have none. */
    @Transactional
    long accountFor(StewardUser by, long staffId) {
        record Member(long id, String employeeId, String firstName, String lastName, String email, String status) {
        }
        Member member = jdbc.sql("""
                        select id, employee_id, first_name, last_name, email, status from staff
                         where id = ? and district_id = ?""").params(staffId, by.districtId())
                .query(Member.class).optional()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "There is no such person on your district's roster."));
        Optional<Long> theirs = jdbc.sql("select id from account where district_id = ? and staff_id = ? order by id "
                + "limit 1").params(by.districtId(), staffId).query(Long.class).optional();
        if (theirs.isPresent()) {
            return theirs.get();
        }
        if ("SEPARATED".equals(member.status())) {
            throw new IllegalStateException(member.firstName() + " " + member.lastName()
                    + " has been separated: a separated employee gets no account.");
        }
        String username = freeUsername(member.employeeId().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._@-]", ""),
                by.districtId(), staffId);
        Account saved = accounts.save(new Account(null, by.districtId(), username, null,
                member.firstName() + " " + member.lastName(), member.email(), staffId, true, clock.instant(),
                Set.of(new Account.AccountRole(Role.EMPLOYEE))));
        audit.record(by.districtId(), "ACCOUNT_CREATED", "account", saved.id(),
                username + " for " + member.firstName() + " " + member.lastName() + " (" + member.employeeId()
                        + "), without a password until they set one");
        return saved.id();
    }

    private String freeUsername(String wanted, long districtId, long staffId) {
        String name = wanted.length() >= 2 ? wanted : "staff-" + districtId + "-" + staffId;
        return accounts.findByUsername(name).isEmpty() ? name : "staff-" + districtId + "-" + staffId;
    }

    /** E-mails the account's holder a link, valid seven days and once, to choose a username and password. */
    @Transactional
    Instant invite(long districtId, long accountId, String invitedBy) {
        Account account = account(districtId, accountId);
        if (!account.enabled()) {
            throw new IllegalStateException("This account is closed: a closed account cannot be invited.");
        }
        if (account.email() == null || account.email().isBlank()) {
            throw new IllegalArgumentException("This account has no e-mail address to send the invitation to: "
                    + "add one to the person's roster record first.");
        }
        if (usesSingleSignOn(districtId) && !account.roleSet().contains(Role.DISTRICT_ADMIN)) {
            throw new IllegalStateException("The district signs in through its single sign-on: its staff sign in "
                    + "with their district account and need no password in Steward (only its administrators may "
                    + "have one).");
        }
        District district = districts.findById(districtId).orElseThrow();
        String token = links.issue(OneTimeLinks.Purpose.INVITATION, districtId, accountId);
        mailer.send(new Mail(districtId, account.email(), "Your Steward account at " + district.name(), """
                Hello %s,

                %s has invited you to Steward, where %s keeps its technology acceptable-use policy.
                Choose your username and password here (the link works once, for seven days):

                %s/invitation/%s

                If you did not expect this message, you can ignore it.
                """.formatted(account.displayName(), invitedBy, district.name(), baseUrl, token)));
        audit.record(districtId, "ACCOUNT_INVITED", "account", accountId, "invitation e-mailed to "
                + account.email() + " by " + invitedBy);
        return clock.instant().plus(OneTimeLinks.Purpose.INVITATION.lasts);
    }

    /** Whether the district has single sign-on turned on (where the installation has the feature at all). */
    boolean usesSingleSignOn(long districtId) {
        return jdbc.sql("select to_regclass('district_sso') is not null").query(Boolean.class).single()
                && jdbc.sql("select exists (select 1 from district_sso where district_id = ? and enabled)")
                .param(districtId).query(Boolean.class).single();
    }

    /** Closes the account, with the reason; its holder can no longer sign in, and their sessions end. */
    @Transactional
    void close(StewardUser by, long accountId, String why) {
        Account account = account(by.districtId(), accountId);
        if (account.id() == by.accountId()) {
            throw new IllegalStateException("You cannot close your own account.");
        }
        if (!account.enabled()) {
            throw new IllegalStateException("This account is closed already.");
        }
        closures.close(by.districtId(), accountId, reason(why, "closed") + " (closed by " + by.getUsername() + ")");
    }

    @Transactional
    void reopen(StewardUser by, long accountId, String why) {
        Account account = account(by.districtId(), accountId);
        if (account.enabled()) {
            throw new IllegalStateException("This account is open.");
        }
        if (account.staffId() != null && "SEPARATED".equals(jdbc.sql("select status from staff where id = ?")
                .param(account.staffId()).query(String.class).optional().orElse(""))) {
            throw new IllegalStateException("This person has been separated: their account stays closed.");
        }
        String reason = reason(why, "reopened");
        jdbc.sql("update account set enabled = true where id = ?").param(accountId).update();
        jdbc.sql("delete from account_closure where account_id = ?").param(accountId).update();
        audit.record(by.districtId(), "ACCOUNT_REOPENED", "account", accountId, reason,
                account.username() + " reopened by " + by.getUsername());
    }

    private static String reason(String why, String what) {
        String text = why == null ? "" : why.strip();
        if (text.length() < 10 || text.chars().filter(Character::isLetter).count() < 5) {
            throw new IllegalArgumentException("Say why the account is " + what + ", in a few words (at least 10 "
                    + "characters): the reason is kept in the audit trail.");
        }
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    /** The account an invitation is for, or why the link does not work. */
    Account invited(String token) {
        OneTimeLinks.Link link = links.valid(OneTimeLinks.Purpose.INVITATION, token);
        return accounts.findById(link.accountId()).orElseThrow(() -> new OneTimeLinks.Refused(
                "This link is not valid or was used already."));
    }

    /** Sets the invited person's username and password, and uses the invitation up: all of it or nothing. */
    @Transactional
    void accept(String token, String username, String password) {
        OneTimeLinks.Link link = links.valid(OneTimeLinks.Purpose.INVITATION, token);
        Account account = accounts.findById(link.accountId()).orElseThrow();
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        if (!name.equals(account.username())) {
            name = directory.usernameFree(name);
        }
        rules.check(password, directory.contextOf(account.districtId(), name, account.displayName(),
                account.email()));
        links.use(link);
        accounts.save(account.withSignIn(name, directory.encode(password)));
        audit.record(account.districtId(), "INVITATION_ACCEPTED", "account", account.id(),
                "username " + name + " and a password set");
    }

    /**
     * Sends a reset link to the account's address when there is such an account that may sign in with a password;
     * says nothing either way, so the answer tells nobody which accounts exist.
     */
    @Transactional
    void forgot(String usernameOrEmail) {
        String who = usernameOrEmail == null ? "" : usernameOrEmail.strip().toLowerCase(Locale.ROOT);
        if (who.isEmpty() || who.length() > 200) {
            return;
        }
        List<Account> found = accounts.findByUsername(who).map(List::of).orElseGet(() -> jdbc.sql(
                        "select id from account where lower(email) = ? and enabled").param(who).query(Long.class)
                .list().stream().map(id -> accounts.findById(id).orElseThrow()).toList());
        for (Account account : found) {
            if (!account.enabled() || account.passwordHash() == null || account.email() == null
                    || account.email().isBlank() || resetAskedJustNow(account.id())) {
                continue;
            }
            String token = links.issue(OneTimeLinks.Purpose.PASSWORD_RESET, account.districtId(), account.id());
            mailer.send(new Mail(account.districtId(), account.email(), "Reset your Steward password", """
                    Hello %s,

                    Someone asked to reset the password of your Steward account %s. Choose a new one here
                    (the link works once, for an hour):

                    %s/password/reset/%s

                    If it was not you, ignore this message: your password stays as it is.
                    """.formatted(account.displayName(), account.username(), baseUrl, token)));
            audit.record(account.districtId(), "PASSWORD_RESET_SENT", "account", account.id(),
                    "reset link e-mailed to " + account.email());
        }
    }

    /** One reset mail a few minutes at most: asking again and again fills nobody's mailbox. */
    private boolean resetAskedJustNow(long accountId) {
        return jdbc.sql("""
                        select exists (select 1 from account_link where account_id = ? and purpose = 'PASSWORD_RESET'
                                       and created_at > ?)""")
                .params(accountId, Timestamp.from(clock.instant().minus(java.time.Duration.ofMinutes(2))))
                .query(Boolean.class).single();
    }

    Account resetting(String token) {
        OneTimeLinks.Link link = links.valid(OneTimeLinks.Purpose.PASSWORD_RESET, token);
        return accounts.findById(link.accountId()).orElseThrow(() -> new OneTimeLinks.Refused(
                "This link is not valid or was used already."));
    }

    @Transactional
    void reset(String token, String password) {
        OneTimeLinks.Link link = links.valid(OneTimeLinks.Purpose.PASSWORD_RESET, token);
        Account account = accounts.findById(link.accountId()).orElseThrow();
        if (!account.enabled()) {
            throw new OneTimeLinks.Refused("This account is closed: its password cannot be reset.");
        }
        rules.check(password, directory.contextOf(account.districtId(), account.username(), account.displayName(),
                account.email()));
        links.use(link);
        accounts.save(account.withSignIn(account.username(), directory.encode(password)));
        audit.record(account.districtId(), "PASSWORD_RESET", "account", account.id(),
                "password set again through an e-mailed link");
    }
}
