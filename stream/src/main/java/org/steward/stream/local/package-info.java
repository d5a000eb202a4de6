/**
 * Kafka and Flink inside one JVM, and a publisher of log files to Kafka: what {@code steward-stream.jar local} and the
 * module's tests run the stream job on, with no servers to install.
 */
package org.steward.stream.local;
