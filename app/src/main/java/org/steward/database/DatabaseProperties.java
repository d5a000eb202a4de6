package org.steward.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where Steward keeps its data. With no {@code url} (environment {@code STEWARD_DB_URL}) it runs an embedded
 * PostgreSQL whose files live under {@code dataDir}/postgres; {@code ephemeral} makes a throw-away one for tests.
 */
@ConfigurationProperties("steward.db")
record DatabaseProperties(String url, String username, String password, Path dataDir, boolean ephemeral) {

    DatabaseProperties {
        dataDir = dataDir == null ? Path.of("data") : dataDir;
    }

    boolean embedded() {
        return url == null || url.isBlank();
    }
}
