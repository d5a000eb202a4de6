package org.steward.sso;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.districts.District;
import org.steward.districts.Districts;

/** A district administrator's changes to the district's single sign-on, each audited, never with the secret. */
@Service
class SignInSettings {

    /** A saved change, or what is wrong, changing nothing. */
    record Outcome(boolean saved, String message) {
    }

    private final DistrictSsoRepository configurations;
    private final ClientSecrets secrets;
    private final DistrictClientRegistrations registrations;
    private final Districts districts;
    private final AuditLog audit;
    private final Clock clock;

    SignInSettings(DistrictSsoRepository configurations, ClientSecrets secrets,
                   DistrictClientRegistrations registrations, Districts districts, AuditLog audit, Clock clock) {
        this.configurations = configurations;
        this.secrets = secrets;
        this.registrations = registrations;
        this.districts = districts;
        this.audit = audit;
        this.clock = clock;
    }

    Optional<DistrictSso> of(long districtId) {
        return configurations.findByDistrictId(districtId);
    }

    boolean haveKey() {
        return secrets.haveKey();
    }

    /** The districts whose staff may sign in through their provider, for the sign-in page's choice. */
    List<District> districtsSignedInThrough() {
        return configurations.findByEnabledTrue().stream()
                .flatMap(sso -> districts.findById(sso.districtId()).stream())
                .sorted(java.util.Comparator.comparing(District::name)).toList();
    }

    @Transactional
    Outcome save(long districtId, DistrictSso.Settings settings, String secret, String by) {
        boolean newSecret = secret != null && !secret.isBlank();
        if (newSecret && !secrets.haveKey()) {
            return new Outcome(false, ClientSecrets.NO_KEY + " Nothing was saved.");
        }
        if (newSecret && secret.strip().length() > 1024) {
            return new Outcome(false, "That client secret is longer than any provider gives (over 1,024 characters). "
                    + "Nothing was saved.");
        }
        byte[] sealed = newSecret ? secrets.seal(secret.strip()) : null;
        Optional<DistrictSso> existing = configurations.findByDistrictId(districtId);
        DistrictSso.Change change = existing.isEmpty()
                ? DistrictSso.configure(districtId, settings, sealed, clock.instant(), by)
                : existing.get().reconfigure(settings, sealed, clock.instant(), by);
        return record(districtId, change, "SSO_CONFIGURED");
    }

    @Transactional
    Outcome turnOff(long districtId, String by) {
        Optional<DistrictSso> existing = configurations.findByDistrictId(districtId);
        if (existing.isEmpty()) {
            return new Outcome(false, "Single sign-on is not set up: there is nothing to turn off.");
        }
        return record(districtId, existing.get().turnOff(clock.instant(), by), "SSO_TURNED_OFF");
    }

    private Outcome record(long districtId, DistrictSso.Change change, String action) {
        if (change instanceof DistrictSso.Refused refused) {
            return new Outcome(false, refused.reason() + " Nothing was saved.");
        }
        DistrictSso.Saved saved = (DistrictSso.Saved) change;
        DistrictSso kept = configurations.save(saved.sso());
        audit.record(districtId, action, "district_sso", kept.id(), saved.what());
        districts.findById(districtId).ifPresent(d -> registrations.forget(d.slug()));
        return new Outcome(true, "Saved: " + saved.what() + ".");
    }
}
