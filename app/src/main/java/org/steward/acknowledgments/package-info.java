/**
 * The annual acknowledgment of the acceptable-use policy (Clovis Q; Oak Park's Annual Acknowledgement and Signature
 * Page): campaigns for a school year, signing with receipts, reminders, suspension pending acknowledgment, and
 * completion reports. Under CalECPA the signed acknowledgment is also the employee's specific consent to monitoring,
 * so each record proves exactly which text was signed.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Acknowledgments",
        allowedDependencies = {"accounts", "audit", "database", "districts", "documents", "exports", "lists",
                "mail", "policies", "staff"})
package org.steward.acknowledgments;
