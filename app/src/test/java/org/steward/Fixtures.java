package org.steward;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.districts.Site;
import org.steward.districts.Sites;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.ImportReport;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/** Builds districts, people and policies through Steward's own services, in the district's words. */
@Component
public class Fixtures {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private final Districts districts;
    private final Sites sites;
    private final AccountDirectory accounts;
    private final StaffDirectory staff;
    private final PolicyLibrary policies;

    Fixtures(Districts districts, Sites sites, AccountDirectory accounts, StaffDirectory staff,
             PolicyLibrary policies) {
        this.districts = districts;
        this.sites = sites;
        this.accounts = accounts;
        this.staff = staff;
        this.policies = policies;
    }

    /** A district with two schools, "LES" and "RHS". */
    public District district(String name) {
        int n = NEXT.incrementAndGet();
        District district = districts.save(District.named("d" + n + "-" + name.toLowerCase().replaceAll("[^a-z]", ""),
                name, Instant.now()));
        sites.save(Site.of(district.id(), "LES", "Lincoln Elementary"));
        sites.save(Site.of(district.id(), "RHS", "Roosevelt High"));
        return district;
    }

    /**
     * A new folder on the server under the folders the tests' server grants the district
     * ({@code steward.activity.watched} in {@link StewardTest}).
     */
    public static java.nio.file.Path serverFolder(String districtSlug, String name) {
        try {
            return java.nio.file.Files.createTempDirectory(java.nio.file.Files.createDirectories(java.nio.file.Path.of(
                    System.getProperty("java.io.tmpdir"), "steward-watched", districtSlug)), name);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Someone who signs in to the district with the given roles. */
    public StewardUser user(District district, Role... roles) {
        String username = "u" + NEXT.incrementAndGet();
        accounts.create(district.id(), username, "correct horse battery", username, null, null,
                EnumSet.of(roles[0], roles));
        return (StewardUser) accounts.loadUserByUsername(username);
    }

    /** The staff member's own account with the role, made the first time it is asked for. */
    public StewardUser account(District district, StaffMember member, Role role) {
        String username = "s" + member.id() + role.name().toLowerCase();
        if (accounts.inDistrict(district.id()).stream().noneMatch(a -> a.username().equals(username))) {
            accounts.create(district.id(), username, "correct horse battery", member.fullName(), member.email(),
                    member.id(), EnumSet.of(role));
        }
        return (StewardUser) accounts.loadUserByUsername(username);
    }

    /** The account of the staff member with this employee id: see {@link #account(District, StaffMember, Role)}. */
    public StewardUser account(District district, String employeeId, Role role) {
        return account(district, staff.active(district.id()).stream()
                .filter(m -> m.employeeId().equals(employeeId)).findFirst().orElseThrow(), role);
    }

    public ImportReport roster(District district, String csv) {
        return staff.importRoster(district.id(),
                List.of(new RosterUpload("roster.csv", csv.getBytes(StandardCharsets.UTF_8))), "roster.csv", "test");
    }

    /** Steward's model policy adopted and published as version 1. */
    public Policy modelPolicy(District district) {
        Policy policy = policies.adoptModel(district.id());
        policies.publish(district.id(), policy.id(), 1, "adopted");
        return policy;
    }
}
