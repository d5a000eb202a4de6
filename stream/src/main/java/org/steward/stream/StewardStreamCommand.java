package org.steward.stream;

import java.util.Arrays;

/** {@code java -jar steward-stream.jar local ...}: the stream job, with Kafka and Flink in this JVM. */
public final class StewardStreamCommand {

    static final String USAGE = """
            Usage: java -jar steward-stream.jar local [OPTIONS] LOG...

            Runs Steward's engine as a Flink job over Kafka, with a Kafka broker and a Flink cluster inside this
            JVM: publishes the logs to a topic, one partition a log, and runs the job over them.
            """;

    private StewardStreamCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (args.length == 0 || !args[0].equals("local")) {
            System.err.print(USAGE);
            return 2;
        }
        return local(Arrays.copyOfRange(args, 1, args.length));
    }

    /** The local run; the job it runs is written apart from this module's plumbing and is not in this build yet. */
    private static int local(String[] args) {
        System.err.println("steward-stream: the local job is not in this build yet");
        return 1;
    }
}
