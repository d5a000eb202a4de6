package org.steward.activity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.staff.ProfileSection;
import org.steward.staff.StaffMember;

/**
 * A person's findings on their staff profile, and the way to their internet use report, which asks for a reason
 * first: for technology services and investigators only.
 */
@Component
class ActivityOnProfile implements ProfileSection {

    /** A finding as the profile lists it, on the district's day it began. */
    record Line(long id, String title, LocalDate day, String status) {
    }

    private final Findings findings;
    private final Districts districts;

    ActivityOnProfile(Findings findings, Districts districts) {
        this.findings = findings;
        this.districts = districts;
    }

    @Override
    public Optional<View> view(StewardUser viewer, StaffMember member) {
        if (!PrivacyGuard.maySeeNamedActivity(viewer)) {
            return Optional.empty();
        }
        List<Findings.Finding> about = findings.ofStaff(member.districtId(), member.id(), false);
        Map<String, Object> values = new LinkedHashMap<>();
        ZoneId zone = districts.findById(member.districtId()).map(District::zone).orElse(District.DEFAULT_ZONE);
        values.put("findings", about.stream().limit(10).map(f -> new Line(f.id(), f.title(),
                f.first().atZone(zone).toLocalDate(), f.status().title())).toList());
        values.put("findingCount", about.size());
        values.put("person", InternetUse.Who.staff(member.id()).key());
        return Optional.of(new View("activity/profile", "activity", values));
    }
}
