package org.steward.bench;

import java.util.List;

import org.steward.documents.PrintedDocument;

/**
 * An acknowledgment receipt's page written again and again, as signing writes one per signature: milliseconds a
 * receipt, three rounds of {@code n}. A benchmark, not a test: the figure goes to docs/benchmarks.md
 * ("Session 8: no slower").
 */
public final class ReceiptBenchmark {

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        List<String> statements = List.of(
                "I have read the policy and the regulation and agree to follow them when I use the District's "
                        + "technology.",
                "I understand the District may monitor my use and I have no expectation of privacy in district "
                        + "systems.",
                "I will protect student data as the policy requires, and report any breach at once.",
                "I understand that violations may lead to discipline, up to and including dismissal.");
        for (int round = 1; round <= 3; round++) {
            long start = System.nanoTime();
            long bytes = 0;
            for (int i = 0; i < n; i++) {
                bytes += PrintedDocument.write(new PrintedDocument.Properties("Acknowledgment receipt", "Maria Garcia"),
                        pages -> {
                            pages.text(16, "Annual Acknowledgment and Signature Page");
                            pages.text(11, "Sample Unified School District");
                            pages.text(11, "Acceptable use of technology, version 2");
                            pages.text(8, "SHA-256 of the version's text: " + "ab".repeat(32));
                            statements.forEach(s -> pages.text(10, "[x]  " + s));
                            pages.text(11, "Employee Name:  Maria Garcia (employee id E1010)");
                            pages.text(11, "Signature:  Maria Garcia   (typed by the employee as their signature)");
                            pages.text(8, "Signed 2026-12-02T01:00:00Z from 192.0.2.10. Steward acknowledgment "
                                    + "record 12345.");
                        }).length;
            }
            System.out.printf("round %d: %.1f ms a receipt, %d bytes each%n", round,
                    (System.nanoTime() - start) / 1e6 / n, bytes / n);
        }
    }
}
