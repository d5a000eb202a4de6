package org.steward.acknowledgments;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;

/**
 * Reminds employees who have not signed: at open, some days before the due date, on it, then every so many days
 * while overdue, with the supervisor in copy once overdue. Each reminder is recorded before it is sent, under a key
 * that makes sure nobody gets the same one twice, also across restarts. After the grace period an overdue
 * employee's privileges are suspended pending acknowledgment ({@link AcknowledgmentOverdue}).
 */
@Service
public class Reminders {

    /** An unsigned assignment of an open campaign, with what the mails need. */
    private record Pending(long assignmentId, long districtId, long campaignId, long staffId, LocalDate dueOn,
                           LocalDate startsOn, boolean suspended, String name, String email, String supervisorName,
                           String supervisorEmail, String policyTitle, String schoolYear) {
    }

    /** What "send reminders now" did: how many were reminded, had been reminded today already, have no address. */
    public record Sent(int reminded, int alreadyToday, int withoutEmail) {
    }

    /** Why reminders were not sent, in words for HR. Nothing was sent. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final SignaturePage signaturePage;
    private final Mailer mailer;
    private final AuditLog audit;
    private final String baseUrl;

    Reminders(JdbcClient jdbc, Campaigns campaigns, SignaturePage signaturePage, Mailer mailer, AuditLog audit,
              @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.signaturePage = signaturePage;
        this.mailer = mailer;
        this.audit = audit;
        this.baseUrl = baseUrl;
    }

    @Scheduled(initialDelayString = "${steward.reminders.initial-delay:PT1M}",
            fixedDelayString = "${steward.reminders.every:PT15M}")
    void scheduled() {
        run();
    }

    /** Sends what is due now in every district; the number of mails. */
    @Transactional
    public int run() {
        int sent = 0;
        List<Long> districts = jdbc.sql("select distinct district_id from ack_campaign where status = 'OPEN'")
                .query(Long.class).list();
        for (long districtId : districts) {
            sent += run(districtId);
        }
        return sent;
    }

    /** Sends what is due now in one district; the number of mails. */
    @Transactional
    public int run(long districtId) {
        Settings settings = signaturePage.settings(districtId);
        LocalDate today = campaigns.today(districtId);
        int sent = 0;
        for (Pending p : pending(districtId)) {
            if (today.isBefore(p.startsOn())) {
                continue;
            }
            if (settings.remindAtOpen() && remember(p, "OPEN", "EMPLOYEE")) {
                sent += mail(p, p.email(), "Please read and sign: " + p.policyTitle(), """
                        Dear %s,

                        Each school year every employee reads the district's %s and signs its acknowledgment.
                        Please do so for %s by %s:

                        %s/acknowledgments/%d

                        Thank you.""".formatted(p.name(), p.policyTitle(), p.schoolYear(), p.dueOn(), baseUrl,
                        p.campaignId()));
            }
            Optional<String> stage = stage(today, p.startsOn(), p.dueOn(), settings);
            if (stage.isPresent() && remember(p, stage.get(), "EMPLOYEE")) {
                boolean overdue = today.isAfter(p.dueOn());
                sent += mail(p, p.email(), (overdue ? "Overdue: " : "Reminder: ") + "sign " + p.policyTitle()
                        + (overdue ? " (was due " + p.dueOn() + ")" : " by " + p.dueOn()), """
                        Dear %s,

                        %s

                        %s/acknowledgments/%d""".formatted(p.name(), overdue
                        ? "Your acknowledgment of the " + p.policyTitle() + " for " + p.schoolYear()
                        + " was due on " + p.dueOn() + ". Please sign it now."
                        : "Your acknowledgment of the " + p.policyTitle() + " for " + p.schoolYear()
                        + " is due on " + p.dueOn() + ".", baseUrl, p.campaignId()));
                if (overdue && p.supervisorEmail() != null && remember(p, stage.get(), "SUPERVISOR")) {
                    sent += mail(p, p.supervisorEmail(), "Overdue acknowledgment: " + p.name(), """
                            Dear %s,

                            %s has not signed the acknowledgment of the %s for %s, due on %s.
                            Please remind them; the completion report is at %s/acknowledgments/campaigns/%d""".formatted(
                            p.supervisorName(), p.name(), p.policyTitle(), p.schoolYear(), p.dueOn(), baseUrl,
                            p.campaignId()));
                }
            }
            if (!p.suspended() && today.isAfter(p.dueOn().plusDays(settings.graceDays()))) {
                suspend(p);
            }
        }
        return sent;
    }

    /**
     * Reminds every non-signer of an open campaign now, whatever the schedule says, at most once a day each (a second
     * click sends nothing twice); refused for a campaign that is closed or not open yet.
     */
    @Transactional
    public Sent now(long districtId, long campaignId) {
        Campaign campaign = campaigns.find(districtId, campaignId)
                .orElseThrow(() -> new Refused("There is no such campaign."));
        LocalDate today = campaigns.today(districtId);
        if (!campaign.isOpen()) {
            throw new Refused("This campaign is closed: nobody is reminded to sign in it.");
        }
        if (today.isBefore(campaign.opensOn())) {
            throw new Refused("This campaign opens on " + campaign.opensOn() + ": nobody can sign in it yet.");
        }
        int reminded = 0, already = 0, withoutEmail = 0;
        for (Pending p : pending(districtId)) {
            if (p.campaignId() != campaignId) {
                continue;
            }
            if (p.email() == null || p.email().isBlank()) {
                withoutEmail++;
            } else if (!remember(p, "NOW-" + today, "EMPLOYEE")) {
                already++;
            } else {
                boolean overdue = today.isAfter(p.dueOn());
                reminded += mail(p, p.email(), (overdue ? "Overdue: " : "Reminder: ") + "sign " + p.policyTitle()
                        + (overdue ? " (was due " + p.dueOn() + ")" : " by " + p.dueOn()), """
                        Dear %s,

                        Your acknowledgment of the %s for %s %s. Please read and sign it:

                        %s/acknowledgments/%d

                        Thank you.""".formatted(p.name(), p.policyTitle(), p.schoolYear(),
                        overdue ? "was due on " + p.dueOn() : "is due on " + p.dueOn(), baseUrl, p.campaignId()));
            }
        }
        audit.record(districtId, "ACK_REMINDERS_SENT", "ack_campaign", campaignId,
                "%s: %d reminded now, %d reminded today already, %d without an e-mail address".formatted(
                        campaign.schoolYear(), reminded, already, withoutEmail));
        return new Sent(reminded, already, withoutEmail);
    }

    /**
     * The scheduled reminder due on {@code today}: the latest of "BEFORE-n" (n days before the due date), "DUE" and
     * "OVERDUE-k" (k times the interval after it) whose day has come and is after the day the person was asked;
     * on that first day the mail at open says it all.
     */
    static Optional<String> stage(LocalDate today, LocalDate startsOn, LocalDate dueOn, Settings settings) {
        if (today.isAfter(dueOn)) {
            long k = ChronoUnit.DAYS.between(dueOn, today) / settings.overdueEveryDays();
            if (k >= 1) {
                return Optional.of("OVERDUE-" + k);
            }
        }
        List<Integer> days = new ArrayList<>(settings.daysBefore()); // largest first
        String latest = null;
        for (int n : days) {
            LocalDate on = dueOn.minusDays(n);
            if (!on.isAfter(today) && on.isAfter(startsOn)) {
                latest = n == 0 ? "DUE" : "BEFORE-" + n;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Records that this reminder goes to this recipient; false when it already went. */
    private boolean remember(Pending p, String kind, String recipient) {
        return jdbc.sql("""
                        insert into ack_reminder (assignment_id, kind, recipient, sent_at) values (?, ?, ?, ?)
                        on conflict do nothing""")
                .params(p.assignmentId(), kind, recipient, Timestamp.from(campaigns.now()))
                .update() == 1;
    }

    private int mail(Pending p, String to, String subject, String body) {
        if (to == null || to.isBlank()) {
            return 0;
        }
        mailer.send(new Mail(p.districtId(), to, subject, body)); // once this run's records are committed
        return 1;
    }

    private void suspend(Pending p) {
        jdbc.sql("update ack_assignment set suspended_at = ? where id = ? and suspended_at is null")
                .params(Timestamp.from(campaigns.now()), p.assignmentId()).update();
        audit.record(p.districtId(), "ACK_PRIVILEGES_SUSPENDED", "ack_assignment", p.assignmentId(),
                "technology privileges suspended pending acknowledgment: staff %d, due %s".formatted(p.staffId(),
                        p.dueOn()));
    }

    private List<Pending> pending(long districtId) {
        return jdbc.sql("""
                        select a.id, a.district_id, a.campaign_id, a.staff_id, a.due_on,
                               greatest(c.opens_on, (a.assigned_at at time zone d.time_zone)::date) as starts_on,
                               a.suspended_at is not null as suspended,
                               st.first_name || ' ' || st.last_name as name, st.email,
                               sup.first_name || ' ' || sup.last_name as supervisor_name, sup.email as supervisor_email,
                               v.title as policy_title, c.school_year
                          from ack_assignment a
                          join ack_campaign c on c.id = a.campaign_id and c.status = 'OPEN'
                          join district d on d.id = a.district_id
                          join staff st on st.id = a.staff_id and st.status = 'ACTIVE'
                          left join staff sup on sup.id = st.supervisor_id
                          join policy_version v on v.id = c.policy_version_id
                         where a.district_id = ?
                           and not exists (select 1 from ack_signature s
                                            where s.campaign_id = a.campaign_id and s.staff_id = a.staff_id)""")
                .param(districtId)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class), rs.getBoolean(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                        rs.getString(13)))
                .list();
    }
}
