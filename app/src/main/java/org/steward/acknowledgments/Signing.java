package org.steward.acknowledgments;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.districts.Districts;
import org.steward.policies.PolicyDocument;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * An employee signs: every statement ticked, and their full name typed as the staff record has it. The signature
 * records exactly what was signed and is final; the receipt is made once and stored with its SHA-256. A signature
 * given before the district used Steward (a paper signature page) is recorded with the time it was given, what it
 * was recorded from and who recorded it.
 */
@Service
public class Signing {

    /** Why a signature was not recorded, in words for the employee. Nothing was recorded. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** What the employee sent. */
    public record Submission(Set<Long> tickedStatements, String typedName, String ipAddress, String userAgent,
                             Long kioskId) {
    }

    /**
     * A signature the employee gave before the district used Steward: the name as signed, when, and what it is
     * recorded from ("paper signature page, HR files 2025-26").
     */
    public record EarlierSignature(long staffId, String signedName, Instant signedAt, String recordedFrom) {
    }

    /** Where a recorded signature came from, who recorded it and when; null for one given in Steward. */
    private record Recorded(String from, String by, Instant at) {
    }

    private static final String SIGNATURE_COLUMNS = """
            id, district_id, campaign_id, staff_id, school_year, policy_version_id, policy_title, policy_version,
            policy_sha256, statements, typed_name, signed_at, ip_address, user_agent, kiosk_id, receipt_sha256,
            recorded_from, recorded_by, recorded_at""";

    private final JdbcClient jdbc;
    private final Campaigns campaigns;
    private final SignaturePage signaturePage;
    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final Districts districts;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Signing(JdbcClient jdbc, Campaigns campaigns, SignaturePage signaturePage, PolicyLibrary policies,
            StaffDirectory staff, Districts districts, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.signaturePage = signaturePage;
        this.policies = policies;
        this.staff = staff;
        this.districts = districts;
        this.audit = audit;
        this.events = events;
    }

    /**
     * Records the signature of {@code staffId} in the campaign, or refuses with the reason and records nothing.
     * Signing twice (a double submit) records one signature and returns it.
     */
    @Transactional
    public Signature sign(long districtId, long campaignId, long staffId, Submission submission) {
        Campaign campaign = campaigns.find(districtId, campaignId)
                .orElseThrow(() -> new Refused("There is no such acknowledgment to sign."));
        Assignment assignment = campaigns.assignment(districtId, campaignId, staffId)
                .orElseThrow(() -> new Refused("You are not asked to sign in this campaign."));
        if (assignment.isSigned()) {
            return find(districtId, assignment.signatureId()).orElseThrow();
        }
        LocalDate today = campaigns.today(districtId);
        if (!campaign.isOpen()) {
            throw new Refused("This campaign is closed: nothing can be signed in it any more.");
        }
        if (today.isBefore(campaign.opensOn())) {
            throw new Refused("This campaign opens on " + campaign.opensOn() + ".");
        }
        List<Statement> statements = signaturePage.statements(districtId);
        Set<Long> expected = statements.stream().map(Statement::id).collect(Collectors.toSet());
        if (!expected.containsAll(submission.tickedStatements())) {
            throw new Refused("The statements changed while you were reading them. Please read them again.");
        }
        long missing = expected.stream().filter(id -> !submission.tickedStatements().contains(id)).count();
        if (missing > 0) {
            throw new Refused("Tick each statement to acknowledge it: " + missing + " of " + statements.size()
                    + (missing == 1 ? " is" : " are") + " not ticked.");
        }
        StaffMember member = staff.find(districtId, staffId).orElseThrow();
        if (!member.isNamed(submission.typedName())) {
            throw new Refused("Type your full name as the district has it: " + member.fullName() + ".");
        }
        return insert(campaign, policies.publishedDocument(districtId, campaign.policyVersionId()).orElseThrow(),
                districts.findById(districtId).orElseThrow().name(), assignment, member, statements,
                submission.typedName(), campaigns.now().truncatedTo(ChronoUnit.MICROS), today,
                submission.ipAddress(), truncate(submission.userAgent(), 500), submission.kioskId(), null);
    }

    /**
     * Records signatures employees gave before the district used Steward (a stack of paper signature pages), each at
     * the time it was given, with every statement of the district's signature page; all or none: the first refusal
     * names the employee, says why, and nothing is recorded. A time must fall while the campaign was open, and a name
     * must be the employee's. A signature recorded already is kept as it is.
     */
    @Transactional
    public List<Signature> recordEarlier(long districtId, long campaignId, List<EarlierSignature> earlier,
                                         String by) {
        Campaign campaign = campaigns.find(districtId, campaignId)
                .orElseThrow(() -> new Refused("There is no such campaign."));
        PolicyDocument document = policies.publishedDocument(districtId, campaign.policyVersionId()).orElseThrow();
        List<Statement> statements = signaturePage.statements(districtId);
        var district = districts.findById(districtId).orElseThrow();
        ZoneId zone = district.zone();
        Instant now = campaigns.now().truncatedTo(ChronoUnit.MICROS);
        Map<Long, StaffMember> everyone = staff.everyone(districtId).stream()
                .collect(Collectors.toMap(StaffMember::id, m -> m)); // one look-up for the whole stack
        List<Signature> recorded = new ArrayList<>();
        for (EarlierSignature signature : earlier) {
            StaffMember member = Optional.ofNullable(everyone.get(signature.staffId()))
                    .orElseThrow(() -> new Refused("There is no employee " + signature.staffId() + " in the district."));
            Assignment assignment = campaigns.assignment(districtId, campaignId, member.id())
                    .orElseThrow(() -> refused(member, "not asked to sign in this campaign."));
            if (assignment.isSigned()) {
                recorded.add(find(districtId, assignment.signatureId()).orElseThrow());
                continue;
            }
            if (signature.recordedFrom() == null || signature.recordedFrom().isBlank()) {
                throw refused(member, "say what the signature is recorded from, such as the paper signature page.");
            }
            Instant at = signature.signedAt().truncatedTo(ChronoUnit.MICROS);
            LocalDate day = at.atZone(zone).toLocalDate();
            if (at.isAfter(now)) {
                throw refused(member, "a signature recorded from an earlier record was given before now, not on "
                        + day + ".");
            }
            if (at.isBefore(campaign.opensOn().atStartOfDay(zone).toInstant())) {
                throw refused(member, "the campaign opened on " + campaign.opensOn() + ", after " + day
                        + ": nothing was signed in it then.");
            }
            if (campaign.closedAt() != null && at.isAfter(campaign.closedAt())) {
                throw refused(member, "the campaign closed on " + campaign.closedAt().atZone(zone).toLocalDate()
                        + ": nothing was signed in it after that.");
            }
            if (!member.isNamed(signature.signedName())) {
                throw refused(member, "the name signed is " + signature.signedName() + "; the district has "
                        + member.fullName() + ".");
            }
            recorded.add(insert(campaign, document, district.name(), assignment, member, statements,
                    signature.signedName(), at, day, "", "", null,
                    new Recorded(truncate(signature.recordedFrom().strip(), 500), by, now)));
        }
        return recorded;
    }

    private static Refused refused(StaffMember member, String reason) {
        return new Refused(member.fullName() + " (" + member.employeeId() + "): " + reason
                + " Nothing was recorded.");
    }

    private Signature insert(Campaign campaign, PolicyDocument document, String districtName,
                             Assignment assignment, StaffMember member, List<Statement> statements, String typedName,
                             Instant at, LocalDate day, String ipAddress, String userAgent, Long kioskId,
                             Recorded recorded) {
        long districtId = campaign.districtId();
        List<String> shown = statements.stream().map(Statement::text).toList();
        String typed = typedName.strip().replaceAll("\\s+", " ");
        long number = jdbc.sql("select nextval(pg_get_serial_sequence('ack_signature', 'id'))")
                .query(Long.class).single();
        byte[] receipt = Receipt.of(new Receipt.Content(districtName, document.version().title(),
                document.version().number(), document.version().sha256(), campaign.schoolYear(), shown,
                member.fullName(), member.employeeId(), typed, day, at.toString(), ipAddress, number,
                recorded == null ? null : "Recorded in Steward " + recorded.at() + " by " + recorded.by() + " from: "
                        + recorded.from() + "."));
        String receiptSha256 = DigestUtils.sha256Hex(receipt);
        int inserted = jdbc.sql("""
                    insert into ack_signature (id, district_id, campaign_id, staff_id, school_year,
                        policy_version_id, policy_title, policy_version, policy_sha256, statements, typed_name,
                        signed_at, ip_address, user_agent, kiosk_id, receipt_pdf, receipt_sha256, recorded_from,
                        recorded_by, recorded_at)
                    overriding system value
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (campaign_id, staff_id) do nothing""")
                    .params(number, districtId, campaign.id(), member.id(), campaign.schoolYear(),
                            campaign.policyVersionId(), document.version().title(), document.version().number(),
                            document.version().sha256(), String.join("\n", shown), typed, Timestamp.from(at),
                            ipAddress, userAgent, kioskId, receipt, receiptSha256,
                            recorded == null ? null : recorded.from(), recorded == null ? null : recorded.by(),
                            recorded == null ? null : Timestamp.from(recorded.at()))
                    .update();
        if (inserted == 0) { // the same employee's other submit got there first: that one is the signature
            return findFor(districtId, campaign.id(), member.id()).orElseThrow();
        }
        if (assignment.isSuspended()) {
            jdbc.sql("update ack_assignment set lifted_at = ? where id = ?")
                    .params(Timestamp.from(recorded == null ? at : recorded.at()), assignment.id()).update();
        }
        String details = "staff %s, %s version %d sha256 %s, school year %s, receipt sha256 %s".formatted(
                member.employeeId(), document.version().title(), document.version().number(),
                document.version().sha256(), campaign.schoolYear(), receiptSha256);
        if (recorded == null) {
            audit.record(districtId, "ACK_SIGNED", "ack_signature", number, details);
        } else {
            audit.record(districtId, "ACK_SIGNATURE_RECORDED", "ack_signature", number,
                    details + ", signed %s, recorded from %s".formatted(at, recorded.from()));
        }
        events.publishEvent(new AcknowledgmentSigned(districtId, member.id(), campaign.id(),
                campaign.policyVersionId(), number));
        return new Signature(number, districtId, campaign.id(), member.id(), campaign.schoolYear(),
                campaign.policyVersionId(), document.version().title(), document.version().number(),
                document.version().sha256(), shown, typed, at, ipAddress, userAgent, kioskId, receiptSha256,
                recorded == null ? null : recorded.from(), recorded == null ? null : recorded.by(),
                recorded == null ? null : recorded.at());
    }

    private static String truncate(String text, int max) {
        String value = text == null ? "" : text;
        return value.length() <= max ? value : value.substring(0, max);
    }

    public Optional<Signature> find(long districtId, long signatureId) {
        return jdbc.sql("select " + SIGNATURE_COLUMNS + " from ack_signature where id = ? and district_id = ?")
                .params(signatureId, districtId).query((rs, n) -> signature(rs)).optional();
    }

    public Optional<Signature> findFor(long districtId, long campaignId, long staffId) {
        return jdbc.sql("select " + SIGNATURE_COLUMNS
                        + " from ack_signature where district_id = ? and campaign_id = ? and staff_id = ?")
                .params(districtId, campaignId, staffId).query((rs, n) -> signature(rs)).optional();
    }

    /** Every acknowledgment a person signed, newest first: their compliance record. */
    public List<Signature> signedBy(long districtId, long staffId) {
        return jdbc.sql("select " + SIGNATURE_COLUMNS
                        + " from ack_signature where district_id = ? and staff_id = ? order by signed_at desc")
                .params(districtId, staffId).query((rs, n) -> signature(rs)).list();
    }

    /** The stored receipt, exactly as made when the employee signed. */
    public Optional<byte[]> receipt(long districtId, long signatureId) {
        return jdbc.sql("select receipt_pdf from ack_signature where id = ? and district_id = ?")
                .params(signatureId, districtId).query(byte[].class).optional();
    }

    private static Signature signature(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp recordedAt = rs.getTimestamp("recorded_at");
        return new Signature(rs.getLong("id"), rs.getLong("district_id"), rs.getLong("campaign_id"),
                rs.getLong("staff_id"), rs.getString("school_year"), rs.getLong("policy_version_id"),
                rs.getString("policy_title"), rs.getInt("policy_version"), rs.getString("policy_sha256"),
                Arrays.asList(rs.getString("statements").split("\n")), rs.getString("typed_name"),
                rs.getTimestamp("signed_at").toInstant(), rs.getString("ip_address"), rs.getString("user_agent"),
                rs.getObject("kiosk_id", Long.class), rs.getString("receipt_sha256"), rs.getString("recorded_from"),
                rs.getString("recorded_by"), recordedAt == null ? null : recordedAt.toInstant());
    }
}
