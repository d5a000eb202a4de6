package org.steward.investigations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.AccountClosures;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Signature;
import org.steward.acknowledgments.Signing;
import org.steward.audit.AuditLog;
import org.steward.devices.Incidents;
import org.steward.holds.HeldKind;
import org.steward.policies.Clause;
import org.steward.policies.PolicyDocument;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;

/**
 * Cases worked by investigators: thin, as a workflow service is: load the case of the signer's district, hand it
 * what it needs to know, save it whole, audit, and say what happened. A refusal changes nothing and says why.
 * Every method is given the signed-in person, whose district bounds every record it reads.
 */
@Service
class Cases {

    /** A change refused, with the reason a person can read: nothing was changed. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final CaseRecords cases;
    private final Referrals referrals;
    private final Incidents incidents;
    private final AccountDirectory accounts;
    private final StaffDirectory staff;
    private final Signing signing;
    private final PolicyLibrary policies;
    private final AccountClosures closures;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.steward.holds.RecordHolds holds;

    Cases(CaseRecords cases, Referrals referrals, Incidents incidents, AccountDirectory accounts,
          StaffDirectory staff, Signing signing, PolicyLibrary policies, AccountClosures closures, AuditLog audit,
          ApplicationEventPublisher events, JdbcClient jdbc, Clock clock, org.steward.holds.RecordHolds holds) {
        this.holds = holds;
        this.cases = cases;
        this.referrals = referrals;
        this.incidents = incidents;
        this.accounts = accounts;
        this.staff = staff;
        this.signing = signing;
        this.policies = policies;
        this.closures = closures;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An investigator opens a case from nothing: a title, and the subject when known. */
    @Transactional
    Case openFromNothing(StewardUser me, String title, Long subjectStaffId) {
        investigator(me);
        Case.Subject subject = subjectStaffId == null ? null : subject(me, subjectStaffId);
        return open(me, title, subject, null);
    }

    /** An investigator takes a waiting referral into a new case: it leaves the waiting list. */
    @Transactional
    Case openFromReferral(StewardUser me, long referralId) {
        investigator(me);
        Referral referral = referrals.findById(referralId).filter(r -> r.districtId() == me.districtId())
                .orElseThrow(() -> notFound("There is no such referral in your district."));
        // the same lock as Intake's, so technology services taking the finding back waits for this, or wins
        jdbc.sql("select pg_advisory_xact_lock(4042, ?::int)").param((int) referral.findingId()).query(Object.class)
                .list();
        referral = referrals.findById(referralId).orElseThrow();
        if (referral.status() != Referral.Status.WAITING) {
            throw new Refused("The referral of finding " + referral.findingId() + " no longer waits: it is "
                    + referral.status().title().toLowerCase(java.util.Locale.ROOT) + ".");
        }
        Case.Subject subject = referral.subjectStaffId() == null ? null
                : new Case.Subject(referral.subjectStaffId(), referral.subject());
        Case opened = open(me, referral.title(), subject, new Case.Source(Case.SourceKind.REFERRAL, referral.id(),
                "Finding " + referral.findingId() + ", " + referral.title(), me.displayName(), clock.instant()));
        if (!(referral.takeInto(opened.number(), me.displayName(), clock.instant()) instanceof Referral.Recorded)) {
            throw new IllegalStateException("a waiting referral is taken into a case");
        }
        referrals.save(referral);
        hold(opened, HeldKind.FINDING, referral.findingId());
        audit.record(me.districtId(), "INVESTIGATION_REFERRAL_TAKEN", "investigation_referral", referral.id(),
                "finding %d taken into case %d by %s".formatted(referral.findingId(), opened.number(),
                        me.getUsername()));
        return opened;
    }

    /** An investigator opens a case from an employee's report of a lost or stolen device. */
    @Transactional
    Case openFromIncident(StewardUser me, long incidentId) {
        investigator(me);
        Incidents.Incident incident = incidents.find(me.districtId(), incidentId)
                .orElseThrow(() -> notFound("There is no such device incident in your district."));
        if (incident.kind() == Incidents.Kind.DAMAGE) {
            throw new Refused("Incident " + incidentId + " reports damage; a case is opened from a loss or a theft"
                    + " (Oak Park 6, Clovis R).");
        }
        jdbc.sql("select number from investigation_case c join investigation_case_source s on s.case_id = c.id"
                        + " where c.district_id = ? and s.kind = 'INCIDENT' and s.record_id = ? limit 1")
                .params(me.districtId(), incidentId).query(Integer.class).optional().ifPresent(number -> {
                    throw new Refused("Device incident " + incidentId + " is already a source of case " + number
                            + ".");
                });
        String what = incident.kind() == Incidents.Kind.THEFT ? "Theft" : "Loss";
        Case opened = open(me, what + " of " + incident.assetTag(), new Case.Subject(incident.staffId(),
                incident.employee()), new Case.Source(Case.SourceKind.INCIDENT, incident.id(),
                "Device incident " + incident.id() + ": " + what.toLowerCase(java.util.Locale.ROOT) + " of "
                        + incident.assetTag(), me.displayName(), clock.instant()));
        hold(opened, HeldKind.DEVICE, incident.deviceId());
        return opened;
    }

    /** An investigator opens a case from an employee's report (Reports takes the report into it). */
    Case openFromReport(StewardUser me, String title, Case.Source source) {
        investigator(me);
        return open(me, title, null, source);
    }

    /** An open case takes in another source, such as a report about what it investigates. */
    Case takeIn(StewardUser me, long caseId, Case.Source source) {
        investigator(me);
        return change(me, caseId, "CASE_SOURCE_ADDED", c -> c.takeIn(source));
    }

    /** The case that carries on with a merged case's sources: see {@link CaseRecords#carriedOnBy}. */
    Case carriedOnBy(Case merged) {
        return CaseRecords.carriedOnBy(cases, merged);
    }

    /** A case of the district by its id, as a listener that has no signed-in person reads it. */
    Optional<Case> byId(long districtId, long caseId) {
        return cases.findByDistrictIdAndId(districtId, caseId);
    }

    private Case open(StewardUser me, String title, Case.Subject subject, Case.Source source) {
        Case.titleProblem(title).ifPresent(problem -> {
            throw new Refused(problem);
        });
        notAboutThemselves(me, subject);
        // one number at a time per district; the lock ends with the transaction
        jdbc.sql("select pg_advisory_xact_lock(4045, ?::int)").param((int) me.districtId()).query(Object.class)
                .list();
        int number = jdbc.sql("select coalesce(max(number), 0) + 1 from investigation_case where district_id = ?")
                .param(me.districtId()).query(Integer.class).single();
        Case opened = cases.save(Case.open(me.districtId(), number, title, subject, source,
                new Case.Person(me.accountId(), me.displayName()), clock.instant()));
        if (subject != null) {
            hold(opened, HeldKind.STAFF, subject.staffId());
        }
        audit.record(me.districtId(), "CASE_OPENED", "investigation_case", opened.id(),
                "case %d \"%s\" opened by %s%s%s".formatted(number, opened.title(), me.getUsername(),
                        subject == null ? "" : ", about staff " + subject.staffId(),
                        source == null ? "" : ", from " + source.label()));
        return opened;
    }

    /** The case, of the signer's district; whether they may see it is {@link CaseAccess}'s to say first. */
    Case find(StewardUser me, long caseId) {
        return cases.findByDistrictIdAndId(me.districtId(), caseId)
                .orElseThrow(() -> new Refused("There is no such case in your district."));
    }

    /** The cases merged into this one, at any depth (A into B, B into this), the earliest first. */
    List<Case> mergedInto(StewardUser me, long caseId) {
        List<Long> family = jdbc.sql("select id from investigation_case_family(?) where id <> ?")
                .params(caseId, caseId).query(Long.class).list();
        return cases.findAllById(family).stream().filter(c -> c.districtId() == me.districtId())
                .sorted(java.util.Comparator.comparingInt(Case::number)).toList();
    }

    @Transactional
    void nameSubject(StewardUser me, long caseId, long staffId) {
        investigator(me);
        Case.Subject subject = subject(me, staffId);
        notAboutThemselves(me, subject);
        Case named = change(me, caseId, "CASE_SUBJECT_NAMED", c -> c.nameSubject(subject, me.displayName()));
        hold(named, HeldKind.STAFF, staffId);
    }

    @Transactional
    void assign(StewardUser me, long caseId, long accountId) {
        investigator(me);
        AccountDirectory.AccountSummary account = accounts.inDistrict(me.districtId()).stream()
                .filter(a -> a.id() == accountId).findFirst()
                .orElseThrow(() -> new Refused("There is no such account in your district."));
        Case kase = find(me, caseId);
        if (account.staffId() != null && account.staffId().equals(kase.subjectStaffId())) {
            throw new Refused("The person a case is about is not one of its people: they read its outcome when it"
                    + " closes.");
        }
        change(me, kase, "CASE_ASSIGNED", c -> c.assign(new Case.Person(account.id(), account.displayName()),
                me.displayName(), clock.instant()));
    }

    /** A task for one of the case's people; its due day is a date of the district's calendar, as typed. */
    @Transactional
    void addTask(StewardUser me, long caseId, String title, Long assigneeAccountId, String due) {
        LocalDate dueOn = null;
        if (due != null && !due.isBlank()) {
            try {
                dueOn = LocalDate.parse(due.strip());
            } catch (java.time.format.DateTimeParseException e) {
                throw new Refused("The due date is a date like 2026-12-19, not '" + due.strip() + "'.");
            }
        }
        LocalDate on = dueOn;
        change(me, caseId, "CASE_TASK_ADDED", c -> c.addTask(title, assigneeAccountId, on, me.displayName(),
                clock.instant()));
    }

    @Transactional
    void completeTask(StewardUser me, long caseId, int index) {
        change(me, caseId, "CASE_TASK_DONE", c -> c.completeTask(index, me.displayName(), clock.instant()));
    }

    /** A note appended to the case: kept as written, with its author and time. */
    @Transactional
    void addNote(StewardUser me, long caseId, String text) {
        Case found = find(me, caseId);
        Case.Noted noted = found.note(me.displayName(), text, clock.instant());
        if (noted instanceof Case.NoteRefused refused) {
            throw new Refused(refused.reason());
        }
        Case.Note note = ((Case.NoteToAdd) noted).note();
        jdbc.sql("insert into investigation_case_note (case_id, author, at, text) values (?, ?, ?, ?)")
                .params(note.caseId(), note.author(), java.sql.Timestamp.from(note.at()), note.text()).update();
        audit.record(me.districtId(), "CASE_NOTE_ADDED", "investigation_case", caseId,
                "note on case %d by %s".formatted(found.number(), me.getUsername()));
    }

    /** Linked to another case of the district, named by its number as the list shows it. */
    @Transactional
    void link(StewardUser me, long caseId, int otherNumber) {
        investigator(me);
        Case.Other other = cases.findByDistrictIdAndNumber(me.districtId(), otherNumber).map(Case::asOther)
                .orElseThrow(() -> new Refused("There is no such case in your district to link to."));
        change(me, caseId, "CASE_LINKED", c -> c.link(other, me.displayName(), clock.instant()));
    }

    /**
     * The case is merged into another open case of the district, named by its number, which carries on with its
     * sources and notes.
     */
    @Transactional
    void merge(StewardUser me, long caseId, int survivorNumber) {
        investigator(me);
        Case.Other survivor = cases.findByDistrictIdAndNumber(me.districtId(), survivorNumber).map(Case::asOther)
                .orElseThrow(() -> new Refused("There is no such case in your district to merge into."));
        Case merged = change(me, caseId, "CASE_MERGED", c -> c.mergeInto(survivor, me.displayName(),
                clock.instant()));
        events.publishEvent(new CaseClosed(me.districtId(), merged.id(), merged.closedAt()));
    }

    /**
     * Closes the case with its outcome, citing a clause of the version the subject signed. "Privileges cancelled"
     * closes the subject's accounts: their sessions end and their next sign-in is refused. Of two investigators
     * closing at once, the second is told the first did, and nothing of theirs is kept.
     */
    @Transactional
    Case close(StewardUser me, long caseId, Case.Decision decision) {
        investigator(me);
        Case found = find(me, caseId);
        Case.SignedVersion signed = found.subjectStaffId() == null ? null
                : signedVersion(me.districtId(), found.subjectStaffId(), clock.instant()).orElse(null);
        Case closed = change(me, found, "CASE_CLOSED", c -> c.close(decision, signed, me.displayName(),
                clock.instant()));
        if (closed.outcome() == Case.Outcome.PRIVILEGES_CANCELLED) {
            int ended = closures.closeForStaff(me.districtId(), closed.subjectStaffId(),
                    "privileges cancelled under clause %s, as decided in investigation case %d; the outcome was"
                            .formatted(closed.outcomeClauseKey(), closed.number()) + " sent to you by e-mail");
            audit.record(me.districtId(), "CASE_PRIVILEGES_CANCELLED", "investigation_case", caseId,
                    "case %d: %d account(s) of staff %d closed".formatted(closed.number(), ended,
                            closed.subjectStaffId()));
        }
        events.publishEvent(new CaseClosed(me.districtId(), closed.id(), closed.closedAt()));
        return closed;
    }

    /**
     * The version of the policy a person had signed at a moment (their latest acknowledgment by then), with its
     * clauses: what an outcome about them may cite.
     */
    Optional<Case.SignedVersion> signedVersion(long districtId, long staffId, Instant at) {
        return signing.signedBy(districtId, staffId).stream().filter(s -> !s.signedAt().isAfter(at)).findFirst()
                .flatMap(s -> policies.publishedDocument(districtId, s.policyVersionId())
                        .map(d -> signed(s, d)));
    }

    /** The version the person has signed now. */
    Optional<Case.SignedVersion> signedVersion(long districtId, long staffId) {
        return signedVersion(districtId, staffId, clock.instant());
    }

    private static Case.SignedVersion signed(Signature signature, PolicyDocument document) {
        Set<String> keys = document.version().clauseList().stream().map(Clause::key)
                .collect(Collectors.toUnmodifiableSet());
        return new Case.SignedVersion(signature.policyVersionId(), signature.policyTitle(),
                signature.policyVersion(), keys);
    }

    /**
     * The numbered items of that version, in order, for the outcome form to offer (what a person can violate is an
     * item such as Clovis C.27, not a heading); a version with no numbered items offers its paragraphs.
     */
    List<Clause> signedClauses(long districtId, long staffId) {
        List<Clause> clauses = signedVersion(districtId, staffId, clock.instant())
                .flatMap(v -> policies.publishedDocument(districtId, v.policyVersionId()))
                .map(d -> d.version().clauseList()).orElse(List.of());
        List<Clause> items = clauses.stream().filter(c -> c.kind() == org.steward.policies.ClauseKind.ITEM).toList();
        return items.isEmpty() ? clauses.stream().filter(c -> c.kind() == org.steward.policies.ClauseKind.PARAGRAPH)
                .toList() : items;
    }

    private Case change(StewardUser me, long caseId, String action,
                        java.util.function.Function<Case, Case.Changed> how) {
        return change(me, find(me, caseId), action, how);
    }

    private Case change(StewardUser me, Case found, String action,
                        java.util.function.Function<Case, Case.Changed> how) {
        Case.Changed changed = how.apply(found);
        if (changed instanceof Case.Refused refused) {
            throw new Refused(refused.reason());
        }
        Case saved;
        try {
            saved = cases.save(found);
        } catch (OptimisticLockingFailureException | DuplicateKeyException
                 | org.springframework.dao.PessimisticLockingFailureException e) {
            throw new Refused("Someone else changed case " + found.number() + " a moment ago; nothing of yours was"
                    + " recorded. The case shows where it stands now.");
        } catch (org.springframework.jdbc.UncategorizedSQLException e) {
            if (e.getSQLException() == null || !"P0001".equals(e.getSQLException().getSQLState())) {
                throw e;
            }
            // the schema's own guard, reached only by a change racing another (a merge into a case merged meanwhile)
            throw new Refused("Someone else changed case " + found.number() + " a moment ago; nothing of yours was"
                    + " recorded. The case shows where it stands now.");
        }
        audit.record(me.districtId(), action, "investigation_case", saved.id(),
                "case %d: %s".formatted(saved.number(), ((Case.Done) changed).what()));
        return saved;
    }

    /**
     * What a case is about is kept from the day it opens, before any evidence is drawn: the finding it was opened
     * from, the device reported, the staff member it names (released when the case closes, handed on when it merges).
     */
    private void hold(Case kase, HeldKind kind, long recordId) {
        holds.hold(kase.districtId(), kind, recordId, null, null, kase.id(), kase.number(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    /** No one investigates themselves: a case about an investigator is opened and worked by another. */
    private static void notAboutThemselves(StewardUser me, Case.Subject subject) {
        if (subject != null && me.staffId() != null && subject.staffId() == me.staffId()) {
            throw new Refused("A case about you is opened and worked by another investigator.");
        }
    }

    private Case.Subject subject(StewardUser me, long staffId) {
        return staff.find(me.districtId(), staffId).map(m -> new Case.Subject(m.id(), m.fullName()))
                .orElseThrow(() -> new Refused("There is no such staff member in your district."));
    }

    /** Another district's record, or none: not found, as a number tried tells nothing of whether it exists. */
    private static org.springframework.web.server.ResponseStatusException notFound(String why) {
        return new org.springframework.web.server.ResponseStatusException(
                org.springframework.http.HttpStatus.NOT_FOUND, why);
    }

    private static void investigator(StewardUser me) {
        if (!me.mayInvestigate()) {
            throw new Refused("Only an investigator does this; the case's other people add tasks and notes.");
        }
    }
}
