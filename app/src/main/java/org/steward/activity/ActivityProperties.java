package org.steward.activity;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where activity files live: {@code dir}/raw keeps each ingested file until the district's retention deletes it,
 * {@code dir}/categories the URL category lists in use, {@code dir}/spool what syslog receivers have taken and not
 * yet ingested. Environment: {@code STEWARD_ACTIVITY_DIR}. Syslog receivers listen on the address {@code listen}
 * (default all addresses) unless {@code syslog} is false. Watched folders must lie under one of the {@code watched}
 * folders (default /var/log): the server's operator, not a district, decides which of its files Steward reads.
 */
@ConfigurationProperties("steward.activity")
record ActivityProperties(Path dir, Boolean syslog, String listen, List<Path> watched) {

    ActivityProperties {
        dir = dir == null ? Path.of("data", "activity") : dir;
        syslog = syslog == null || syslog;
        listen = listen == null || listen.isBlank() ? "0.0.0.0" : listen;
        watched = watched == null || watched.isEmpty() ? List.of(Path.of("/var/log")) : List.copyOf(watched);
    }

    /** Whether a folder lies under one of the watched folders, links followed where it exists. */
    boolean mayWatch(Path folder) {
        Path real = realOrNormal(folder);
        return watched.stream().map(ActivityProperties::realOrNormal).anyMatch(real::startsWith);
    }

    private static Path realOrNormal(Path path) {
        try {
            return path.toRealPath();
        } catch (java.io.IOException e) {
            return path.toAbsolutePath().normalize();
        }
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
