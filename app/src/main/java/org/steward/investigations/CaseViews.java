package org.steward.investigations;

import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.steward.accounts.StewardUser;
import org.steward.policies.ClauseReference;
import org.steward.policies.PolicyLibrary;

/**
 * Reads one case whole, as its page and its case file show it: the case, the cases merged into it, every note of
 * either and when each item of evidence was added to it, and the clause its outcome cited. Asks nothing of who may see it: {@link Cases#find} does.
 */
@Component
class CaseViews {

    private final Cases cases;
    private final PolicyLibrary policies;
    private final JdbcClient jdbc;

    CaseViews(Cases cases, PolicyLibrary policies, JdbcClient jdbc) {
        this.cases = cases;
        this.policies = policies;
        this.jdbc = jdbc;
    }

    CaseView view(StewardUser me, long id) {
        Case kase = cases.find(me, id);
        List<Case> merged = cases.mergedInto(me, id);
        List<Long> ids = new ArrayList<>(List.of(id));
        merged.forEach(m -> ids.add(m.id()));
        List<CaseView.NoteRow> notes = jdbc.sql("""
                        select c.number as case_number, n.author, n.at, n.text from investigation_case_note n
                          join investigation_case c on c.id = n.case_id
                         where n.case_id in (:ids) order by n.at, n.id""")
                .param("ids", ids).query(CaseView.NoteRow.class).list();
        List<CaseView.EvidenceAdded> evidence = jdbc.sql("""
                        select c.number as case_number, e.added_by, e.added_at, e.description
                          from investigation_evidence e join investigation_case c on c.id = e.case_id
                         where e.case_id in (:ids) order by e.added_at, e.id""")
                .param("ids", ids).query(CaseView.EvidenceAdded.class).list();
        return new CaseView(kase, merged, notes, evidence, kase.outcomeVersionId() == null ? null
                : policies.cited(me.districtId(), new ClauseReference(kase.outcomeVersionId(),
                kase.outcomeClauseKey())).orElse(null));
    }

    /** The case file's contents completed with the case's timeline and its outcome, with the clause's words. */
    CaseFileContents completed(StewardUser me, long id, CaseFileContents contents) {
        CaseView view = view(me, id);
        Case kase = view.kase();
        CaseFileContents done = contents.withTimeline(view.timeline().stream()
                .map(m -> new CaseFileContents.TimelineEntry(m.at(), m.what(), m.who())).toList());
        if (kase.status() != Case.Status.CLOSED) {
            return done;
        }
        return done.withOutcome(new CaseFileContents.Outcome(kase.outcome().title(),
                view.clause() == null ? null : view.clause().name(),
                view.clause() == null ? null : view.clause().clause().text(),
                kase.outcomeSummary(), kase.closedBy(), kase.closedAt()));
    }
}
