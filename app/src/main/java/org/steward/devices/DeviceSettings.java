package org.steward.devices;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.policies.PolicyLibrary;

/** A district's settings for its devices: what a hand-over asks, and the days returns and patches are due in. */
@Service
public class DeviceSettings {

    /**
     * What the district's hand-over asks the employee to acknowledge, whether a current acknowledgment of the
     * acceptable-use policy is required first, the days to return devices after a separation and to patch them, and
     * the clause of the district's policy a hand-over cites (the one making the employee the authorized possessor).
     */
    public record Settings(List<String> statements, boolean requireAcknowledgment, int returnDays, int patchDays,
                           String possessionClause) {

        public Settings(List<String> statements, boolean requireAcknowledgment) {
            this(statements, requireAcknowledgment, 3, 30, MODEL_POSSESSION_CLAUSE);
        }
    }

    /** Steward's model policy: "An employee who is assigned a District-owned device is its authorized possessor". */
    static final String MODEL_POSSESSION_CLAUSE = "G.1";

    static final List<String> DEFAULT_STATEMENTS = List.of(
            "I am the authorized possessor of these District-owned devices, as CalECPA defines it, and only I may "
                    + "use them.",
            "I have no ownership or possessory right in them beyond that: the District may take them back at any "
                    + "time, and from then on I am not their possessor.",
            "I will keep them safe, report a loss or theft at once, and return them with everything that came "
                    + "with them when asked or when my employment ends.",
            "I may be financially responsible for a device that is lost, stolen or damaged through my negligence.");

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final PolicyLibrary policies;

    DeviceSettings(JdbcClient jdbc, AuditLog audit, PolicyLibrary policies) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.policies = policies;
    }

    public Settings of(long districtId) {
        return jdbc.sql("""
                        select statements, require_acknowledgment, return_days, patch_days, possession_clause
                          from device_settings where district_id = ?""")
                .param(districtId)
                .query((rs, n) -> new Settings(List.of((String[]) rs.getArray(1).getArray()), rs.getBoolean(2),
                        rs.getInt(3), rs.getInt(4), rs.getString(5)))
                .optional().orElse(new Settings(DEFAULT_STATEMENTS, true));
    }

    @Transactional
    public Settings save(long districtId, Settings settings) {
        List<String> kept = settings.statements().stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.replaceAll("\\s+", " ")).toList();
        if (kept.isEmpty()) {
            throw new Custody.Refused("A hand-over needs at least one statement.");
        }
        if (settings.returnDays() < 0 || settings.returnDays() > 60) {
            throw new Custody.Refused("Days to return devices after separation: from 0 to 60.");
        }
        if (settings.patchDays() < 1 || settings.patchDays() > 365) {
            throw new Custody.Refused("Days within which a device must have been patched: from 1 to 365.");
        }
        String clause = settings.possessionClause() == null ? "" : settings.possessionClause().strip();
        policies.clauseKeyProblem(districtId, clause).ifPresent(problem -> {
            throw new Custody.Refused(problem);
        });
        jdbc.sql("""
                        insert into device_settings (district_id, statements, require_acknowledgment, return_days,
                                                     patch_days, possession_clause)
                        values (?, ?, ?, ?, ?, ?)
                        on conflict (district_id) do update set statements = excluded.statements,
                            require_acknowledgment = excluded.require_acknowledgment,
                            return_days = excluded.return_days, patch_days = excluded.patch_days,
                            possession_clause = excluded.possession_clause""")
                .params(districtId, kept.toArray(String[]::new), settings.requireAcknowledgment(),
                        settings.returnDays(), settings.patchDays(), clause).update();
        audit.record(districtId, "DEVICE_SETTINGS_CHANGED", "device_settings", districtId,
                "require acknowledgment " + settings.requireAcknowledgment() + "; clause " + clause + "; "
                        + String.join(" | ", kept));
        return of(districtId);
    }
}
