package org.steward.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/**
 * A district's rule that the people who can see named activity or change policy sign in with a passkey: once a
 * district administrator turns it on, such a person signed in with a password (or single sign-on) only must register
 * or use a passkey before any other page. A passkey sign-in alone satisfies it.
 */
@Service
public class PasskeyRequirement {

    /** The roles the rule is for (issue 19: those that see named activity or change policy). */
    public static final Set<Role> ROLES = EnumSet.of(Role.TECHNOLOGY, Role.INVESTIGATOR, Role.RECORDS,
            Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);

    /** The district's rule and who last set it when; {@code changedBy} is a display name. */
    public record Setting(boolean required, Instant changedAt, String changedBy) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PasskeyRequirement(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Optional<Setting> of(long districtId) {
        return jdbc.sql("""
                select s.passkeys_required, s.changed_at, a.display_name from district_sign_in s
                join account a on a.id = s.changed_by where s.district_id = ?""")
                .param(districtId)
                .query((rs, n) -> new Setting(rs.getBoolean(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .optional();
    }

    boolean isOn(long districtId) {
        return jdbc.sql("select passkeys_required from district_sign_in where district_id = ?").param(districtId)
                .query(Boolean.class).optional().orElse(false);
    }

    /** Whether the rule asks this person for a passkey: a role it names, in a district (theirs or acted in) that has it on. */
    public boolean appliesTo(StewardUser user) {
        return ROLES.stream().anyMatch(user::has)
                && (isOn(user.districtId()) || user.homeDistrictId() != user.districtId() && isOn(user.homeDistrictId()));
    }

    /** Turns the rule on or off for the district the administrator acts in. */
    @Transactional
    public void set(StewardUser by, boolean required) {
        if (!by.hasAny(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN)) {
            throw new IllegalArgumentException("Only a district administrator sets the district's sign-in rules.");
        }
        boolean was = isOn(by.districtId());
        jdbc.sql("""
                insert into district_sign_in (district_id, passkeys_required, changed_at, changed_by)
                values (?, ?, ?, ?) on conflict (district_id) do update
                set passkeys_required = excluded.passkeys_required, changed_at = excluded.changed_at,
                    changed_by = excluded.changed_by""")
                .params(by.districtId(), required, Timestamp.from(clock.instant()), by.accountId()).update();
        if (was != required) {
            audit.record(by.districtId(), required ? "PASSKEYS_REQUIRED" : "PASSKEYS_NOT_REQUIRED", "district",
                    by.districtId(), required ? "passkeys required for technology, investigators, records and "
                            + "administrators" : "passkeys no longer required");
        }
    }
}
