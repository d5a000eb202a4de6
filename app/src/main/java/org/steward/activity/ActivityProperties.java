package org.steward.activity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where activity files live: {@code dir}/raw keeps each ingested file until the district's retention deletes it,
 * {@code dir}/categories the URL category lists in use, {@code dir}/spool what syslog receivers have taken and not
 * yet ingested. Environment: {@code STEWARD_ACTIVITY_DIR}. Syslog receivers listen on {@code syslog-address}
 * (default all addresses) unless {@code syslog} is false.
 */
@ConfigurationProperties("steward.activity")
record ActivityProperties(Path dir, Boolean syslog, String syslogAddress) {

    ActivityProperties {
        dir = dir == null ? Path.of("data", "activity") : dir;
        syslog = syslog == null || syslog;
        syslogAddress = syslogAddress == null || syslogAddress.isBlank() ? "0.0.0.0" : syslogAddress;
    }

    Path spool(long sourceId) {
        return dir.resolve("spool").resolve("source-" + sourceId);
    }

    Path raw(long districtId) {
        return dir.resolve("raw").resolve("district-" + districtId);
    }

    Path categories(long districtId) {
        return dir.resolve("categories").resolve("district-" + districtId);
    }
}
