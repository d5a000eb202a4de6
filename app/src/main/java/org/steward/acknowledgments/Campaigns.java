package org.steward.acknowledgments;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.districts.DistrictTime;
import org.steward.audit.AuditLog;
import org.steward.policies.PolicyDocument;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffJoined;
import org.steward.staff.StaffMember;

/**
 * Opens and closes campaigns and decides who is asked to sign: the audience when a campaign opens, and staff hired
 * while it is open, who get a due date a set number of days after they start.
 */
@Service
public class Campaigns {

    private static final String CAMPAIGN_COLUMNS = """
            id, district_id, school_year, policy_version_id, audience_sites, audience_jobs, opens_on, due_on, status,
            opened_by, opened_at, closed_at""";
    private static final String ASSIGNMENT_COLUMNS = """
            a.id, a.district_id, a.campaign_id, a.staff_id, a.due_on, a.reason, a.assigned_at, a.suspended_at,
            a.lifted_at, s.id as signature_id, s.signed_at""";

    private final DistrictTime time;
    private final JdbcClient jdbc;
    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final SignaturePage signaturePage;
    private final AuditLog audit;
    private final Clock clock;

    Campaigns(JdbcClient jdbc, PolicyLibrary policies, StaffDirectory staff, SignaturePage signaturePage,
              AuditLog audit, Clock clock, DistrictTime time) {
        this.time = time;
        this.jdbc = jdbc;
        this.policies = policies;
        this.staff = staff;
        this.signaturePage = signaturePage;
        this.audit = audit;
        this.clock = clock;
    }

    /** What HR asks for when opening a campaign. */
    public record Opening(String schoolYear, long policyVersionId, Set<Long> sites, Set<String> jobFunctions,
                         LocalDate opensOn, LocalDate dueOn) {
    }

    /**
     * Opens a campaign and assigns everyone in its audience. The district's signature-page statements start from
     * the policy's own signature page when the district has none yet.
     */
    @Transactional
    public Campaign open(long districtId, Opening opening, String by) {
        if (opening.schoolYear() == null || !opening.schoolYear().matches("\\d{4}-\\d{2}")
                || (Integer.parseInt(opening.schoolYear().substring(0, 4)) + 1) % 100
                != Integer.parseInt(opening.schoolYear().substring(5))) {
            throw new IllegalArgumentException("The school year is written like 2026-27, the second year following "
                    + "the first; not '" + opening.schoolYear() + "'.");
        }
        if (opening.opensOn() == null || opening.dueOn() == null) {
            throw new IllegalArgumentException("A campaign needs an open date and a due date.");
        }
        if (opening.dueOn().isBefore(opening.opensOn())) {
            throw new IllegalArgumentException("The due date " + opening.dueOn() + " is before the open date "
                    + opening.opensOn() + ".");
        }
        PolicyDocument document = policies.publishedDocument(districtId, opening.policyVersionId())
                .orElseThrow(() -> new IllegalArgumentException("Choose a published version of one of the "
                        + "district's policies: only a published version can be signed."));
        if (signaturePage.statements(districtId).isEmpty()) {
            List<String> fromPolicy = SignaturePage.statementsOf(document);
            if (fromPolicy.isEmpty()) {
                throw new IllegalArgumentException("The district has no signature-page statements yet, and this "
                        + "policy has no signature page to start from: write the statements first.");
            }
            signaturePage.replaceStatements(districtId, fromPolicy);
        }
        long id = jdbc.sql("""
                        insert into ack_campaign (district_id, school_year, policy_version_id, audience_sites,
                                                  audience_jobs, opens_on, due_on, status, opened_by, opened_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?) returning id""")
                .params(districtId, opening.schoolYear(), opening.policyVersionId(),
                        opening.sites().stream().sorted().toArray(Long[]::new),
                        new TreeSet<>(opening.jobFunctions()).toArray(String[]::new), opening.opensOn(),
                        opening.dueOn(), by, Timestamp.from(clock.instant()))
                .query(Long.class).single();
        Campaign campaign = find(districtId, id).orElseThrow();
        int assigned = 0;
        for (StaffMember member : staff.active(districtId)) {
            if (campaign.includes(member.siteId(), member.jobFunction())) {
                assign(campaign, member.id(), opening.dueOn(), Assignment.Reason.AUDIENCE);
                assigned++;
            }
        }
        audit.record(districtId, "ACK_CAMPAIGN_OPENED", "ack_campaign", id,
                "%s on %s version %d (sha256 %s), %d staff, open %s, due %s".formatted(opening.schoolYear(),
                        document.version().title(), document.version().number(), document.version().sha256(),
                        assigned, opening.opensOn(), opening.dueOn()));
        return campaign;
    }

    @Transactional
    public void close(long districtId, long campaignId) {
        int changed = jdbc.sql("""
                        update ack_campaign set status = 'CLOSED', closed_at = ?
                        where id = ? and district_id = ? and status = 'OPEN'""")
                .params(Timestamp.from(clock.instant()), campaignId, districtId).update();
        if (changed == 0) {
            throw new IllegalStateException("This campaign is already closed.");
        }
        audit.record(districtId, "ACK_CAMPAIGN_CLOSED", "ack_campaign", campaignId, "");
    }

    /** A new hire in an open campaign's audience is asked to sign within the district's number of days. */
    @ApplicationModuleListener
    void on(StaffJoined joined) {
        assignNewHire(joined.districtId(), joined.staffId());
    }

    @Transactional
    public void assignNewHire(long districtId, long staffId) {
        StaffMember member = staff.find(districtId, staffId).orElse(null);
        if (member == null || !member.isActive()) {
            return;
        }
        LocalDate today = today(districtId);
        LocalDate start = member.hireDate() != null && member.hireDate().isAfter(today) ? member.hireDate() : today;
        LocalDate due = start.plusDays(signaturePage.settings(districtId).newHireDays());
        for (Campaign campaign : list(districtId)) {
            if (campaign.isOpen() && campaign.includes(member.siteId(), member.jobFunction())
                    && assign(campaign, staffId, due, Assignment.Reason.NEW_HIRE)) {
                audit.record(districtId, "ACK_ASSIGNED", "ack_assignment", staffId,
                        "new hire %s in campaign %d, due %s".formatted(member.employeeId(), campaign.id(), due));
            }
        }
    }

    private boolean assign(Campaign campaign, long staffId, LocalDate due, Assignment.Reason reason) {
        return jdbc.sql("""
                        insert into ack_assignment (district_id, campaign_id, staff_id, due_on, reason, assigned_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (campaign_id, staff_id) do nothing""")
                .params(campaign.districtId(), campaign.id(), staffId, due, reason.name(),
                        Timestamp.from(clock.instant()))
                .update() == 1;
    }

    public List<Campaign> list(long districtId) {
        return jdbc.sql("select " + CAMPAIGN_COLUMNS + " from ack_campaign where district_id = ? "
                        + "order by opens_on desc, id desc")
                .param(districtId).query((rs, n) -> campaign(rs)).list();
    }

    public Optional<Campaign> find(long districtId, long campaignId) {
        return jdbc.sql("select " + CAMPAIGN_COLUMNS + " from ack_campaign where id = ? and district_id = ?")
                .params(campaignId, districtId).query((rs, n) -> campaign(rs)).optional();
    }

    /** Every campaign a person was asked to sign in, newest first, with their signature where there is one. */
    public List<Assignment> assignmentsOf(long districtId, long staffId) {
        return jdbc.sql("select " + ASSIGNMENT_COLUMNS + """
                         from ack_assignment a left join ack_signature s
                           on s.campaign_id = a.campaign_id and s.staff_id = a.staff_id
                        where a.district_id = ? and a.staff_id = ? order by a.due_on desc, a.id desc""")
                .params(districtId, staffId).query((rs, n) -> assignment(rs)).list();
    }

    public Optional<Assignment> assignment(long districtId, long campaignId, long staffId) {
        return jdbc.sql("select " + ASSIGNMENT_COLUMNS + """
                         from ack_assignment a left join ack_signature s
                           on s.campaign_id = a.campaign_id and s.staff_id = a.staff_id
                        where a.district_id = ? and a.campaign_id = ? and a.staff_id = ?""")
                .params(districtId, campaignId, staffId).query((rs, n) -> assignment(rs)).optional();
    }

    /** The school year a day falls in, July to June: "2026-27". */
    public static String schoolYear(LocalDate day) {
        int first = day.getMonthValue() >= 7 ? day.getYear() : day.getYear() - 1;
        return first + "-" + String.format("%02d", (first + 1) % 100);
    }

    /** Today in the district's time zone: due dates are the district's days. */
    public LocalDate today(long districtId) {
        return time.today(districtId);
    }

    public Instant now() {
        return clock.instant();
    }

    private static Campaign campaign(java.sql.ResultSet rs) throws java.sql.SQLException {
        Long[] sites = (Long[]) rs.getArray("audience_sites").getArray();
        String[] jobs = (String[]) rs.getArray("audience_jobs").getArray();
        Timestamp closed = rs.getTimestamp("closed_at");
        return new Campaign(rs.getLong("id"), rs.getLong("district_id"), rs.getString("school_year"),
                rs.getLong("policy_version_id"),
                Set.of(sites), Set.of(jobs),
                rs.getObject("opens_on", LocalDate.class), rs.getObject("due_on", LocalDate.class),
                Campaign.Status.valueOf(rs.getString("status")), rs.getString("opened_by"),
                rs.getTimestamp("opened_at").toInstant(), closed == null ? null : closed.toInstant());
    }

    static Assignment assignment(java.sql.ResultSet rs) throws java.sql.SQLException {
        Timestamp suspended = rs.getTimestamp("suspended_at");
        Timestamp lifted = rs.getTimestamp("lifted_at");
        Timestamp signed = rs.getTimestamp("signed_at");
        Long signatureId = rs.getObject("signature_id", Long.class);
        return new Assignment(rs.getLong("id"), rs.getLong("district_id"), rs.getLong("campaign_id"),
                rs.getLong("staff_id"), rs.getObject("due_on", LocalDate.class),
                Assignment.Reason.valueOf(rs.getString("reason")), rs.getTimestamp("assigned_at").toInstant(),
                suspended == null ? null : suspended.toInstant(), lifted == null ? null : lifted.toInstant(),
                signatureId, signed == null ? null : signed.toInstant());
    }
}
