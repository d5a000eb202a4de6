package org.steward.sso;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.stereotype.Component;
import org.steward.districts.District;
import org.steward.districts.Districts;

/**
 * One OpenID Connect client registration per district that set up single sign-on, its id the district's slug
 * (so its redirect URI is {@code {base-url}/login/oauth2/code/{slug}}). Each is discovered from the provider's
 * issuer the first time it is needed and kept until the district's settings change.
 */
@Component
class DistrictClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(DistrictClientRegistrations.class);

    /** Whether a district's sign-in can start, and why not. */
    sealed interface Lookup permits Ready, Unavailable {
    }

    record Ready(District district, DistrictSso sso, ClientRegistration registration) implements Lookup {
    }

    /** {@code district} is null when no district has the slug. */
    record Unavailable(District district, String reason) implements Lookup {
    }

    private record Discovered(long districtId, Integer version, ClientRegistration registration) {
    }

    private final Districts districts;
    private final DistrictSsoRepository configurations;
    private final ClientSecrets secrets;
    private final String googleIssuer;
    private final String entraIssuer;
    private final String baseUrl;
    private final ConcurrentHashMap<String, Discovered> discovered = new ConcurrentHashMap<>();

    DistrictClientRegistrations(Districts districts, DistrictSsoRepository configurations, ClientSecrets secrets,
                                @Value("${steward.sso.google-issuer:https://accounts.google.com}") String googleIssuer,
                                @Value("${steward.sso.entra-issuer:https://login.microsoftonline.com/{tenant}/v2.0}")
                                String entraIssuer,
                                @Value("${steward.base-url:}") String baseUrl) {
        this.districts = districts;
        this.configurations = configurations;
        this.secrets = secrets;
        this.googleIssuer = googleIssuer;
        this.entraIssuer = entraIssuer;
        this.baseUrl = baseUrl.strip().replaceAll("/+$", "");
    }

    /** The issuer Steward trusts for the configuration: Google's, or the Entra tenant's. */
    String issuerOf(SsoProvider provider, String tenantId) {
        return provider == SsoProvider.GOOGLE ? googleIssuer
                : entraIssuer.replace("{tenant}", tenantId == null ? "{tenant}" : tenantId);
    }

    /** The address the provider sends people back to, as the district registers it there. */
    String redirectUri(String currentBaseUrl, String slug) {
        return (baseUrl.isEmpty() ? currentBaseUrl : baseUrl) + "/login/oauth2/code/" + slug;
    }

    @Override
    public ClientRegistration findByRegistrationId(String registrationId) {
        return lookup(registrationId) instanceof Ready ready ? ready.registration() : null;
    }

    Lookup lookup(String slug) {
        // what no slug can be (a NUL byte, a slash) is not looked up
        Optional<District> found = slug == null || !slug.matches("[A-Za-z0-9._-]{1,100}") ? Optional.empty()
                : districts.findBySlug(slug);
        if (found.isEmpty()) {
            return new Unavailable(null, "No district has the short name '" + String.valueOf(slug)
                    .replaceAll("\\p{Cntrl}", "?") + "'. Check the address your district gave you.");
        }
        District district = found.get();
        Optional<DistrictSso> sso = configurations.findByDistrictId(district.id());
        if (sso.isEmpty() || !sso.get().enabled()) {
            return new Unavailable(district, district.name() + " has not set up single sign-on: sign in with "
                    + "your Steward username and password.");
        }
        DistrictSso config = sso.get();
        Discovered known = discovered.get(slug);
        if (known != null && known.districtId() == district.id() && known.version().equals(config.version())) {
            return new Ready(district, config, known.registration());
        }
        String issuer = issuerOf(config.provider(), config.tenantId());
        String secret;
        try {
            secret = secrets.open(config.sealedSecret());
        } catch (IllegalStateException e) {
            return new Unavailable(district, e.getMessage());
        }
        try {
            ClientRegistration registration = ClientRegistrations.fromIssuerLocation(issuer)
                    .registrationId(slug)
                    .clientName(config.provider().brand())
                    .clientId(config.clientId())
                    .clientSecret(secret)
                    .scope("openid", "email", "profile")
                    .redirectUri(baseUrl.isEmpty() ? "{baseUrl}/login/oauth2/code/{registrationId}"
                            : baseUrl + "/login/oauth2/code/{registrationId}")
                    .build();
            discovered.put(slug, new Discovered(district.id(), config.version(), registration));
            return new Ready(district, config, registration);
        } catch (RuntimeException e) {
            log.warn("Discovery of {} for district {} failed", issuer, slug, e);
            return new Unavailable(district, "Steward could not read " + config.provider().brand()
                    + "'s sign-in configuration from " + issuer + " just now (" + e.getMessage()
                    + "). Try again in a minute; if it goes on, tell your district's administrators.");
        }
    }

    /** Forgets what was discovered for a district, whose settings just changed. */
    void forget(String slug) {
        discovered.remove(slug);
    }
}
