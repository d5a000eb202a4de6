package org.steward.publishing;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The check's answer: for each student allowed or not, the name to use, the copyright notice, and the clause and
 * parent choice it rests on; and what the post needs whoever is in it. Kept whole with every submission and
 * decision of a post's review.
 */
public record CheckResult(PostKind kind, Audience audience, LocalDate on, String schoolYear, String site,
                          List<Needed> post, List<StudentAnswer> students) {

    /** The clause of the district's policy an answer cites: its key and, when the district has published a policy
     * with it, the version cited. */
    public record Cited(Ground ground, String clause, Long policyVersionId) {

        public String source() {
            return ground.source();
        }

        public String rule() {
            return ground.rule();
        }
    }

    /** Something the post needs before it may go out. */
    public record Needed(Cited cited, String reason) {
    }

    /** The answer for one student, with the parents' choice it rests on (none on file: {@code choice} is null). */
    public record StudentAnswer(long studentId, String sourceId, String fullName, String school, String grade,
                                GradeBand band, MediaChoice choice, MediaChoice lastYear, boolean allowed,
                                String name, String copyrightNotice, Cited cited, String reason) {

        /** The choice as a person reads it, with the school year's renewal. */
        public String choiceText(String schoolYear) {
            return choice == null ? "None on file for " + schoolYear + (lastYear == null ? ""
                    : " (" + lastYear.title().toLowerCase() + " last year)") : choice.title();
        }

        /** The choice changed from last year's. */
        public boolean changed() {
            return choice != null && lastYear != null && choice != lastYear;
        }
    }

    /** Nothing the post needs is missing and every student in it is allowed. */
    public boolean allowed() {
        return post.isEmpty() && students.stream().allMatch(StudentAnswer::allowed);
    }

    public List<StudentAnswer> refused() {
        return students.stream().filter(s -> !s.allowed()).toList();
    }

    /** What the check refuses, in one line: who and why, and what the post needs. */
    public String refusalSummary() {
        return java.util.stream.Stream.concat(post.stream().map(Needed::reason),
                refused().stream().map(s -> s.fullName() + ": " + s.reason())).collect(Collectors.joining("; "));
    }
}
