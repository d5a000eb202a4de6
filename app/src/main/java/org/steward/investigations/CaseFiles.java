package org.steward.investigations;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.UnaryOperator;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.StewardUser;
import org.steward.activity.InternetUse;
import org.steward.districts.District;
import org.steward.districts.DistrictTime;
import org.steward.districts.Districts;

/**
 * A case's file as a PDF, made on demand for a reason: the reason is on every page, the export is in the audit trail
 * and in the chain of custody of every item it lists.
 */
@Service
class CaseFiles {

    private final CaseAccess access;
    private final EvidenceLocker evidence;
    private final CustodyChain custody;
    private final InternetUse use;
    private final DistrictTime time;
    private final Districts districts;
    private final Clock clock;

    CaseFiles(CaseAccess access, EvidenceLocker evidence, CustodyChain custody, InternetUse use, DistrictTime time,
              Districts districts, Clock clock) {
        this.districts = districts;
        this.access = access;
        this.evidence = evidence;
        this.custody = custody;
        this.use = use;
        this.time = time;
        this.clock = clock;
    }

    /** What the case file of this case holds now, as {@code me} may see it. */
    @Transactional(readOnly = true)
    CaseFileContents contents(StewardUser me, long caseId) {
        CaseAccess.CaseHeader of = access.check(me, caseId);
        String subject = of.subjectStaffId() == null ? "not named"
                : use.nameOf(of.districtId(), InternetUse.Who.staff(of.subjectStaffId()));
        return new CaseFileContents(new CaseFileContents.Summary(of.number(), of.title(), subject,
                of.status().toLowerCase(java.util.Locale.ROOT)), evidence.all(of.districtId(), of.id()),
                custody.ofCase(of.districtId(), of.id()), List.of(), null);
    }

    /**
     * The case file, recorded as EXPORTED for every item and audited, with the reason; {@code completed} adds what
     * the case itself knows (its timeline, its outcome) to the evidence read here.
     */
    @Transactional
    byte[] export(StewardUser me, long caseId, String reason, UnaryOperator<CaseFileContents> completed) {
        CaseAccess.CaseHeader of = access.check(me, caseId);
        String why = EvidenceLocker.reasonGiven(reason, "make the case file");
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        custody.exportedAll(of.districtId(), of.id(), of.number(), me.getUsername(), why, at);
        ZoneId zone = time.zone(of.districtId());
        String district = districts.findById(of.districtId()).map(District::name).orElse("");
        return CaseFilePdf.of(completed.apply(contents(me, caseId)), new CaseFilePdf.Made(district,
                me.getUsername(), why, DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(zone)), zone));
    }
}
