package org.steward.sso;

import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A district's single sign-on: whose accounts (Google Workspace restricted to one domain, or one Microsoft Entra
 * tenant), and Steward's client id and secret there. The secret is held only sealed under the operator's key.
 * Changed only through {@link #configure} and {@link #reconfigure}, which refuse what could not work and say why.
 */
@Table("district_sso")
final class DistrictSso {

    // a host name of two labels or more: what Google Workspace calls a primary domain
    private static final Pattern DOMAIN = Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern GOOGLE_CLIENT = Pattern.compile("[A-Za-z0-9._-]{1,200}\\.apps\\.googleusercontent\\.com");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /** What a district administrator enters on the settings page; the secret apart, sealed. */
    record Settings(SsoProvider provider, String clientId, String hostedDomain, String tenantId) {
    }

    sealed interface Change permits Saved, Refused {
    }

    /** The configuration to save, and what changed in words for the audit trail (never the secret). */
    record Saved(DistrictSso sso, String what) implements Change {
    }

    record Refused(String reason) implements Change {
    }

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private SsoProvider provider;
    private String clientId;
    private byte[] clientSecret;
    private String hostedDomain;
    private String tenantId;
    private boolean enabled;
    private Instant updatedAt;
    private String updatedBy;

    @PersistenceCreator
    DistrictSso(Long id, Integer version, long districtId, SsoProvider provider, String clientId, byte[] clientSecret,
                String hostedDomain, String tenantId, boolean enabled, Instant updatedAt, String updatedBy) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.provider = provider;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.hostedDomain = hostedDomain;
        this.tenantId = tenantId;
        this.enabled = enabled;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
    }

    /** The district's first configuration: it needs a secret. */
    static Change configure(long districtId, Settings settings, byte[] sealedSecret, Instant at, String by) {
        if (sealedSecret == null) {
            return new Refused("Enter the client secret: " + brandOf(settings) + " gives it with the client id.");
        }
        DistrictSso sso = new DistrictSso(null, null, districtId, null, null, sealedSecret, null, null, true, at, by);
        return sso.apply(settings, sealedSecret, at, by, "single sign-on set up");
    }

    /** Changes the settings; a {@code null} secret keeps the one held. Turns single sign-on on again. */
    Change reconfigure(Settings settings, byte[] sealedSecret, Instant at, String by) {
        return apply(settings, sealedSecret, at, by, "single sign-on changed");
    }

    Change turnOff(Instant at, String by) {
        if (!enabled) {
            return new Refused("Single sign-on is already off.");
        }
        enabled = false;
        updatedAt = at;
        updatedBy = by;
        return new Saved(this, "single sign-on turned off: staff sign in with a password only");
    }

    private Change apply(Settings settings, byte[] sealedSecret, Instant at, String by, String what) {
        if (settings.provider() == null) {
            return new Refused("Choose Google Workspace or Microsoft Entra ID.");
        }
        String client = strip(settings.clientId());
        if (client.isEmpty()) {
            return new Refused("Enter the client id " + brandOf(settings) + " gave Steward.");
        }
        String domain = null;
        String tenant = null;
        if (settings.provider() == SsoProvider.GOOGLE) {
            if (!GOOGLE_CLIENT.matcher(client).matches()) {
                return new Refused("A Google client id ends in .apps.googleusercontent.com; '" + client
                        + "' does not. Copy it from the Google Cloud console's OAuth client.");
            }
            domain = strip(settings.hostedDomain()).toLowerCase(Locale.ROOT);
            if (!DOMAIN.matcher(domain).matches()) {
                return new Refused(domain.isEmpty()
                        ? "Enter the district's Google Workspace domain (such as sample.k12.ca.us): only its accounts may sign in."
                        : "'" + domain + "' is not a domain name such as sample.k12.ca.us.");
            }
        } else {
            if (!GUID.matcher(client.toLowerCase(Locale.ROOT)).matches()) {
                return new Refused("A Microsoft Entra client id is the application (client) id, a GUID such as "
                        + "0d3f2c1a-5b6e-4f7a-8c9d-0e1f2a3b4c5d; '" + client + "' is not one.");
            }
            client = client.toLowerCase(Locale.ROOT);
            tenant = strip(settings.tenantId()).toLowerCase(Locale.ROOT);
            if (!GUID.matcher(tenant).matches()) {
                return new Refused(tenant.isEmpty()
                        ? "Enter the district's Microsoft Entra tenant id (directory id), a GUID: only its accounts may sign in."
                        : "The tenant id is the directory (tenant) id, a GUID such as "
                        + "0d3f2c1a-5b6e-4f7a-8c9d-0e1f2a3b4c5d; '" + tenant + "' is not one.");
            }
        }
        String changes = what + ": " + settings.provider().title() + ", client id " + client
                + (domain != null ? ", domain " + domain : ", tenant " + tenant)
                + (id == null ? "" : sealedSecret != null ? ", new client secret" : ", client secret kept");
        provider = settings.provider();
        clientId = client;
        hostedDomain = domain;
        tenantId = tenant;
        if (sealedSecret != null) {
            clientSecret = sealedSecret;
        }
        enabled = true;
        updatedAt = at;
        updatedBy = by;
        return new Saved(this, changes);
    }

    private static String brandOf(Settings settings) {
        return settings.provider() == null ? "the provider" : settings.provider().brand();
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }

    Long id() {
        return id;
    }

    /** Moves on with every save: a cached registration of an older version is stale. */
    Integer version() {
        return version;
    }

    long districtId() {
        return districtId;
    }

    SsoProvider provider() {
        return provider;
    }

    String clientId() {
        return clientId;
    }

    byte[] sealedSecret() {
        return clientSecret;
    }

    String hostedDomain() {
        return hostedDomain;
    }

    String tenantId() {
        return tenantId;
    }

    boolean enabled() {
        return enabled;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    String updatedBy() {
        return updatedBy;
    }
}
