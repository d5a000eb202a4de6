package org.steward.investigations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.steward.policies.CitedClause;

/**
 * One case as its page shows it: the case, the cases merged into it (whose sources, tasks and notes it carries on
 * with), its notes and theirs, the evidence added to either, the clause its outcome cited, and everything in the
 * order it happened.
 */
record CaseView(Case kase, List<Case> merged, List<NoteRow> notes, List<EvidenceAdded> evidence, CitedClause clause) {

    /** A note as kept, with the case it was written on (this one or one merged into it). */
    record NoteRow(int caseNumber, String author, Instant at, String text) {
    }

    /** An item of evidence as the timeline tells it: when, by whom, on which case, what it is. */
    record EvidenceAdded(int caseNumber, String addedBy, Instant addedAt, String description) {
    }

    /** A source, task or merged case's item, with the number of the case it came from. */
    record From<T>(int caseNumber, int index, T item) {
    }

    /** One line of the timeline. */
    record Moment(Instant at, String who, String what) {
    }

    public List<From<Case.Source>> sources() {
        List<From<Case.Source>> all = new ArrayList<>();
        for (Case c : cases()) {
            List<Case.Source> own = c.sources();
            for (int i = 0; i < own.size(); i++) {
                all.add(new From<>(c.number(), i, own.get(i)));
            }
        }
        return all;
    }

    public List<From<Case.Task>> tasks() {
        List<From<Case.Task>> all = new ArrayList<>();
        for (Case c : cases()) {
            List<Case.Task> own = c.tasks();
            for (int i = 0; i < own.size(); i++) {
                all.add(new From<>(c.number(), i, own.get(i)));
            }
        }
        return all;
    }

    /** Whether a task shown is this case's own, which may still be marked done here. */
    public boolean own(From<?> item) {
        return item.caseNumber() == kase.number();
    }

    /** Everything that happened to the case and to the cases merged into it, earliest first. */
    public List<Moment> timeline() {
        List<Moment> moments = new ArrayList<>();
        for (Case c : cases()) {
            String on = c == kase ? "" : " (case " + c.number() + ")";
            moments.add(new Moment(c.openedAt(), c.openedBy(), "Opened case " + c.number() + ": " + c.title()));
            c.sources().forEach(s -> moments.add(new Moment(s.addedAt(), s.addedBy(), "Source: " + s.label() + on)));
            c.assignees().forEach(a -> moments.add(new Moment(a.addedAt(), a.addedBy(),
                    "Assigned " + a.name() + on)));
            c.tasks().forEach(t -> {
                moments.add(new Moment(t.addedAt(), t.addedBy(), "Task for " + t.assigneeName() + ": " + t.title()
                        + on));
                if (t.done()) {
                    moments.add(new Moment(t.doneAt(), t.doneBy(), "Task done: " + t.title() + on));
                }
            });
            c.links().forEach(l -> moments.add(new Moment(l.linkedAt(), l.linkedBy(),
                    "Linked to case " + l.linkedNumber() + on)));
            if (c != kase) {
                moments.add(new Moment(c.closedAt(), c.closedBy(), "Case " + c.number() + " merged into this one"));
            }
        }
        notes.forEach(n -> moments.add(new Moment(n.at(), n.author(), "Note" + (n.caseNumber() == kase.number()
                ? "" : " (case " + n.caseNumber() + ")") + ": " + n.text())));
        evidence.forEach(e -> moments.add(new Moment(e.addedAt(), e.addedBy(), "Evidence added: " + e.description()
                + (e.caseNumber() == kase.number() ? "" : " (case " + e.caseNumber() + ")"))));
        if (kase.status() == Case.Status.CLOSED) {
            moments.add(new Moment(kase.closedAt(), kase.closedBy(), "Closed: " + kase.outcome().title()
                    + (kase.outcomeClauseKey() == null ? "" : ", clause " + kase.outcomeClauseKey())));
        } else if (kase.status() == Case.Status.MERGED) {
            moments.add(new Moment(kase.closedAt(), kase.closedBy(), "Merged into another case"));
        }
        moments.sort(Comparator.comparing(Moment::at));
        return moments;
    }

    private List<Case> cases() {
        List<Case> all = new ArrayList<>();
        all.add(kase);
        all.addAll(merged);
        return all;
    }
}
