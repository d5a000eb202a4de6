package org.steward.policies;

/** What a clause is in its document: the parts a reader navigates by, and the parts an employee signs. */
public enum ClauseKind {
    /** A heading with its own numbering or name, such as Clovis "C. Prohibited Uses". */
    SECTION,
    /** A numbered or lettered item, such as Clovis C.27. */
    ITEM,
    /** Text without a number of its own. */
    PARAGRAPH,
    /** Adoption and amendment dates. */
    HISTORY,
    /** The page an employee signs, such as Oak Park's "Annual Acknowledgement and Signature Page". */
    SIGNATURE_PAGE,
    /** A statement on the signature page the employee acknowledges. */
    STATEMENT,
    /** A blank on the signature page: Employee Name, Signature, Date, Effective School Year. */
    SIGNATURE_FIELD;

    public boolean isHeading() {
        return this == SECTION || this == SIGNATURE_PAGE;
    }
}
