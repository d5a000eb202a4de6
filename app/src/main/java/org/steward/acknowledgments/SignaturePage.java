package org.steward.acknowledgments;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.policies.ClauseKind;
import org.steward.policies.PolicyDocument;

/**
 * The district's signature-page statements and campaign settings. Statements start from those of the policy's own
 * signature page and stay editable; each one needs its own tick when an employee signs.
 */
@Service
public class SignaturePage {

    private final JdbcClient jdbc;
    private final AuditLog audit;

    SignaturePage(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public List<Statement> statements(long districtId) {
        return jdbc.sql("select id, position, text from ack_statement where district_id = ? order by position")
                .param(districtId).query(Statement.class).list();
    }

    /** Replaces the statements; blank ones are left out. Signatures keep the texts they were signed with. */
    @Transactional
    public List<Statement> replaceStatements(long districtId, List<String> texts) {
        List<String> kept = texts.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("The signature page needs at least one statement.");
        }
        for (String text : kept) {
            if (text.length() > 2000) {
                throw new IllegalArgumentException("A statement is at most 2,000 characters; one has "
                        + text.length() + ".");
            }
        }
        jdbc.sql("delete from ack_statement where district_id = ?").param(districtId).update();
        for (int i = 0; i < kept.size(); i++) {
            jdbc.sql("insert into ack_statement (district_id, position, text) values (?, ?, ?)")
                    .params(districtId, i + 1, kept.get(i)).update();
        }
        audit.record(districtId, "ACK_STATEMENTS_CHANGED", "ack_statement", districtId,
                kept.size() + " statements: " + String.join(" | ", kept));
        return statements(districtId);
    }

    /** The statements of a policy version's own signature page, as a starting point. */
    public static List<String> statementsOf(PolicyDocument document) {
        return document.clauses().stream().filter(c -> c.kind() == ClauseKind.STATEMENT)
                .map(c -> c.title().isEmpty() ? c.text() : c.title() + ": " + c.text())
                .toList();
    }

    public Settings settings(long districtId) {
        Optional<Settings> stored = jdbc.sql("""
                        select new_hire_days, grace_days, remind_at_open, days_before, overdue_every_days
                        from ack_settings where district_id = ?""")
                .param(districtId)
                .query((rs, n) -> new Settings(districtId, rs.getInt(1), rs.getInt(2), rs.getBoolean(3),
                        List.of((Integer[]) rs.getArray(4).getArray()), rs.getInt(5)))
                .optional();
        return stored.orElseGet(() -> Settings.defaults(districtId));
    }

    @Transactional
    public Settings save(Settings settings) {
        if (settings.newHireDays() < 1 || settings.newHireDays() > 90) {
            throw new IllegalArgumentException("Days a new hire has to sign: from 1 to 90.");
        }
        if (settings.graceDays() < 0 || settings.graceDays() > 365) {
            throw new IllegalArgumentException("Grace days before suspension: from 0 to 365.");
        }
        if (settings.overdueEveryDays() < 1 || settings.overdueEveryDays() > 90) {
            throw new IllegalArgumentException("Days between reminders while overdue: from 1 to 90.");
        }
        jdbc.sql("""
                insert into ack_settings (district_id, new_hire_days, grace_days, remind_at_open, days_before,
                                          overdue_every_days)
                values (?, ?, ?, ?, ?, ?)
                on conflict (district_id) do update set new_hire_days = excluded.new_hire_days,
                    grace_days = excluded.grace_days, remind_at_open = excluded.remind_at_open,
                    days_before = excluded.days_before, overdue_every_days = excluded.overdue_every_days""")
                .params(settings.districtId(), settings.newHireDays(), settings.graceDays(), settings.remindAtOpen(),
                        settings.daysBefore().toArray(Integer[]::new), settings.overdueEveryDays())
                .update();
        audit.record(settings.districtId(), "ACK_SETTINGS_CHANGED", "ack_settings", settings.districtId(),
                settings.toString());
        return settings(settings.districtId());
    }
}
