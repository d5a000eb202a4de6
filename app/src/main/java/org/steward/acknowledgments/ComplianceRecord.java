package org.steward.acknowledgments;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.steward.accounts.StewardUser;
import org.steward.staff.ProfileSection;
import org.steward.staff.StaffMember;

/**
 * The employee's compliance record on their staff profile: every acknowledgment asked of them and every one they
 * signed, with the receipts (Clovis Q: "A record of this acknowledgment will be maintained in the employee's
 * personnel file"). Shown to HR, records and administrators, and to the person's supervisor.
 */
@Component
class ComplianceRecord implements ProfileSection {

    private final Campaigns campaigns;
    private final Signing signing;

    ComplianceRecord(Campaigns campaigns, Signing signing) {
        this.campaigns = campaigns;
        this.signing = signing;
    }

    @Override
    public Optional<View> view(StewardUser viewer, StaffMember member) {
        boolean supervisor = viewer.staffId() != null && viewer.staffId().equals(member.supervisorId());
        if (!viewer.mayReadAcknowledgments() && !supervisor) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("assignments", campaigns.assignmentsOf(member.districtId(), member.id()));
        values.put("campaigns", campaigns.list(member.districtId()).stream()
                .collect(java.util.stream.Collectors.toMap(Campaign::id, c -> c)));
        values.put("signatures", signing.signedBy(member.districtId(), member.id()));
        values.put("today", campaigns.today(member.districtId()));
        values.put("receipts", viewer.mayReadAcknowledgments());
        return Optional.of(new View("acknowledgments/profile", "record", values));
    }
}
