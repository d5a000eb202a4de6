package org.steward.publishing;

/**
 * What an answer of the check rests on: the rule, where the policies and the law state it, and the clause of
 * Steward's model policy a district cites for it until it names its own.
 */
public enum Ground {
    GROUP_WITHOUT_NAMES("Group pictures without identification of individual students need no parent approval",
            "Clovis F.1", "I.2"),
    LIMITED_IDENTIFICATION("With the parents' permission, a limited identification; work carries the student's"
            + " copyright notice using it", "Clovis F.2", "I.2"),
    FULL_NAME_HIGH_SCHOOL("A high school student's parents may choose the full name; pictures with identification"
            + " are then allowed", "Clovis F.3", "I.2"),
    NO_PERMISSION("No named work or image of a student without the parents' media release",
            "Clovis F.2; Oak Park, Use of Student Images and Work", "I.2"),
    PHOTO_OPT_OUT("The parents opted out of photographs as directory information",
            "Education Code 49073; FERPA, 34 CFR 99.37", "I.2"),
    REVIEW_BEFORE_POSTING("Student content is reviewed by a designated employee before it is posted",
            "Clovis H.4.a", "I.2"),
    APPROVED_SITE("Posting outside the district's own pages needs an approved class or club site or account",
            "Clovis G.2 and H.1; Stanislaus 12", "I.1"),
    COPPA_CONSENT("Students under 13 take part in an online service only with consent under COPPA",
            "Oak Park, Class Use of Social Networking; COPPA, 16 CFR 312", "F.5"),
    NO_REGISTERING_STUDENTS("Students are not registered on sites that collect their personal information",
            "Stanislaus 21 and 22", "F.4");

    private final String rule;
    private final String source;
    private final String modelClause;

    Ground(String rule, String source, String modelClause) {
        this.rule = rule;
        this.source = source;
        this.modelClause = modelClause;
    }

    public String rule() {
        return rule;
    }

    /** Where the rule comes from, in the words of the policies and the law. */
    public String source() {
        return source;
    }

    /** The clause of Steward's model policy that states it. */
    public String modelClause() {
        return modelClause;
    }
}
