/**
 * Steward's engine as a Flink DataStream job over Kafka: log lines in, usage and findings out, the same engine code as
 * the application's batch runs.
 */
package org.steward.stream;
