package org.steward.activity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where activity files live: {@code dir}/raw keeps each ingested file until the district's retention deletes it,
 * {@code dir}/categories the URL category lists in use. Environment: {@code STEWARD_ACTIVITY_DIR}.
 */
@ConfigurationProperties("steward.activity")
record ActivityProperties(Path dir) {

    ActivityProperties {
        dir = dir == null ? Path.of("data", "activity") : dir;
    }

    Path raw(long districtId) {
        return dir.resolve("raw").resolve("district-" + districtId);
    }

    Path categories(long districtId) {
        return dir.resolve("categories").resolve("district-" + districtId);
    }
}
