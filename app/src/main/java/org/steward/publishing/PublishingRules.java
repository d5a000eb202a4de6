package org.steward.publishing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a student may appear in a post, under which name and with which copyright notice (Clovis F; Oak Park's
 * media release; Education Code 49073), and what a post needs whoever is in it (an approved site off the district's
 * pages, COPPA consent for a class account with students under 13). Pure: the same question always gets the same
 * answer, which a post's review keeps.
 */
public final class PublishingRules {

    /** The answer for one student. {@code name} and {@code copyrightNotice} are empty where there is none to use. */
    public record Answer(boolean allowed, String name, String copyrightNotice, Ground ground, String reason) {

        static Answer allowed(String name, String notice, Ground ground, String reason) {
            return new Answer(true, name, notice, ground, reason);
        }

        static Answer refused(Ground ground, String reason) {
            return new Answer(false, "", "", ground, reason);
        }
    }

    /** What the check knows of a site the post goes on: its kind, whether it is approved, its COPPA consent. */
    public record SiteFacts(String name, PublishingSite.Kind kind, boolean approved, boolean underThirteen,
                            boolean coppaConsent) {
    }

    /** Something the whole post needs before anyone may appear in it. */
    public record PostProblem(Ground ground, String reason) {
    }

    private PublishingRules() {
    }

    /**
     * The answer for a student whose parents' choice for the school year of {@code on} is {@code choice}, or who has
     * none on file for it (then no identification: renewal is per school year).
     */
    public static Answer answer(Student student, Optional<MediaChoice> choice, PostKind kind,
                                PublishingSettings settings, LocalDate on, Optional<SiteFacts> site) {
        MediaChoice chosen = choice.orElse(MediaChoice.NONE);
        GradeBand band = settings.band(student.schoolId(), student.grade());
        if (kind == PostKind.CLASS_SOCIAL_MEDIA && PublishingSettings.mayBeUnderThirteen(student.grade())
                && site.map(s -> !s.coppaConsent()).orElse(true)) {
            return Answer.refused(Ground.COPPA_CONSENT, "may be under 13 (grade " + gradeText(student) + ") and the"
                    + " account has no COPPA consent recorded");
        }
        if (kind.showsImages() && chosen == MediaChoice.NO_PHOTOGRAPHS) {
            return Answer.refused(Ground.PHOTO_OPT_OUT, "the parents chose no photographs: leave the student out of"
                    + " every picture, even a group one");
        }
        if (!kind.namesStudents()) {
            return Answer.allowed("", "", Ground.GROUP_WITHOUT_NAMES, "a group picture without names needs no"
                    + " parent approval; name no one");
        }
        if (chosen == MediaChoice.NONE) {
            return Answer.refused(Ground.NO_PERMISSION, choice.isEmpty()
                    ? "no media release on file for this school year: no name, no named work, no picture with a"
                    + " name until the new choice is imported"
                    : "the parents gave no permission to identify the student: no name, no named work, no picture"
                    + " with a name");
        }
        String limited = limitedName(student, settings.limitedForm());
        if (chosen == MediaChoice.FULL_NAME && band == GradeBand.HIGH) {
            return Answer.allowed(student.fullName(), notice(kind, student.fullName(), on),
                    Ground.FULL_NAME_HIGH_SCHOOL, "the parents of this high school student chose the full name");
        }
        String why = chosen == MediaChoice.FULL_NAME
                ? "the parents chose the full name, which is for high school students; " + band.title().toLowerCase()
                + " students use a limited identification"
                : chosen == MediaChoice.NO_PHOTOGRAPHS
                ? "the parents chose no photographs: the work may carry the limited identification"
                : "the parents allowed a limited identification";
        return Answer.allowed(limited, notice(kind, limited, on), Ground.LIMITED_IDENTIFICATION, why);
    }

    /**
     * What the post needs whoever is in it: a class social media post an account of the register, a post off the
     * district's pages a site of the register; and any site it names approved, with its COPPA consent recorded when
     * students under 13 take part in it.
     */
    public static List<PostProblem> postProblems(PostKind kind, Audience audience, Optional<SiteFacts> site) {
        List<PostProblem> problems = new ArrayList<>();
        if (kind == PostKind.CLASS_SOCIAL_MEDIA
                && (site.isEmpty() || site.get().kind() != PublishingSite.Kind.SOCIAL_ACCOUNT)) {
            problems.add(new PostProblem(Ground.APPROVED_SITE, "a class social media post goes on a class account"
                    + " from the register: choose one"));
        } else if (kind != PostKind.CLASS_SOCIAL_MEDIA && audience.needsRegisteredSite() && site.isEmpty()) {
            problems.add(new PostProblem(Ground.APPROVED_SITE, "a post outside the district's own pages goes on a"
                    + " class or club site from the register: choose one"));
        }
        site.ifPresent(named -> {
            if (!named.approved()) {
                problems.add(new PostProblem(Ground.APPROVED_SITE, named.name() + " is not approved yet"));
            } else if (named.underThirteen() && !named.coppaConsent()) {
                problems.add(new PostProblem(Ground.COPPA_CONSENT, "students under 13 take part in " + named.name()
                        + ", and its COPPA consent is not recorded yet"));
            }
        });
        return problems;
    }

    /** Clovis F.2.a: first name and last initial, or first name only. */
    static String limitedName(Student student, PublishingSettings.LimitedForm form) {
        String family = student.familyName().strip();
        if (form == PublishingSettings.LimitedForm.FIRST_ONLY || family.isEmpty()) {
            return student.firstName();
        }
        return student.firstName() + " " + family.substring(0, family.offsetByCodePoints(0, 1)).toUpperCase(java.util.Locale.ROOT) + ".";
    }

    /** Clovis F.2.c and F.3.d: posted work carries the student's copyright notice, with the name it may use. */
    private static String notice(PostKind kind, String name, LocalDate on) {
        if (kind != PostKind.WORK_WITH_NAME) {
            return "";
        }
        return "© " + on.getYear() + " " + name + (name.endsWith(".") ? "" : ".") + " All rights reserved.";
    }

    private static String gradeText(Student student) {
        return student.grade().isEmpty() ? "unknown" : student.grade();
    }
}
