package org.steward.publishing;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.StewardUser;
import org.steward.approvals.Approvals;
import org.steward.approvals.Kind;
import org.steward.approvals.Request;
import org.steward.audit.AuditLog;

/**
 * The register of class and club web sites and social media accounts (Clovis H, Stanislaus 12): an employee
 * registers one and it goes through the approvals workflow as a web presence (model policy I.1); where students under
 * 13 take part, its keeper records the COPPA consent it rests on before posts may go on it.
 */
@Service
public class SiteRegister {

    /** A site of the register with where its approval stands. */
    public record Listed(PublishingSite site, Request.Status approval, boolean usable) {
    }

    /** What the registration form says. */
    public record Registration(String name, PublishingSite.Kind kind, String platform, String address,
                               String purpose, boolean underThirteen) {
    }

    private final PublishingSites sites;
    private final Approvals approvals;
    private final AuditLog audit;
    private final Clock clock;

    SiteRegister(PublishingSites sites, Approvals approvals, AuditLog audit, Clock clock) {
        this.sites = sites;
        this.approvals = approvals;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public PublishingSite register(StewardUser me, Registration form) {
        if (form.kind() == null) {
            throw new PublishingRefused("Say whether it is a web site or a social media account.");
        }
        String name = form.name() == null ? "" : form.name().strip();
        String platform = form.platform() == null ? "" : form.platform().strip();
        String purpose = form.purpose() == null ? "" : form.purpose().strip();
        String address = form.address() == null ? "" : form.address().strip();
        if (name.isEmpty() || name.length() > 200 || platform.isEmpty() || platform.length() > 200
                || purpose.isEmpty() || purpose.length() > 2000 || address.length() > 500) {
            throw new PublishingRefused("Give its name and platform (up to 200 characters each), what it is for"
                    + " (up to 2,000) and, if it has one, its address (up to 500).");
        }
        if (!address.isEmpty() && !address.matches("(?i)https?://[^\\s<>\"]+")) {
            throw new PublishingRefused("Its address is a web address starting https:// (or http://), not '"
                    + (address.length() > 60 ? address.substring(0, 60) + "…" : address) + "'.");
        }
        Request request;
        try {
            request = approvals.submit(me.districtId(), me, Kind.WEB_PRESENCE, Map.of("name", name,
                    "platform", platform + " (" + form.kind().title().toLowerCase() + ")", "purpose", purpose
                            + (address.isEmpty() ? "" : " Address: " + address + ".") + (form.underThirteen()
                            ? " Students under 13 take part: its COPPA consent is recorded before posts go on it." : ""),
                    "keeper", me.displayName()));
        } catch (Approvals.Refused refused) {
            throw new PublishingRefused(refused.getMessage());
        }
        PublishingSite site = sites.save(PublishingSite.registered(me.districtId(), me.staffId(), me.displayName(),
                name, form.kind(), platform, address, purpose, form.underThirteen(), request.id(), clock.instant()));
        audit.record(me.districtId(), "PUBLISHING_SITE_REGISTERED", "publishing_site", site.id(),
                "%s (%s), approval request %d".formatted(site.name(), site.kind(), request.id()));
        return site;
    }

    @Transactional
    public PublishingSite recordConsent(StewardUser me, long siteId, String how) {
        PublishingSite site = find(me.districtId(), siteId)
                .orElseThrow(() -> new PublishingRefused("No site " + siteId + " in the register."));
        site.recordConsent(me.staffId() == null ? -1 : me.staffId(), Students.mayReadAll(me), me.displayName(), how,
                clock.instant()).orRefuse();
        PublishingSite saved = sites.save(site);
        audit.record(me.districtId(), "PUBLISHING_SITE_COPPA_CONSENT", "publishing_site", siteId, how.strip());
        return saved;
    }

    public Optional<PublishingSite> find(long districtId, long siteId) {
        // by its id, whose statement Spring Data makes once, then the district: a derived query is made on every call
        return sites.findById(siteId).filter(s -> s.districtId() == districtId);
    }

    /** Whether the site's web presence request is approved. */
    boolean approved(PublishingSite site) {
        return approval(site) == Request.Status.APPROVED;
    }

    private Request.Status approval(PublishingSite site) {
        return approvals.find(site.districtId(), site.approvalRequestId()).map(Request::status)
                .orElse(Request.Status.PENDING);
    }

    public List<Listed> register(long districtId) {
        return sites.findByDistrictIdOrderByName(districtId).stream().map(s -> {
            Request.Status status = approval(s);
            return new Listed(s, status, s.usable(status == Request.Status.APPROVED));
        }).toList();
    }

    /** The sites a post may go on: approved, with their consent where it is needed. */
    public List<Listed> usable(long districtId) {
        return register(districtId).stream().filter(Listed::usable).toList();
    }
}
