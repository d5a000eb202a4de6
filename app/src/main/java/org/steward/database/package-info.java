/**
 * Connects Steward to PostgreSQL: an external server given by {@code STEWARD_DB_URL}, or an embedded one kept
 * under the data directory.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Database",
        allowedDependencies = {})
package org.steward.database;
