package org.steward.activity;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;

/**
 * A district's monitoring settings: how long raw log files are kept, the idle time that ends a visit, and whose
 * clauses the rule pack cites for it ("model" for Steward's model policy).
 */
@Service
public class MonitoringSettings {

    public record Values(int rawRetentionDays, int idleMinutes, String clausePolicy) {
        public static final Values DEFAULTS = new Values(30, 5, "model");
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    MonitoringSettings(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Values of(long districtId) {
        return jdbc.sql("select raw_retention_days, idle_minutes, clause_policy from activity_settings "
                        + "where district_id = ?")
                .param(districtId)
                .query((rs, n) -> new Values(rs.getInt(1), rs.getInt(2), rs.getString(3)))
                .optional().orElse(Values.DEFAULTS);
    }

    @Transactional
    public Values save(long districtId, Values values, String by) {
        if (values.rawRetentionDays() < 0 || values.rawRetentionDays() > 3650) {
            throw new IllegalArgumentException("Raw files are kept from 0 to 3650 days.");
        }
        if (values.idleMinutes() < 1 || values.idleMinutes() > 240) {
            throw new IllegalArgumentException("The idle time that ends a visit is 1 to 240 minutes.");
        }
        jdbc.sql("""
                        insert into activity_settings (district_id, raw_retention_days, idle_minutes, clause_policy)
                        values (?, ?, ?, ?)
                        on conflict (district_id) do update set raw_retention_days = excluded.raw_retention_days,
                            idle_minutes = excluded.idle_minutes, clause_policy = excluded.clause_policy""")
                .params(districtId, values.rawRetentionDays(), values.idleMinutes(), values.clausePolicy())
                .update();
        audit.record(districtId, "ACTIVITY_SETTINGS_CHANGED", "activity_settings", districtId,
                "raw files kept " + values.rawRetentionDays() + " days, visits end after " + values.idleMinutes()
                        + " idle minutes, by " + by);
        return values;
    }
}
