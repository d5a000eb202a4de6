/**
 * Printed documents: PDFs of wrapped text in the Liberation Sans font PDFBox carries (any language's letters), for
 * acknowledgment receipts, the published policy, and the reports and case files to come.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Documents", allowedDependencies = {})
package org.steward.documents;
