/**
 * Steward's activity engine: turns proxy and other activity logs into per-person site usage and findings tied to
 * policy clauses. Plain Java, no Spring, so that the application and a stream job (Flink over Kafka) run the same code.
 */
package org.steward.engine;
