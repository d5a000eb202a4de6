package org.steward.activity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.steward.engine.Analyzer;

/**
 * Where activity files live: {@code dir}/raw keeps each ingested file until the district's retention deletes it,
 * {@code dir}/categories the URL category lists in use, {@code dir}/spool what syslog receivers have taken and not
 * yet ingested. Environment: {@code STEWARD_ACTIVITY_DIR}. Syslog receivers listen on the address {@code listen}
 * (default all addresses) unless {@code syslog} is false.
 *
 * <p>Server resources belong to a district, and the server's operator grants them, never a district. The folders a
 * district's watched folders and category lists may be read from are {@code watched}, each naming its district by
 * {@code {district}} (the district's slug: default {@code /var/log/steward/{district}}), and any folders
 * {@code district-folders.<slug>} names for one district. The ports its syslog receivers may listen on are a block of
 * {@code ports-per-district} ports in the server's range {@code ports} (default 5514-5613, five a district), handed
 * out to each district when it first needs one. A UDP receiver asks the kernel for a socket buffer of
 * {@code udp-buffer} bytes. A log line may be {@code max-line-bytes} long (64 KiB), a log {@code max-log-bytes} once
 * gunzipped (50 GiB): past them a line is a bad line, a log stops its run with a message saying so.
 */
@ConfigurationProperties("steward.activity")
record ActivityProperties(Path dir, Boolean syslog, String listen, List<String> watched,
                          Map<String, List<Path>> districtFolders, String ports, Integer portsPerDistrict,
                          Integer udpBuffer, Integer maxLineBytes, Long maxLogBytes) {

    static final String DISTRICT = "{district}";

    ActivityProperties {
        dir = dir == null ? Path.of("data", "activity") : dir;
        syslog = syslog == null || syslog;
        listen = listen == null || listen.isBlank() ? "0.0.0.0" : listen;
        watched = watched == null || watched.isEmpty() ? List.of("/var/log/steward/" + DISTRICT) : List.copyOf(watched);
        for (String folder : watched) {
            if (!folder.contains(DISTRICT)) {
                throw new IllegalStateException("steward.activity.watched (STEWARD_ACTIVITY_WATCHED) names " + folder
                        + ", which names no " + DISTRICT + ": every district could read it. Write it as "
                        + folder.replaceAll("/+$", "") + "/" + DISTRICT + ", or grant a folder to one district with "
                        + "steward.activity.district-folders.<slug>.");
            }
        }
        districtFolders = districtFolders == null ? Map.of() : Map.copyOf(districtFolders);
        ports = ports == null || ports.isBlank() ? "5514-5613" : ports.strip();
        portsPerDistrict = portsPerDistrict == null ? 5 : portsPerDistrict;
        // a UDP receiver's socket buffer: 8 MiB, about 40,000 Squid lines of a burst (the kernel caps it at
        // net.core.rmem_max, which the operator may raise)
        udpBuffer = udpBuffer == null ? 8 << 20 : udpBuffer;
        maxLineBytes = maxLineBytes == null ? Analyzer.Limits.DEFAULT.maxLineBytes() : maxLineBytes;
        maxLogBytes = maxLogBytes == null ? Analyzer.Limits.DEFAULT.maxExpandedBytes() : maxLogBytes;
        if (!ports.matches("\\d{1,5}-\\d{1,5}") || firstPort(ports) < 1 || lastPort(ports) > 65535
                || lastPort(ports) < firstPort(ports) || portsPerDistrict < 1) {
            throw new IllegalStateException("steward.activity.ports (STEWARD_ACTIVITY_PORTS) is a range like "
                    + "5514-5613 within 1-65535, and ports-per-district at least 1: not " + ports);
        }
    }

    /** How long a line and how large a log this server takes. */
    Analyzer.Limits limits() {
        return new Analyzer.Limits(maxLineBytes, maxLogBytes);
    }

    /** The folders granted to a district, by its slug. */
    List<Path> foldersOf(String slug) {
        List<Path> folders = new ArrayList<>();
        watched.forEach(w -> folders.add(Path.of(w.replace(DISTRICT, slug))));
        folders.addAll(districtFolders.getOrDefault(slug, List.of()));
        return folders;
    }

    /** Whether a folder lies under one of the district's folders, links followed where it exists. */
    boolean mayRead(String slug, Path folder) {
        Path real = realOrNormal(folder);
        return foldersOf(slug).stream().map(ActivityProperties::realOrNormal).anyMatch(real::startsWith);
    }

    int firstPort() {
        return firstPort(ports);
    }

    int lastPort() {
        return lastPort(ports);
    }

    private static int firstPort(String range) {
        return Integer.parseInt(range.substring(0, range.indexOf('-')));
    }

    private static int lastPort(String range) {
        return Integer.parseInt(range.substring(range.indexOf('-') + 1));
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
