package org.steward.devices;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/** A district's settings for its devices: what a hand-over asks, and the days returns and patches are due in. */
@Service
public class DeviceSettings {

    /**
     * What the district's hand-over asks the employee to acknowledge, whether a current acknowledgment of the
     * acceptable-use policy is required first, and the days to return devices after a separation and to patch them.
     */
    public record Settings(List<String> statements, boolean requireAcknowledgment, int returnDays, int patchDays) {

        public Settings(List<String> statements, boolean requireAcknowledgment) {
            this(statements, requireAcknowledgment, 3, 30);
        }
    }

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

    DeviceSettings(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Settings of(long districtId) {
        return jdbc.sql("""
                        select statements, require_acknowledgment, return_days, patch_days from device_settings
                         where district_id = ?""")
                .param(districtId)
                .query((rs, n) -> new Settings(List.of((String[]) rs.getArray(1).getArray()), rs.getBoolean(2),
                        rs.getInt(3), rs.getInt(4)))
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
        jdbc.sql("""
                        insert into device_settings (district_id, statements, require_acknowledgment, return_days,
                                                     patch_days)
                        values (?, ?, ?, ?, ?)
                        on conflict (district_id) do update set statements = excluded.statements,
                            require_acknowledgment = excluded.require_acknowledgment,
                            return_days = excluded.return_days, patch_days = excluded.patch_days""")
                .params(districtId, kept.toArray(String[]::new), settings.requireAcknowledgment(),
                        settings.returnDays(), settings.patchDays()).update();
        audit.record(districtId, "DEVICE_SETTINGS_CHANGED", "device_settings", districtId,
                "require acknowledgment " + settings.requireAcknowledgment() + "; " + String.join(" | ", kept));
        return of(districtId);
    }
}
