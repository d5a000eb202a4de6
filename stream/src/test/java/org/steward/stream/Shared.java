package org.steward.stream;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real logs in ../shared/data, which the tests read and the project never copies. */
public final class Shared {

    private Shared() {
    }

    public static Path data(String relative) {
        for (Path root : new Path[] {Path.of("../shared/data"), Path.of("../../shared/data"),
                Path.of("../../../shared/data")}) {
            if (Files.isDirectory(root)) {
                return root.resolve(relative).toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("../shared/data is missing: the tests read real logs from it");
    }
}
