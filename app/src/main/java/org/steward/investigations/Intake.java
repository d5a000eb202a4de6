package org.steward.investigations;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;
import org.steward.activity.FindingConfirmed;
import org.steward.activity.FindingReconsidered;
import org.steward.activity.Findings;
import org.steward.audit.AuditLog;
import org.steward.districts.DistrictTime;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;

/**
 * The findings technology services sends for investigation, kept as referrals waiting for an investigator, and
 * the investigators told by e-mail. Each event about a finding makes its referral agree with where the finding
 * stands now, read after the finding's change committed: delivered twice or out of order (the listeners run
 * apart, and are retried), the events still leave one referral per finding, in the right state.
 */
@Service
class Intake {

    private final Referrals referrals;
    private final Findings findings;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Mailer mailer;
    private final AccountDirectory accounts;
    private final DistrictTime time;
    private final Clock clock;
    private final String baseUrl;

    Intake(Referrals referrals, Findings findings, JdbcClient jdbc, AuditLog audit, Mailer mailer,
           AccountDirectory accounts, DistrictTime time, Clock clock,
           @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
        this.referrals = referrals;
        this.findings = findings;
        this.jdbc = jdbc;
        this.audit = audit;
        this.mailer = mailer;
        this.accounts = accounts;
        this.time = time;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    @ApplicationModuleListener
    void on(FindingConfirmed confirmed) {
        reconcile(confirmed.districtId(), confirmed.findingId());
    }

    @ApplicationModuleListener
    void on(FindingReconsidered reconsidered) {
        reconcile(reconsidered.districtId(), reconsidered.findingId());
    }

    /** Waiting referrals, the longest waiting first. */
    List<Referred> waiting(long districtId) {
        return referrals.findByDistrictIdAndStatus(districtId, Referral.Status.WAITING).stream().map(Referred::of)
                .sorted(Comparator.comparing(Referred::at)).toList();
    }

    /** Withdrawn referrals, the latest first, at most {@code limit}. */
    List<Referred> withdrawn(long districtId, int limit) {
        return referrals.latestWithdrawn(districtId, limit).stream().map(Referred::of).toList();
    }

    private void reconcile(long districtId, long findingId) {
        // one change to a finding's referral at a time: the lock ends with this listener's transaction
        jdbc.sql("select pg_advisory_xact_lock(4042, ?::int)").param((int) findingId).query(Object.class).list();
        Findings.Finding finding = findings.find(districtId, findingId).orElse(null);
        if (finding == null) {
            return;
        }
        List<Findings.Step> steps = findings.steps(districtId, findingId);
        Findings.Step last = steps.get(steps.size() - 1);
        Optional<Referral> existing = referrals.findByDistrictIdAndFindingId(districtId, findingId);
        if (finding.status() == Findings.Status.INVESTIGATION) {
            Referral referral;
            if (existing.isEmpty()) {
                referral = Referral.of(new Referral.Finding(districtId, findingId, finding.rule(), finding.title(),
                        finding.severity(), finding.who(), finding.staffId()), last.by(), last.at());
            } else if (existing.get().referAgain(last.by(), last.at()) instanceof Referral.Recorded) {
                referral = existing.get();
            } else {
                return; // already waiting: this event was delivered before
            }
            Referral saved = referrals.save(referral);
            audit.record(districtId, "INVESTIGATION_REFERRED", "investigation_referral", saved.id(),
                    "finding %d (%s) sent for investigation by %s".formatted(findingId, finding.rule(), last.by()));
            tellInvestigators(saved, last.by());
        } else if (existing.isPresent()) {
            String instead = switch (finding.status()) {
                case CONFIRMED -> "confirmed without an investigation";
                case OPEN -> "reopened";
                case DISMISSED -> "dismissed";
                case INVESTIGATION -> throw new IllegalStateException();
            };
            String reason = last.reason().isBlank() ? instead : instead + ": " + last.reason();
            if (existing.get().withdraw(last.by(), reason, clock.instant()) instanceof Referral.Recorded) {
                referrals.save(existing.get());
                audit.record(districtId, "INVESTIGATION_REFERRAL_WITHDRAWN", "investigation_referral",
                        existing.get().id(), "finding %d %s by %s".formatted(findingId, reason, last.by()));
            }
        }
    }

    /** Who the finding is about stays in Steward, behind its pages: the message names the finding only. */
    private void tellInvestigators(Referral referral, String by) {
        String day = referral.referredAt().atZone(time.zone(referral.districtId())).toLocalDate().toString();
        for (AccountDirectory.Addressee investigator : accounts.addresseesIn(referral.districtId(),
                Role.INVESTIGATOR)) {
            mailer.send(new Mail(referral.districtId(), investigator.email(),
                    "A finding was sent for investigation", """
                    Dear %s,

                    Finding %d, "%s", was sent for investigation by %s on %s.
                    It waits for an investigator: %s/investigations
                    """.formatted(investigator.name(), referral.findingId(), referral.title(), by, day, baseUrl)));
        }
    }
}
