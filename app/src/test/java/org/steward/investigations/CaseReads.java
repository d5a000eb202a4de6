package org.steward.investigations;

import java.util.List;

import org.springframework.context.ApplicationContext;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.StewardUser;
import org.steward.lists.ListParams;
import org.steward.lists.Paged;
import org.steward.lists.Paging;

/**
 * What the investigations' pages read, asked as their controllers ask it, for {@code org.steward.bench.CasesBenchmark}
 * outside the module: the module's services stay package-private, and the benchmark times them through this.
 */
public final class CaseReads {

    /** What the case list's page reads: the page of cases, and the people on some case its filter offers. */
    public record ListPage(Paged<?> cases, int accountsOffered) {
    }

    private final CaseList list;
    private final WaitingList waiting;
    private final Intake intake;
    private final CaseAccess access;
    private final CaseViews views;
    private final EvidenceLocker evidence;
    private final Cases cases;
    private final AccountDirectory accounts;

    public CaseReads(ApplicationContext context) {
        this.list = context.getBean(CaseList.class);
        this.waiting = context.getBean(WaitingList.class);
        this.intake = context.getBean(Intake.class);
        this.access = context.getBean(CaseAccess.class);
        this.views = context.getBean(CaseViews.class);
        this.evidence = context.getBean(EvidenceLocker.class);
        this.cases = context.getBean(Cases.class);
        this.accounts = context.getBean(AccountDirectory.class);
    }

    /** The case list as {@code CaseController.cases} reads it: a blank status for all, a null assignee for anyone. */
    public ListPage cases(long districtId, String status, Long assignee, ListParams params) {
        Paging paging = CaseList.COLUMNS.paging(params, CaseController.PAGE).at("/investigations/cases")
                .keeping("status", status).keeping("assignee", assignee);
        Paged<?> page = list.page(districtId, new CaseList.Filter(status, assignee), paging);
        return new ListPage(page, list.onSomeCase(accounts.inDistrict(districtId)).size());
    }

    /** "My cases", as {@code CaseController.mine} reads it. */
    public Paged<?> mine(StewardUser me, ListParams params) {
        return list.page(me.districtId(), new CaseList.Filter("", me.accountId()),
                CaseList.COLUMNS.paging(params, CaseController.PAGE).at("/investigations/cases/mine"));
    }

    /** The investigators' waiting list and the latest referrals taken back, as {@code InvestigationController}. */
    public Paged<?> waiting(long districtId, ListParams params) {
        intake.withdrawn(districtId, InvestigationController.WITHDRAWN_SHOWN);
        return waiting.page(districtId, WaitingList.COLUMNS.paging(params, InvestigationController.PAGE)
                .at("/investigations"));
    }

    /**
     * One case's page as {@code CaseController.kase} reads it (but for its audit entry): the case, its view, the
     * first page of its evidence, and for an open case the accounts to assign and the clauses the subject signed. The
     * number of evidence items listed.
     */
    public int casePage(StewardUser me, long caseId) {
        access.check(me, caseId);
        CaseView view = views.view(me, caseId);
        Case kase = view.kase();
        Paged<?> items = evidence.page(me, caseId, EvidenceLocker.COLUMNS
                .paging(new ListParams(null, null, null, null), EvidenceController.PAGE)
                .at("/investigations/cases/" + caseId + "/evidence"));
        view.timeline();
        if (me.mayInvestigate() && kase.status() == Case.Status.OPEN) {
            accounts.inDistrict(me.districtId()).stream().filter(a -> !kase.isOn(a.id())).toList();
            if (kase.subjectStaffId() != null) {
                cases.signedClauses(me.districtId(), kase.subjectStaffId());
                cases.signedVersion(me.districtId(), kase.subjectStaffId());
            }
        }
        if (kase.mergedInto() != null) {
            cases.find(me, kase.mergedInto());
        }
        return items.rows().size();
    }

    /** A case opened from nothing by an investigator, through {@link Cases}: its id. */
    public long open(StewardUser me, String title) {
        return cases.openFromNothing(me, title, null).id();
    }

    /** The titles of a page of the case list, to see whose cases it shows. */
    public static List<String> titles(Paged<?> page) {
        return page.rows().stream().map(r -> ((CaseList.Row) r).title()).toList();
    }
}
