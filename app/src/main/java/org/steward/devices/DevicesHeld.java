package org.steward.devices;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.steward.accounts.StewardUser;
import org.steward.staff.ProfileSection;
import org.steward.staff.StaffMember;

/** The devices a person possesses, on their staff profile, for those who read the inventory. */
@Component
class DevicesHeld implements ProfileSection {

    private final Handovers handovers;
    private final Custody custody;
    private final Incidents incidents;

    DevicesHeld(Custody custody, Incidents incidents, Handovers handovers) {
        this.handovers = handovers;
        this.custody = custody;
        this.incidents = incidents;
    }

    @Override
    public Optional<View> view(StewardUser viewer, StaffMember member) {
        if (!viewer.mayReadDevices()) {
            return Optional.empty();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("held", custody.heldBy(member.districtId(), member.id()));
        values.put("handovers", handovers.of(member.districtId(), member.id()));
        values.put("incidents", incidents.of(member.districtId(), member.id()));
        return Optional.of(new View("devices/profile", "held", values));
    }
}
