package org.steward.engine.usage;

import java.util.HashMap;
import java.util.Map;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;

/**
 * A site is the registered domain of a host by the Public Suffix List ("mail.example.co.uk" is "example.co.uk",
 * "x.blogspot.com" is itself), as Guava knows it; an address or a name outside the list is its own site. Answers
 * are cached per host: one instance per thread.
 */
public final class SiteNames {

    private static final int MAX_CACHED = 200_000;

    private final Map<String, String> cache = new HashMap<>();

    public String siteOf(String host) {
        String site = cache.get(host);
        if (site == null) {
            site = compute(host);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(host, site);
        }
        return site;
    }

    static String compute(String host) {
        if (InetAddresses.isInetAddress(host)) {
            return host;
        }
        try {
            InternetDomainName name = InternetDomainName.from(host);
            return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return host;
        }
    }
}
