package org.steward.investigations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A finding sent for investigation, the aggregate: it waits for an investigator until technology services takes
 * the finding back (confirms it without an investigation, reopens or dismisses it), and waits again if the finding
 * is sent once more. Its steps say who moved it, when and why. One per finding.
 */
@Table("investigation_referral")
class Referral {

    enum Status {
        WAITING("Waiting for an investigator"), WITHDRAWN("Withdrawn"), TAKEN("Taken into a case");

        private final String title;

        Status(String title) {
            this.title = title;
        }

        String title() {
            return title;
        }

        /**
         * A referral taken into a case is the case's now: sent again (an event delivered twice) it stays there, and
         * only technology services taking the finding back withdraws it.
         */
        boolean mayBecome(Status next) {
            return switch (this) {
                case WAITING -> next != WAITING;
                case WITHDRAWN -> next == WAITING;
                case TAKEN -> next == WITHDRAWN;
            };
        }
    }

    /** What the referral is about, as the finding says when it is sent. */
    record Finding(long districtId, long findingId, String rule, String title, String severity, String subject,
                   Long subjectStaffId) {
    }

    /** One step of its history, in order. */
    @Table("investigation_referral_step")
    record Step(Status status, String byName, String reason, Instant at) {
    }

    /** What a change came to: a step recorded, or why not (as when an event is delivered a second time). */
    sealed interface Moved permits Recorded, Unmoved {
    }

    record Recorded(Step step) implements Moved {
    }

    record Unmoved(String reason) implements Moved {
    }

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final long findingId;
    private final String rule;
    private final String title;
    private final String severity;
    private final String subject;
    private final Long subjectStaffId;
    private Status status;
    @MappedCollection(idColumn = "referral_id", keyColumn = "position")
    private final List<Step> steps;

    @PersistenceCreator
    Referral(Long id, Integer version, long districtId, long findingId, String rule, String title, String severity,
             String subject, Long subjectStaffId, Status status, List<Step> steps) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.findingId = findingId;
        this.rule = rule;
        this.title = title;
        this.severity = severity;
        this.subject = subject;
        this.subjectStaffId = subjectStaffId;
        this.status = status;
        this.steps = new ArrayList<>(steps);
    }

    /** The finding, sent for investigation by {@code by}: it waits for an investigator. */
    static Referral of(Finding finding, String by, Instant at) {
        return new Referral(null, null, finding.districtId(), finding.findingId(), finding.rule(), finding.title(),
                finding.severity(), finding.subject(), finding.subjectStaffId(), Status.WAITING,
                List.of(new Step(Status.WAITING, by, "", at)));
    }

    /** Sent for investigation again after it was taken back. */
    Moved referAgain(String by, Instant at) {
        return move(Status.WAITING, by, "", at);
    }

    /** An investigator took it into case {@code number}: it no longer waits. */
    Moved takeInto(int number, String by, Instant at) {
        if (status != Status.WAITING) {
            return new Unmoved("The referral no longer waits for an investigator: it is "
                    + status.title().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        return move(Status.TAKEN, by, "taken into case " + number, at);
    }

    /** Technology services took the finding back, saying what it did instead. */
    Moved withdraw(String by, String reason, Instant at) {
        return move(Status.WITHDRAWN, by, reason, at);
    }

    private Moved move(Status to, String by, String reason, Instant at) {
        if (!status.mayBecome(to)) {
            return new Unmoved(status == to
                    ? "The referral is already " + to.title().toLowerCase(java.util.Locale.ROOT) + "."
                    : "The referral is " + status.title().toLowerCase(java.util.Locale.ROOT) + ", so it stays so.");
        }
        status = to;
        Step step = new Step(to, by, reason == null ? "" : reason.strip(), at);
        steps.add(step);
        return new Recorded(step);
    }

    Long id() {
        return id;
    }

    long districtId() {
        return districtId;
    }

    long findingId() {
        return findingId;
    }

    String rule() {
        return rule;
    }

    String title() {
        return title;
    }

    String severity() {
        return severity;
    }

    String subject() {
        return subject;
    }

    Long subjectStaffId() {
        return subjectStaffId;
    }

    Status status() {
        return status;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** When it was last sent for investigation. */
    Instant referredAt() {
        return steps.stream().filter(s -> s.status() == Status.WAITING).reduce((a, b) -> b).orElseThrow().at();
    }
}
