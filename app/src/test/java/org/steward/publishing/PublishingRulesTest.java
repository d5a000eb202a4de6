package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Clovis F per grade band and parent choice, Education Code 49073's opt-out, COPPA, and the register's sites. */
class PublishingRulesTest {

    static final LocalDate ON = LocalDate.of(2026, 12, 3);
    static final PublishingSettings DISTRICT = PublishingSettings.defaults();

    static Student maria(String grade) {
        return new Student(1, 1, "s-1", "Maria", "garcia", null, "lincoln", "Lincoln", grade, true);
    }

    static PublishingRules.Answer answer(Student student, MediaChoice choice, PostKind kind) {
        return PublishingRules.answer(student, Optional.ofNullable(choice), kind, DISTRICT, ON, Optional.empty());
    }


    @Test
    void groupPicturesNeedNoApprovalAndNameNoOne() {
        for (MediaChoice choice : new MediaChoice[] {null, MediaChoice.NONE, MediaChoice.LIMITED,
                MediaChoice.FULL_NAME}) {
            PublishingRules.Answer answer = answer(maria("3"), choice, PostKind.GROUP_PHOTO);
            assertThat(answer.allowed()).as("choice %s", choice).isTrue();
            assertThat(answer.name()).isEmpty();
            assertThat(answer.copyrightNotice()).isEmpty();
            assertThat(answer.ground()).isEqualTo(Ground.GROUP_WITHOUT_NAMES);
        }
    }

    @Test
    void leaveOutAStudentWhoseParentsChoseNoPhotographs() {
        PublishingRules.Answer answer = answer(maria("11"), MediaChoice.NO_PHOTOGRAPHS, PostKind.GROUP_PHOTO);
        assertThat(answer.allowed()).isFalse();
        assertThat(answer.ground()).isEqualTo(Ground.PHOTO_OPT_OUT);
        assertThat(answer.reason()).contains("even a group one");
    }


    @Test
    void elementaryStudentsUseTheLimitedIdentificationWithTheParentsPermission() {
        PublishingRules.Answer photo = answer(maria("3"), MediaChoice.LIMITED, PostKind.PHOTO_WITH_NAMES);
        assertThat(photo.allowed()).isTrue();
        assertThat(photo.name()).isEqualTo("Maria G.");
        assertThat(photo.copyrightNotice()).isEmpty();
        assertThat(photo.ground()).isEqualTo(Ground.LIMITED_IDENTIFICATION);

        PublishingRules.Answer work = answer(maria("7"), MediaChoice.LIMITED, PostKind.WORK_WITH_NAME);
        assertThat(work.name()).isEqualTo("Maria G.");
        assertThat(work.copyrightNotice()).isEqualTo("© 2026 Maria G. All rights reserved.");
    }

    @Test
    void theLimitedIdentificationIsTheFirstNameOnlyWhereTheDistrictSaysSo() {
        PublishingSettings firstOnly = new PublishingSettings(9, PublishingSettings.LimitedForm.FIRST_ONLY,
                MonthDay.of(7, 1), Map.of());
        PublishingRules.Answer work = PublishingRules.answer(maria("4"), Optional.of(MediaChoice.LIMITED),
                PostKind.WORK_WITH_NAME, firstOnly, ON, Optional.empty());
        assertThat(work.name()).isEqualTo("Maria");
        assertThat(work.copyrightNotice()).isEqualTo("© 2026 Maria. All rights reserved.");
    }

    @Test
    void belowHighSchoolNeverTheFullNameEvenWhenTheParentsChoseIt() {
        PublishingRules.Answer answer = answer(maria("8"), MediaChoice.FULL_NAME, PostKind.WORK_WITH_NAME);
        assertThat(answer.allowed()).isTrue();
        assertThat(answer.name()).isEqualTo("Maria G.");
        assertThat(answer.ground()).isEqualTo(Ground.LIMITED_IDENTIFICATION);
        assertThat(answer.reason()).contains("which is for high school students");
    }

    @Test
    void useTheNameTheStudentGoesBy() {
        Student mj = new Student(2, 1, "s-2", "Mary", "Jones", "MJ", "lincoln", "Lincoln", "5", true);
        assertThat(answer(mj, MediaChoice.LIMITED, PostKind.PHOTO_WITH_NAMES).name()).isEqualTo("MJ J.");
    }


    @Test
    void highSchoolParentsMayChooseTheFullNameAndPicturesWithIt() {
        PublishingRules.Answer photo = answer(maria("10"), MediaChoice.FULL_NAME, PostKind.PHOTO_WITH_NAMES);
        assertThat(photo.allowed()).isTrue();
        assertThat(photo.name()).isEqualTo("Maria garcia");
        assertThat(photo.ground()).isEqualTo(Ground.FULL_NAME_HIGH_SCHOOL);

        PublishingRules.Answer work = answer(maria("12"), MediaChoice.FULL_NAME, PostKind.WORK_WITH_NAME);
        assertThat(work.copyrightNotice()).isEqualTo("© 2026 Maria garcia. All rights reserved.");
    }

    @Test
    void highSchoolParentsMayChooseTheElementaryStandard() {
        PublishingRules.Answer answer = answer(maria("9"), MediaChoice.LIMITED, PostKind.WORK_WITH_NAME);
        assertThat(answer.name()).isEqualTo("Maria G.");
        assertThat(answer.ground()).isEqualTo(Ground.LIMITED_IDENTIFICATION);
    }


    @Test
    void withoutPermissionNoNameNoNamedWorkNoPictureWithAName() {
        for (PostKind kind : new PostKind[] {PostKind.PHOTO_WITH_NAMES, PostKind.WORK_WITH_NAME}) {
            PublishingRules.Answer answer = answer(maria("10"), MediaChoice.NONE, kind);
            assertThat(answer.allowed()).as("%s", kind).isFalse();
            assertThat(answer.name()).isEmpty();
            assertThat(answer.ground()).isEqualTo(Ground.NO_PERMISSION);
        }
    }

    @Test
    void aStudentWithNoChoiceForTheYearHasNoIdentificationUntilItIsImported() {
        PublishingRules.Answer answer = answer(maria("3"), null, PostKind.WORK_WITH_NAME);
        assertThat(answer.allowed()).isFalse();
        assertThat(answer.reason()).contains("no media release on file for this school year");
    }

    @Test
    void noPhotographsStillAllowsWorkWithTheLimitedIdentification() {
        PublishingRules.Answer work = answer(maria("3"), MediaChoice.NO_PHOTOGRAPHS, PostKind.WORK_WITH_NAME);
        assertThat(work.allowed()).isTrue();
        assertThat(work.name()).isEqualTo("Maria G.");
        assertThat(answer(maria("3"), MediaChoice.NO_PHOTOGRAPHS, PostKind.PHOTO_WITH_NAMES).allowed()).isFalse();
    }


    @Test
    void gradeBandsFollowTheGradeWhereTheSchoolHasNoLevel() {
        assertThat(DISTRICT.band("lincoln", "KG")).isEqualTo(GradeBand.ELEMENTARY);
        assertThat(DISTRICT.band("lincoln", "6")).isEqualTo(GradeBand.ELEMENTARY);
        assertThat(DISTRICT.band("lincoln", "7")).isEqualTo(GradeBand.INTERMEDIATE);
        assertThat(DISTRICT.band("lincoln", "9")).isEqualTo(GradeBand.HIGH);
    }

    @Test
    void anUnknownGradeGetsTheStricterStandard() {
        assertThat(DISTRICT.band("lincoln", "")).isEqualTo(GradeBand.ELEMENTARY);
        assertThat(answer(maria(""), MediaChoice.FULL_NAME, PostKind.WORK_WITH_NAME).name())
                .isEqualTo("Maria G.");
    }

    @Test
    void gradeBandsAreDrawnAsTheDistrictDrawsThem() {
        PublishingSettings district = new PublishingSettings(10, PublishingSettings.LimitedForm
                .FIRST_AND_LAST_INITIAL, MonthDay.of(8, 1), Map.of("academy", GradeBand.HIGH,
                "junior", GradeBand.INTERMEDIATE));
        assertThat(district.band("lincoln", "9")).isEqualTo(GradeBand.INTERMEDIATE);
        assertThat(district.band("academy", "7")).as("a 7-12 school").isEqualTo(GradeBand.HIGH);
        assertThat(district.band("junior", "9")).as("a 7-9 junior high").isEqualTo(GradeBand.INTERMEDIATE);
        Student seventh = new Student(3, 1, "s-3", "Ana", "Ruiz", null, "academy", "Academy", "7", true);
        assertThat(PublishingRules.answer(seventh, Optional.of(MediaChoice.FULL_NAME), PostKind.PHOTO_WITH_NAMES,
                district, ON, Optional.empty()).name()).isEqualTo("Ana Ruiz");
    }


    static final PublishingRules.SiteFacts ACCOUNT_WITH_CONSENT = new PublishingRules.SiteFacts("Room 12",
            PublishingSite.Kind.SOCIAL_ACCOUNT, true, false, true);
    static final PublishingRules.SiteFacts ACCOUNT_WITHOUT_CONSENT = new PublishingRules.SiteFacts("Room 12",
            PublishingSite.Kind.SOCIAL_ACCOUNT, true, false, false);

    @Test
    void aClassAccountNeedsCoppaConsentForStudentsWhoMayBeUnder13() {
        PublishingRules.Answer third = PublishingRules.answer(maria("3"), Optional.of(MediaChoice.LIMITED),
                PostKind.CLASS_SOCIAL_MEDIA, DISTRICT, ON, Optional.of(ACCOUNT_WITHOUT_CONSENT));
        assertThat(third.allowed()).isFalse();
        assertThat(third.ground()).isEqualTo(Ground.COPPA_CONSENT);
        assertThat(PublishingRules.answer(maria("3"), Optional.of(MediaChoice.LIMITED),
                PostKind.CLASS_SOCIAL_MEDIA, DISTRICT, ON, Optional.of(ACCOUNT_WITH_CONSENT)).name())
                .isEqualTo("Maria G.");
        assertThat(PublishingRules.answer(maria("8"), Optional.of(MediaChoice.LIMITED),
                PostKind.CLASS_SOCIAL_MEDIA, DISTRICT, ON, Optional.of(ACCOUNT_WITHOUT_CONSENT)).allowed())
                .as("grade 8 is 13 or older").isTrue();
    }

    @Test
    void postsOffTheDistrictsPagesNeedAnApprovedSiteFromTheRegister() {
        assertThat(PublishingRules.postProblems(PostKind.PHOTO_WITH_NAMES, Audience.DISTRICT_PAGE,
                Optional.empty())).isEmpty();
        assertThat(PublishingRules.postProblems(PostKind.PHOTO_WITH_NAMES, Audience.PUBLIC_WEB, Optional.empty()))
                .extracting(PublishingRules.PostProblem::ground).containsExactly(Ground.APPROVED_SITE);
        assertThat(PublishingRules.postProblems(PostKind.WORK_WITH_NAME, Audience.PUBLIC_WEB, Optional.of(
                new PublishingRules.SiteFacts("Blog", PublishingSite.Kind.WEB_SITE, false, false, false))))
                .extracting(PublishingRules.PostProblem::reason).containsExactly("Blog is not approved yet");
        assertThat(PublishingRules.postProblems(PostKind.CLASS_SOCIAL_MEDIA, Audience.CLASS_PAGE, Optional.of(
                new PublishingRules.SiteFacts("Blog", PublishingSite.Kind.WEB_SITE, true, false, true))))
                .as("a web site is not a social account").hasSize(1);
        assertThat(PublishingRules.postProblems(PostKind.CLASS_SOCIAL_MEDIA, Audience.PUBLIC_WEB,
                Optional.of(ACCOUNT_WITH_CONSENT))).isEmpty();
    }

    @Test
    void anySiteAPostNamesIsApprovedAndHasItsConsentWhereStudentsUnder13TakePart() {
        PublishingRules.SiteFacts unapproved = new PublishingRules.SiteFacts("Garden blog",
                PublishingSite.Kind.WEB_SITE, false, false, false);
        assertThat(PublishingRules.postProblems(PostKind.PHOTO_WITH_NAMES, Audience.CLASS_PAGE,
                Optional.of(unapproved))).extracting(PublishingRules.PostProblem::reason)
                .containsExactly("Garden blog is not approved yet");
        PublishingRules.SiteFacts withoutConsent = new PublishingRules.SiteFacts("Garden blog",
                PublishingSite.Kind.WEB_SITE, true, true, false);
        assertThat(PublishingRules.postProblems(PostKind.WORK_WITH_NAME, Audience.PUBLIC_WEB,
                Optional.of(withoutConsent))).extracting(PublishingRules.PostProblem::ground)
                .containsExactly(Ground.COPPA_CONSENT);
        assertThat(PublishingRules.postProblems(PostKind.WORK_WITH_NAME, Audience.PUBLIC_WEB, Optional.of(
                new PublishingRules.SiteFacts("Garden blog", PublishingSite.Kind.WEB_SITE, true, true, true))))
                .isEmpty();
    }
}
