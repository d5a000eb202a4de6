package org.steward.engine.usage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who held a network address when: DHCP leases or device assignments, each from an instant until an instant (or
 * open-ended). A log line that names no user is attributed to the person who held its client address at its time;
 * with nobody holding it, it stays attributed to the address.
 */
public final class Leases {

    /** One holding: an address, a person, and the half-open time range [from, until). */
    public record Lease(String address, String person, long from, long until) {
    }

    public static final Leases NONE = new Leases(List.of());

    private final Map<String, List<Lease>> byAddress = new HashMap<>();

    public Leases(List<Lease> leases) {
        for (Lease lease : leases) {
            byAddress.computeIfAbsent(lease.address(), a -> new ArrayList<>()).add(lease);
        }
        byAddress.values().forEach(l -> l.sort(Comparator.comparingLong(Lease::from)));
    }

    /** The person holding the address at the time, or null. */
    public String holder(String address, long time) {
        List<Lease> leases = byAddress.get(address);
        if (leases == null) {
            return null;
        }
        for (int i = leases.size() - 1; i >= 0; i--) {
            Lease lease = leases.get(i);
            if (lease.from() <= time && time < lease.until()) {
                return lease.person();
            }
        }
        return null;
    }

    /**
     * Reads a CSV of {@code address,person,from,until} with ISO-8601 instants; an empty until means still held.
     * A bad line stops the load with its number and reason: a wrong lease would blame the wrong person.
     */
    public static Leases read(Path file) {
        List<Lease> leases = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#") || number == 1 && line.startsWith("address")) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length < 3) {
                    throw new IllegalArgumentException(file + " line " + number
                            + ": expected address,person,from,until");
                }
                try {
                    long from = Instant.parse(f[2].strip()).toEpochMilli();
                    long until = f.length < 4 || f[3].isBlank() ? Long.MAX_VALUE
                            : Instant.parse(f[3].strip()).toEpochMilli();
                    if (until <= from) {
                        throw new IllegalArgumentException(file + " line " + number + ": the lease ends before it starts");
                    }
                    leases.add(new Lease(f[0].strip(), f[1].strip(), from, until));
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException(file + " line " + number
                            + ": times must be ISO-8601 instants like 2026-01-05T15:30:00Z", e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the leases in " + file, e);
        }
        return new Leases(leases);
    }
}
