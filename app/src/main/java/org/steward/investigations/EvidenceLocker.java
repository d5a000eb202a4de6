package org.steward.investigations;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.StewardUser;
import org.steward.acknowledgments.Signature;
import org.steward.acknowledgments.Signing;
import org.steward.activity.Findings;
import org.steward.activity.InternetUse;
import org.steward.activity.PrivacyGuard;
import org.steward.approvals.Approvals;
import org.steward.approvals.Request;
import org.steward.devices.ContentAccess;
import org.steward.devices.Custody;
import org.steward.devices.Device;
import org.steward.devices.Inventory;
import org.steward.districts.DistrictTime;
import org.steward.holds.HeldKind;
import org.steward.holds.RecordHolds;
import org.steward.lists.Paged;
import org.steward.lists.Paging;
import org.steward.lists.SortColumns;

/**
 * A case's evidence: each record of Steward's own added by reference with its snapshot and SHA-256, each file with
 * its bytes' SHA-256; every addition, view and download in the item's chain of custody and the audit trail. Only
 * the people who may see the case ({@link CaseAccess}) reach any of it; another district's record is not found; a
 * case no longer open takes no more evidence. What an open case refers to is held ({@link RecordHolds}) until it
 * closes.
 */
@Service
class EvidenceLocker {

    /** A row of a case's evidence list: no snapshot and no bytes. */
    record Listed(long id, EvidenceItem.Kind kind, String description, String addedBy, Instant addedAt,
                  String sha256, LocalDate periodFrom, LocalDate periodTo, String reason) {
    }

    /** An item as its page shows it: the snapshot indented to read, and its chain. */
    /**
     * An item as its page shows it: the record as it was when added, unless it is a named person's activity and no
     * reason was given yet ({@code asksReason}: the page asks it first).
     */
    record Shown(EvidenceItem item, String readable, List<CustodyChain.Entry> custody, boolean asksReason) {
    }

    /** What a download hands over: a file's bytes and stored type, or a snapshot as JSON. */
    record Download(String fileName, String type, byte[] bytes) {
    }

    /** The columns a case's evidence list may be sorted by: newest first. */
    static final SortColumns COLUMNS = SortColumns.of("evidence list", "e.id")
            .byDescending("added", "e.added_at")
            .by("kind", "e.kind")
            .by("description", "lower(e.description)")
            .by("by", "e.added_by");

    /** The most a usage item's report lists of the person's sites. */
    static final int TOP_SITES = 100;

    private final CaseAccess access;
    private final EvidenceItems items;
    private final CustodyChain custody;
    private final JdbcClient jdbc;
    private final Findings findings;
    private final InternetUse use;
    private final PrivacyGuard guard;
    private final Inventory inventory;
    private final Custody deviceCustody;
    private final ContentAccess contentAccess;
    private final Approvals approvals;
    private final Signing signing;
    private final RecordHolds holds;
    private final DistrictTime time;
    private final Clock clock;

    EvidenceLocker(CaseAccess access, EvidenceItems items, CustodyChain custody, JdbcClient jdbc, Findings findings,
                   InternetUse use, PrivacyGuard guard, Inventory inventory, Custody deviceCustody,
                   ContentAccess contentAccess, Approvals approvals, Signing signing, RecordHolds holds,
                   DistrictTime time, Clock clock) {
        this.access = access;
        this.items = items;
        this.custody = custody;
        this.jdbc = jdbc;
        this.findings = findings;
        this.use = use;
        this.guard = guard;
        this.inventory = inventory;
        this.deviceCustody = deviceCustody;
        this.contentAccess = contentAccess;
        this.approvals = approvals;
        this.signing = signing;
        this.holds = holds;
        this.time = time;
        this.clock = clock;
    }

    /** A finding with its evidence lines, its steps and its addenda, as they stand now. */
    @Transactional
    EvidenceItem addFinding(StewardUser me, long caseId, long findingId) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        Findings.Finding finding = findings.find(me.districtId(), findingId).orElseThrow(() ->
                EvidenceRefused.notFound("There is no finding " + findingId + " in your district."));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("finding", finding);
        snapshot.put("steps", findings.steps(me.districtId(), findingId));
        snapshot.put("addenda", findings.addenda(me.districtId(), findingId));
        EvidenceItem item = added(me, into, EvidenceItem.drawn(into, EvidenceItem.Kind.FINDING, findingId,
                "Finding " + findingId + ": " + finding.title() + " about " + finding.who() + " ("
                        + finding.status().title().toLowerCase(java.util.Locale.ROOT) + ")",
                EvidenceSnapshots.of(snapshot), me.getUsername(), now()));
        hold(into, HeldKind.FINDING, findingId, null, null, item.addedAt());
        if (finding.staffId() != null) {
            hold(into, HeldKind.STAFF, finding.staffId(), null, null, item.addedAt());
        }
        return item;
    }

    /**
     * The case's subject's internet use from {@code from} to {@code to}: seeing a named person's activity, so it
     * goes through the privacy guard with the reason and the case's number, and what was seen is kept.
     */
    @Transactional
    EvidenceItem addUsage(StewardUser me, long caseId, LocalDate from, LocalDate to, String reason) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        EvidenceItem.Adding.Refused early = EvidenceItem.usageProblem(into, from, to, reason);
        if (early != null) {
            throw EvidenceRefused.because(early.reason());
        }
        if (into.subjectStaffId() == null) {
            throw EvidenceRefused.because("Case " + into.number() + " names no subject yet: name the staff member "
                    + "before adding their internet use.");
        }
        InternetUse.Who who = InternetUse.Who.staff(into.subjectStaffId());
        String caseRef = String.valueOf(into.number());
        PrivacyGuard.View view;
        try {
            view = guard.open(me, who.key(), reason, caseRef);
            guard.check(me, view.id(), who.key(), "the internet use of " + from + " to " + to
                    + " for the evidence of case " + caseRef);
        } catch (PrivacyGuard.Refused refused) {
            throw EvidenceRefused.because(refused.getMessage());
        }
        String name = use.nameOf(me.districtId(), who);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("person", name);
        snapshot.put("staffId", into.subjectStaffId());
        snapshot.put("from", from);
        snapshot.put("to", to);
        snapshot.put("reason", view.reason());
        snapshot.put("caseRef", caseRef);
        snapshot.put("activityView", view.id());
        snapshot.put("seenBy", me.getUsername());
        snapshot.put("report", use.person(me.districtId(), who, from, to, TOP_SITES));
        snapshot.put("days", use.dayTotals(me.districtId(), who, from, to));
        EvidenceItem item = added(me, into, EvidenceItem.usage(into, into.subjectStaffId(), from, to, reason,
                "Internet use of " + name + ", " + from + " to " + to, EvidenceSnapshots.of(snapshot),
                me.getUsername(), now()));
        hold(into, HeldKind.USAGE, into.subjectStaffId(), from, to, item.addedAt());
        hold(into, HeldKind.STAFF, into.subjectStaffId(), null, null, item.addedAt());
        return item;
    }

    /** A device's periods of custody and its CalECPA content-access log, by its asset tag. */
    @Transactional
    EvidenceItem addDevice(StewardUser me, long caseId, String assetTag) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        String tag = assetTag == null ? "" : assetTag.strip();
        Device device = (tag.isEmpty() ? java.util.Optional.<Device>empty() : inventory.findByTag(me.districtId(), tag))
                .orElseThrow(() -> EvidenceRefused.notFound("There is no device with the asset tag \"" + tag
                        + "\" in your district."));
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("device", device);
        snapshot.put("custody", deviceCustody.history(me.districtId(), device.id()));
        snapshot.put("contentAccess", contentAccess.log(me.districtId(), device.id()));
        EvidenceItem item = added(me, into, EvidenceItem.drawn(into, EvidenceItem.Kind.DEVICE, device.id(),
                "Device " + device.assetTag() + " (" + device.model() + "): custody and content access",
                EvidenceSnapshots.of(snapshot), me.getUsername(), now()));
        hold(into, HeldKind.DEVICE, device.id(), null, null, item.addedAt());
        return item;
    }

    /** A prior approval in force for the person today. */
    @Transactional
    EvidenceItem addApproval(StewardUser me, long caseId, long requestId) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        Request request = approvals.find(me.districtId(), requestId).orElseThrow(() ->
                EvidenceRefused.notFound("There is no approval request " + requestId + " in your district."));
        if (!request.inForce(time.today(me.districtId()))) {
            throw EvidenceRefused.because("Request " + requestId + " (" + request.title() + ") is not an approval in "
                    + "force: it is " + request.status().name().toLowerCase(java.util.Locale.ROOT)
                    + (request.expiresOn() != null ? ", until " + request.expiresOn() : "") + ".");
        }
        EvidenceItem item = added(me, into, EvidenceItem.drawn(into, EvidenceItem.Kind.APPROVAL, requestId,
                "Approval " + requestId + ": " + request.title() + " for " + request.requester()
                        + (request.expiresOn() != null ? ", until " + request.expiresOn() : ""),
                EvidenceSnapshots.of(Map.of("request", request)), me.getUsername(), now()));
        hold(into, HeldKind.APPROVAL, requestId, null, null, item.addedAt());
        hold(into, HeldKind.STAFF, request.requesterStaffId(), null, null, item.addedAt());
        return item;
    }

    /** An acknowledgment the person signed, with its receipt as it was stored. */
    @Transactional
    EvidenceItem addAcknowledgment(StewardUser me, long caseId, long signatureId) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        Signature signature = signing.find(me.districtId(), signatureId).orElseThrow(() ->
                EvidenceRefused.notFound("There is no signed acknowledgment " + signatureId + " in your district."));
        byte[] receipt = signing.receipt(me.districtId(), signatureId).orElse(new byte[0]);
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("signature", signature);
        snapshot.put("receiptSha256", AcceptedFiles.sha256(receipt));
        snapshot.put("receiptPdf", receipt);
        EvidenceItem item = added(me, into, EvidenceItem.drawn(into, EvidenceItem.Kind.ACKNOWLEDGMENT, signatureId,
                "Acknowledgment signed by " + signature.typedName() + " on "
                        + signature.signedAt().atZone(time.zone(me.districtId())).toLocalDate() + ": "
                        + signature.policyTitle() + ", version " + signature.policyVersion() + " ("
                        + signature.schoolYear() + ")",
                EvidenceSnapshots.of(snapshot), me.getUsername(), now()));
        hold(into, HeldKind.SIGNATURE, signatureId, null, null, item.addedAt());
        hold(into, HeldKind.STAFF, signature.staffId(), null, null, item.addedAt());
        return item;
    }

    /** A file uploaded, judged by its bytes; refused over the limit or of a type not kept. */
    @Transactional
    EvidenceItem addFile(StewardUser me, long caseId, String name, byte[] bytes) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        AcceptedFiles.Judged judged = AcceptedFiles.judge(name, bytes);
        if (judged instanceof AcceptedFiles.Judged.Refused refused) {
            throw EvidenceRefused.because(refused.reason());
        }
        return added(me, into, EvidenceItem.file(into, ((AcceptedFiles.Judged.Ok) judged).file(), me.getUsername(),
                now()));
    }

    /** A file an employee attached to a report the case took in: kept with the SHA-256 it had on arrival. */
    @Transactional
    EvidenceItem addFromReport(StewardUser me, long caseId, int reportNumber, AcceptedFiles.Accepted file) {
        investigator(me);
        CaseAccess.CaseHeader into = access.check(me, caseId);
        return added(me, into, EvidenceItem.fromReport(into, reportNumber, file, me.getUsername(), now()));
    }

    /** A page of the case's evidence, newest first: one count and one query, no snapshot or bytes read. */
    @Transactional(readOnly = true)
    public Paged<Listed> page(StewardUser me, long caseId, Paging paging) {
        CaseAccess.CaseHeader of = access.check(me, caseId);
        // the case's own items and those of the cases merged into it, which it carries on
        String where = " from investigation_evidence e where e.district_id = ?"
                + " and e.case_id in (select id from investigation_case_family(?))";
        return Paged.of(paging, () -> jdbc.sql("select count(*)" + where).params(of.districtId(), of.id())
                        .query(Long.class).single(),
                page -> jdbc.sql("select e.id, e.kind, e.description, e.added_by, e.added_at, e.sha256,"
                                + " e.period_from, e.period_to, e.reason" + where + page.orderBy() + " offset ? limit ?")
                        .params(of.districtId(), of.id(), page.offset(), page.limit())
                        .query(EvidenceLocker::listed).list());
    }

    /** Every item of a case, in the order added, for its case file. */
    List<Listed> all(long districtId, long caseId) {
        return jdbc.sql("select e.id, e.kind, e.description, e.added_by, e.added_at, e.sha256, e.period_from,"
                        + " e.period_to, e.reason from investigation_evidence e where e.district_id = ?"
                        + " and e.case_id = ? order by e.added_at, e.id")
                .params(districtId, caseId).query(EvidenceLocker::listed).list();
    }

    /**
     * An item with its snapshot and its chain; the look is recorded (VIEWED). A finding's lines and a person's
     * internet use are a named person's activity: as everywhere in Steward, they are shown only with a reason, kept
     * in the item's chain of custody and the audit trail; without one, the page asks it and nothing is shown.
     */
    @Transactional
    Shown view(StewardUser me, long caseId, long itemId, String reason) {
        CaseAccess.CaseHeader of = access.check(me, caseId);
        EvidenceItem item = item(me, of, itemId);
        boolean named = item.kind() == EvidenceItem.Kind.FINDING || item.kind() == EvidenceItem.Kind.USAGE;
        if (named && (reason == null || reason.isBlank())) {
            return new Shown(item, null, custody.of(of.districtId(), item.id()), true);
        }
        String why = named ? reasonGiven(reason, "see this record of a person's activity") : "";
        custody.record(item, CustodyChain.Action.VIEWED, me.getUsername(), why, now(), of.number());
        return new Shown(item, item.snapshot() == null ? null : EvidenceSnapshots.readable(item.snapshot()),
                custody.of(of.districtId(), item.id()), false);
    }

    /**
     * The item to download, asked with a reason: a file with its stored type, a snapshot as its JSON, exactly as
     * kept (the SHA-256 shown is of these bytes). Recorded as DOWNLOADED.
     */
    @Transactional
    Download download(StewardUser me, long caseId, long itemId, String reason) {
        CaseAccess.CaseHeader of = access.check(me, caseId);
        EvidenceItem item = item(me, of, itemId);
        String why = reasonGiven(reason, "download this item");
        custody.record(item, CustodyChain.Action.DOWNLOADED, me.getUsername(), why, now(), of.number());
        return item.kind() == EvidenceItem.Kind.FILE
                ? new Download(item.fileName(), item.fileType(), item.fileBytes())
                : new Download("case-" + of.number() + "-evidence-" + item.id() + ".json", "application/json",
                item.snapshot().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** A reason a records officer can read later (ten characters, five of them letters, under 1,000), stripped. */
    static String reasonGiven(String reason, String toDo) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 10 || why.length() > 1000 || why.codePoints().filter(Character::isLetter).count() < 5) {
            throw EvidenceRefused.because("Say in words why you " + toDo + " (at least ten characters, five of them"
                    + " letters, under 1,000): the reason is kept in its chain of custody.");
        }
        return why;
    }

    /**
     * The item, for {@code me} to see: a finding's lines and a person's internet use are a named person's activity,
     * which only investigators and technology services see (the privacy guard's rule), even on a case they are
     * assigned to.
     */
    private EvidenceItem item(StewardUser me, CaseAccess.CaseHeader of, long itemId) {
        EvidenceItem item = items.findById(itemId).filter(i -> i.districtId() == of.districtId()
                        && jdbc.sql("select exists (select 1 from investigation_case_family(?) where id = ?)")
                        .params(of.id(), i.caseId()).query(Boolean.class).single())
                .orElseThrow(() -> EvidenceRefused.notFound("Case " + of.number() + " has no item of evidence "
                        + itemId + "."));
        if ((item.kind() == EvidenceItem.Kind.FINDING || item.kind() == EvidenceItem.Kind.USAGE)
                && !PrivacyGuard.maySeeNamedActivity(me)) {
            throw new org.springframework.security.access.AccessDeniedException("Only investigators and technology"
                    + " services see a named person's activity, on a case too.");
        }
        return item;
    }

    /** Evidence is chosen by investigators: a case's other people read what they chose, and add notes. */
    private static void investigator(StewardUser me) {
        if (!me.mayInvestigate()) {
            throw EvidenceRefused.because("Only an investigator adds evidence to a case; the case's other people add"
                    + " notes.");
        }
    }

    private EvidenceItem added(StewardUser me, CaseAccess.CaseHeader into, EvidenceItem.Adding adding) {
        if (adding instanceof EvidenceItem.Adding.Refused refused) {
            throw EvidenceRefused.because(refused.reason());
        }
        EvidenceItem item = items.save(((EvidenceItem.Adding.Added) adding).item());
        custody.record(item, CustodyChain.Action.ADDED, me.getUsername(), item.reason(), item.addedAt(),
                into.number());
        return item;
    }

    private void hold(CaseAccess.CaseHeader into, HeldKind kind, long recordId, LocalDate from, LocalDate to,
                      Instant at) {
        holds.hold(into.districtId(), kind, recordId, from, to, into.id(), into.number(), at);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Listed listed(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Listed(rs.getLong(1), EvidenceItem.Kind.valueOf(rs.getString(2)), rs.getString(3),
                rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6),
                rs.getObject(7, LocalDate.class), rs.getObject(8, LocalDate.class), rs.getString(9));
    }
}
