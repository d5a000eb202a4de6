package org.steward.publishing;

import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;

/**
 * How a district draws its grade bands and writes a limited identification: high school from a grade, intermediate
 * from grade 7 below it, a school's own level where the district sets one (a 7-12 school, a K-8), and when its
 * school year starts.
 */
public record PublishingSettings(int highSchoolFromGrade, LimitedForm limitedForm, MonthDay yearStarts,
                                 Map<String, GradeBand> schoolLevels) {

    /** Clovis F.2.a: first name and last initial, or alternatively first name only. */
    public enum LimitedForm {
        FIRST_AND_LAST_INITIAL("First name and last initial (Maria G.)"), FIRST_ONLY("First name only (Maria)");

        private final String title;

        LimitedForm(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    static final int INTERMEDIATE_FROM_GRADE = 7;
    static final int THIRTEEN_FROM_GRADE = 8;

    public static PublishingSettings defaults() {
        return new PublishingSettings(9, LimitedForm.FIRST_AND_LAST_INITIAL, MonthDay.of(7, 1), Map.of());
    }

    public PublishingSettings {
        schoolLevels = Map.copyOf(schoolLevels);
    }

    /** The band of a student at a school in a grade: the school's level if the district set one, else the grade's. */
    public GradeBand band(String schoolId, String grade) {
        GradeBand level = schoolLevels.get(schoolId);
        if (level != null) {
            return level;
        }
        return number(grade).map(n -> n >= highSchoolFromGrade ? GradeBand.HIGH
                : n >= INTERMEDIATE_FROM_GRADE ? GradeBand.INTERMEDIATE : GradeBand.ELEMENTARY)
                .orElse(GradeBand.ELEMENTARY);
    }

    /**
     * Whether a student may be under 13: Steward keeps no birth dates, so every student below grade 8, or of no
     * known grade, is taken to be.
     */
    public static boolean mayBeUnderThirteen(String grade) {
        return number(grade).map(n -> n < THIRTEEN_FROM_GRADE).orElse(true);
    }

    /** A grade code as a number: PK -1, TK and KG 0, 1 to 12; nothing for a grade the SIS left out. */
    static Optional<Integer> number(String grade) {
        if (grade == null) {
            return Optional.empty();
        }
        switch (grade) {
            case "PK":
                return Optional.of(-1);
            case "TK", "KG":
                return Optional.of(0);
            default:
                try {
                    int n = Integer.parseInt(grade);
                    return n >= 1 && n <= 12 ? Optional.of(n) : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
        }
    }
}
