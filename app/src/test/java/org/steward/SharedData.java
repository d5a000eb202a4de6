package org.steward;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real policies and data in ../shared, which tests read but the project never copies. */
public final class SharedData {

    private SharedData() {
    }

    public static Path root() {
        for (Path candidate : new Path[] {Path.of("../shared"), Path.of("../../shared"), Path.of("../../../shared")}) {
            if (Files.isDirectory(candidate.resolve("policies"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("../shared is missing: the tests read the real policies and data from it");
    }

    public static Path policies() {
        return root().resolve("policies");
    }

    /** A policy by the start of its file name: "000" Ceres, "001" Clovis, "002" Stanislaus, "003" unnamed, "004" Oak Park. */
    public static String policy(String number) {
        try (Stream<Path> files = Files.list(policies())) {
            Path file = files.filter(f -> f.getFileName().toString().startsWith(number + "_")).findFirst()
                    .orElseThrow();
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path data(String relative) {
        return root().resolve("data").resolve(relative);
    }
}
