package org.steward.acknowledgments;

import java.time.LocalDate;
import java.util.List;

import org.steward.documents.PrintedDocument;

/**
 * The receipt of a signed acknowledgment, laid out like a policy's signature page: the policy's title and version,
 * each statement as ticked, then Employee Name, Signature (as typed), Date and Effective School Year. Made once when
 * the employee signs, with PDFBox and the Liberation Sans font PDFBox carries (any language's letters).
 */
final class Receipt {

    /** What the receipt shows. */
    record Content(String district, String policyTitle, int policyVersion, String policySha256, String schoolYear,
                   List<String> statements, String employeeName, String employeeId, String typedName,
                   LocalDate date, String signedAt, String ipAddress, long signatureNumber, String recorded) {
    }

    private Receipt() {
    }

    static byte[] of(Content c) {
        return PrintedDocument.write(new PrintedDocument.Properties("Acknowledgment receipt: " + c.policyTitle(),
                c.employeeName()), pages -> write(pages, c));
    }

    private static void write(PrintedDocument.Pages pages, Content c) {
        pages.text(16, "Annual Acknowledgment and Signature Page");
        pages.text(11, c.district());
        pages.gap(6);
        pages.text(11, c.policyTitle() + ", version " + c.policyVersion());
        pages.text(8, "SHA-256 of the version's text: " + c.policySha256());
        pages.gap(10);
        pages.text(11, "The employee acknowledged each of these statements:");
        pages.gap(4);
        for (String statement : c.statements()) {
            pages.text(10, "[x]  " + statement);
            pages.gap(4);
        }
        pages.gap(14);
        field(pages, "Employee Name", c.employeeName() + " (employee id " + c.employeeId() + ")");
        field(pages, "Signature", c.typedName() + (c.recorded() == null
                ? "   (typed by the employee as their signature)"
                : "   (as signed on the record it was recorded from)"));
        field(pages, "Date", c.date().toString());
        field(pages, "Effective School Year", c.schoolYear());
        pages.gap(18);
        if (c.recorded() == null) {
            pages.text(8, "Signed " + c.signedAt() + " from " + c.ipAddress() + ". Steward acknowledgment record "
                    + c.signatureNumber() + ".");
            pages.text(8, "This receipt was made once, when the employee signed; its SHA-256 is kept with the "
                    + "record.");
        } else {
            pages.text(8, "Signed " + c.signedAt() + ", before the district used Steward. " + c.recorded()
                    + " Steward acknowledgment record " + c.signatureNumber() + ".");
            pages.text(8, "This receipt was made once, when the signature was recorded; its SHA-256 is kept with "
                    + "the record.");
        }
    }

    private static void field(PrintedDocument.Pages pages, String label, String value) {
        pages.text(11, label + ":  " + value);
        pages.gap(8);
    }
}
