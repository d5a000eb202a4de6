package org.steward.publishing;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A class or club web site or social media account in the district's register (Clovis H, Stanislaus 12), the
 * aggregate. It is approved through the approvals workflow (a web presence request); where students under 13 take
 * part, it is usable only once the COPPA consent it rests on is recorded (Oak Park; model policy F.5).
 */
@Table("publishing_site")
public class PublishingSite {

    public enum Kind {
        WEB_SITE("Class or club web site"), SOCIAL_ACCOUNT("Class or club social media account");

        private final String title;

        Kind(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    static final int CONSENT_SHORTEST = 10;

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final long keeperStaffId;
    private final String keeperName;
    private final String name;
    private final Kind kind;
    private final String platform;
    private final String address;
    private final String purpose;
    private final boolean underThirteen;
    private String coppaConsent;
    private String coppaConsentBy;
    private Instant coppaConsentAt;
    private final long approvalRequestId;
    private final Instant registeredAt;

    @PersistenceCreator
    PublishingSite(Long id, Integer version, long districtId, long keeperStaffId, String keeperName, String name,
                   Kind kind, String platform, String address, String purpose, boolean underThirteen,
                   String coppaConsent, String coppaConsentBy, Instant coppaConsentAt, long approvalRequestId,
                   Instant registeredAt) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.keeperStaffId = keeperStaffId;
        this.keeperName = keeperName;
        this.name = name;
        this.kind = kind;
        this.platform = platform;
        this.address = address;
        this.purpose = purpose;
        this.underThirteen = underThirteen;
        this.coppaConsent = coppaConsent;
        this.coppaConsentBy = coppaConsentBy;
        this.coppaConsentAt = coppaConsentAt;
        this.approvalRequestId = approvalRequestId;
        this.registeredAt = registeredAt;
    }

    static PublishingSite registered(long districtId, long keeperStaffId, String keeperName, String name, Kind kind,
                                     String platform, String address, String purpose, boolean underThirteen,
                                     long approvalRequestId, Instant at) {
        return new PublishingSite(null, null, districtId, keeperStaffId, keeperName, name.strip(), kind,
                platform.strip(), address.strip(), purpose.strip(), underThirteen, null, null, null,
                approvalRequestId, at);
    }

    /**
     * Records how the consent for students under 13 was obtained (the parents' forms, or the school's consent on
     * their behalf for a service used only for school), once; the keeper records it, or an administrator when the
     * keeper has gone, and says how.
     */
    Change recordConsent(long byStaffId, boolean administrator, String byName, String how, Instant at) {
        if (byStaffId != keeperStaffId && !administrator) {
            return Change.refused("Only " + keeperName + ", who keeps " + name + ", or a district administrator"
                    + " records its consent.");
        }
        if (coppaConsentAt != null) {
            return Change.refused("Its consent is already recorded, by " + coppaConsentBy + ", and stays as it was"
                    + " recorded.");
        }
        String text = how == null ? "" : how.strip();
        if (text.length() < CONSENT_SHORTEST || text.length() > 2000) {
            return Change.refused("Say how the consent was obtained (at least " + CONSENT_SHORTEST
                    + " characters): the parents' forms, or the school's consent on their behalf for a service used"
                    + " only for school.");
        }
        this.coppaConsent = text;
        this.coppaConsentBy = byName;
        this.coppaConsentAt = at;
        return Change.DONE;
    }

    /** Whether posts may go on it: approved, and with its COPPA consent where students under 13 take part. */
    boolean usable(boolean approved) {
        return approved && (!underThirteen || coppaConsentAt != null);
    }

    PublishingRules.SiteFacts facts(boolean approved) {
        return new PublishingRules.SiteFacts(name, kind, approved, underThirteen, coppaConsentAt != null);
    }

    public Long id() {
        return id;
    }

    public long districtId() {
        return districtId;
    }

    public long keeperStaffId() {
        return keeperStaffId;
    }

    public String keeperName() {
        return keeperName;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public String platform() {
        return platform;
    }

    public String address() {
        return address;
    }

    public String purpose() {
        return purpose;
    }

    public boolean underThirteen() {
        return underThirteen;
    }

    public String coppaConsent() {
        return coppaConsent;
    }

    public String coppaConsentBy() {
        return coppaConsentBy;
    }

    public Instant coppaConsentAt() {
        return coppaConsentAt;
    }

    public long approvalRequestId() {
        return approvalRequestId;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
