package org.steward.activity;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.steward.districts.Districts;

/**
 * The server's folders and ports a district may use, as the operator grants them ({@link ActivityProperties}): a
 * district's sources read only its own folders and listen only on its own ports, so one district never reads
 * another's logs or takes its ports.
 */
@Service
class ServerGrants {

    /** A district's block of ports, {@code first} to {@code last}. */
    record Ports(int first, int last) {
        boolean contains(int port) {
            return port >= first && port <= last;
        }

        @Override
        public String toString() {
            return first == last ? String.valueOf(first) : first + "–" + last;
        }
    }

    private final ActivityProperties properties;
    private final Districts districts;
    private final JdbcClient jdbc;

    ServerGrants(ActivityProperties properties, Districts districts, JdbcClient jdbc) {
        this.properties = properties;
        this.districts = districts;
        this.jdbc = jdbc;
    }

    List<Path> folders(long districtId) {
        return properties.foldersOf(slug(districtId));
    }

    /** Whether the folder lies under one of the district's folders (links followed: checked at each read too). */
    boolean mayRead(long districtId, Path folder) {
        return properties.mayRead(slug(districtId), folder);
    }

    /** The district's ports: its block of the server's range, handed out when it first asks. */
    Ports ports(long districtId) {
        int size = properties.portsPerDistrict();
        for (int attempt = 0; attempt < 3; attempt++) {
            var held = jdbc.sql("select first_port from activity_port_block where district_id = ?").param(districtId)
                    .query(Integer.class).optional();
            if (held.isPresent()) {
                return new Ports(held.get(), held.get() + size - 1);
            }
            Set<Integer> taken = new HashSet<>(jdbc.sql("select first_port from activity_port_block")
                    .query(Integer.class).list());
            for (int first = properties.firstPort(); first + size - 1 <= properties.lastPort(); first += size) {
                if (!taken.contains(first)) {
                    jdbc.sql("insert into activity_port_block (district_id, first_port) values (?, ?) "
                            + "on conflict do nothing").params(districtId, first).update();
                    break; // read back what was kept: this block, or one another request gave the district
                }
            }
            if (taken.size() >= (properties.lastPort() - properties.firstPort() + 1) / size) {
                throw new Sources.Refused("Every block of the server's ports (" + properties.ports()
                        + ") is given to a district already: the server's operator can widen the range.");
            }
        }
        throw new IllegalStateException("Could not give district " + districtId + " its ports");
    }

    private String slug(long districtId) {
        return districts.findById(districtId).orElseThrow(() -> new Sources.Refused("There is no such district."))
                .slug();
    }
}
