package org.steward.investigations;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.steward.districts.DistrictTime;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.policies.CitedClause;
import org.steward.policies.ClauseReference;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;

/**
 * Tells the subject of a closed case its outcome by e-mail: the decision, the day, the clause's words and the
 * summary, what their "Outcomes about me" page shows and nothing else of the case. An employee whose privileges were
 * cancelled can no longer sign in to read it there. A merged case has no outcome of its own and sends nothing.
 * The listener's mail is written with its transaction, so a delivery retried after a failure sends it once.
 */
@Component
class OutcomeNotices {

    private final CaseRecords cases;
    private final StaffDirectory staff;
    private final PolicyLibrary policies;
    private final Mailer mailer;
    private final DistrictTime time;
    private final String baseUrl;

    OutcomeNotices(CaseRecords cases, StaffDirectory staff, PolicyLibrary policies, Mailer mailer, DistrictTime time,
                   @Value("${steward.base-url:http://localhost:8080}") String baseUrl) {
        this.cases = cases;
        this.staff = staff;
        this.policies = policies;
        this.mailer = mailer;
        this.time = time;
        this.baseUrl = baseUrl;
    }

    @ApplicationModuleListener
    void on(CaseClosed closed) {
        Case kase = cases.findById(closed.caseId()).filter(c -> c.districtId() == closed.districtId()).orElse(null);
        if (kase == null || kase.status() != Case.Status.CLOSED || kase.subjectStaffId() == null) {
            return;
        }
        staff.find(kase.districtId(), kase.subjectStaffId()).filter(m -> m.email() != null && !m.email().isBlank())
                .ifPresent(subject -> mailer.send(new Mail(kase.districtId(), subject.email(),
                        "An outcome about you: " + kase.outcome().title(), body(kase, subject.fullName()))));
    }

    private String body(Case kase, String name) {
        String day = kase.closedAt().atZone(time.zone(kase.districtId())).toLocalDate().toString();
        StringBuilder text = new StringBuilder("Dear %s,\n\nOn %s the district decided an investigation about you: %s."
                .formatted(name, day, kase.outcome().title().toLowerCase(java.util.Locale.ROOT)));
        CitedClause clause = kase.outcomeVersionId() == null ? null : policies.cited(kase.districtId(),
                new ClauseReference(kase.outcomeVersionId(), kase.outcomeClauseKey())).orElse(null);
        if (clause != null) {
            text.append("\n\nIt was decided under ").append(clause.name())
                    .append(", of the policy you signed:\n\n").append(clause.clause().text());
        }
        text.append("\n\n").append(kase.outcomeSummary());
        if (kase.outcome() == Case.Outcome.PRIVILEGES_CANCELLED) {
            text.append("\n\nYour district technology privileges are cancelled: you can no longer sign in to Steward."
                    + " Ask your supervisor or human resources about what follows.");
        } else {
            text.append("\n\nYou can read it again under \"Outcomes about me\": ").append(baseUrl)
                    .append("/my/outcomes");
        }
        return text.append('\n').toString();
    }
}
