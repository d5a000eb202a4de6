package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Clovis H.4.a: a post is reviewed by another employee before it goes out, and the review guards itself. */
class PostTest {

    static final Instant AT = Instant.parse("2026-12-03T17:00:00Z");
    static final long TEACHER = 10, PRINCIPAL = 20;

    static Post.Draft draft(List<Long> students) {
        return new Post.Draft("Our garden", "What we grew", PostKind.PHOTO_WITH_NAMES, Audience.DISTRICT_PAGE, null,
                LocalDate.of(2026, 12, 10), students);
    }

    static Post submitted() {
        return ((Post.Made) Post.submitted(1, TEACHER, 100, "Ana Lopez", "lincoln", draft(List.of(1L, 2L)),
                List.of(), AT)).post();
    }

    static CheckResult check(boolean samAllowed) {
        CheckResult.Cited cited = new CheckResult.Cited(Ground.LIMITED_IDENTIFICATION, "I.2", null);
        return new CheckResult(PostKind.PHOTO_WITH_NAMES, Audience.DISTRICT_PAGE, LocalDate.of(2026, 12, 10),
                "2026-27", "", List.of(), List.of(
                new CheckResult.StudentAnswer(1, "s-1", "Maria Garcia", "Lincoln", "3", GradeBand.ELEMENTARY,
                        MediaChoice.LIMITED, null, true, "Maria G.", "", cited, "limited"),
                new CheckResult.StudentAnswer(2, "s-2", "Sam Lee", "Lincoln", "3", GradeBand.ELEMENTARY,
                        MediaChoice.NO_PHOTOGRAPHS, null, samAllowed, "", "", cited, "no photographs")));
    }

    static String refusal(Object change) {
        assertThat(change).isInstanceOf(Change.Refused.class);
        return ((Change.Refused) change).reason();
    }

    @Test
    void aFormThatIsNotAPostIsRefusedWithEveryReason() {
        Post.Draft empty = new Post.Draft(" ", "", null, null, null, null, List.of());
        assertThat(refusal(Post.submitted(1, TEACHER, 100, "Ana Lopez", "", empty, List.of(), AT)))
                .contains("title").contains("what the post shows").contains("who will see it")
                .contains("day it is to go out");
        assertThat(refusal(Post.submitted(1, TEACHER, 100, "Ana Lopez", "", draft(List.of()), List.of(), AT)))
                .contains("Choose the students");
    }

    @Test
    void theSameStudentTwiceIsInThePostOnce() {
        Post post = ((Post.Made) Post.submitted(1, TEACHER, 100, "Ana Lopez", "", draft(List.of(1L, 2L, 1L)),
                List.of(), AT)).post();
        assertThat(post.studentIds()).containsExactly(1L, 2L);
    }

    @Test
    void theReviewerReturnsItNamingTheStudentAndTheAuthorRevisesIt() {
        Post post = submitted();
        assertThat(post.returnToAuthor(PRINCIPAL, "Sam's parents chose no photographs: take him out.", List.of(2L)))
                .isEqualTo(Change.DONE);
        assertThat(post.status()).isEqualTo(Post.Status.RETURNED);

        assertThat(refusal(post.revise(PRINCIPAL, draft(List.of(1L)), List.of(), true, AT))).contains("Only Ana Lopez");
        assertThat(post.revise(TEACHER, draft(List.of(1L)), List.of(), true, AT)).isEqualTo(Change.DONE);
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
        assertThat(post.studentIds()).containsExactly(1L);
    }

    @Test
    void aRevisionThatIsNotAPostLeavesItReturned() {
        Post post = submitted();
        post.returnToAuthor(PRINCIPAL, "Sam's parents chose no photographs: take him out.", List.of(2L));
        assertThat(refusal(post.revise(TEACHER, new Post.Draft("", "", PostKind.WORK_WITH_NAME,
                Audience.DISTRICT_PAGE, null, LocalDate.of(2026, 12, 10), List.of(1L)), List.of(), true, AT)))
                .contains("title");
        assertThat(post.status()).isEqualTo(Post.Status.RETURNED);
        assertThat(post.title()).isEqualTo("Our garden");
        assertThat(post.kind()).isEqualTo(PostKind.PHOTO_WITH_NAMES);
    }

    @Test
    void aReturnSaysWhyAndNamesOnlyStudentsInThePost() {
        Post post = submitted();
        assertThat(refusal(post.returnToAuthor(PRINCIPAL, "no", List.of()))).contains("Say why it goes back");
        assertThat(refusal(post.returnToAuthor(PRINCIPAL, "Take out the third student.", List.of(3L))))
                .contains("Name only students who are in the post");
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
    }

    @Test
    void noOneReviewsTheirOwnPost() {
        Post post = submitted();
        assertThat(refusal(post.approve(TEACHER, check(true)))).contains("No one reviews their own");
        assertThat(refusal(post.returnToAuthor(TEACHER, "I would rather change it.", List.of())))
                .contains("No one reviews their own");
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
    }

    @Test
    void aPostTheCheckRefusesIsNotApproved() {
        Post post = submitted();
        assertThat(refusal(post.approve(PRINCIPAL, check(false)))).contains("Sam Lee: no photographs");
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
        assertThat(post.approve(PRINCIPAL, check(true))).isEqualTo(Change.DONE);
        assertThat(post.status()).isEqualTo(Post.Status.APPROVED);
    }

    @Test
    void aDecidedPostStaysDecided() {
        Post post = submitted();
        post.approve(PRINCIPAL, check(true));
        assertThat(refusal(post.returnToAuthor(PRINCIPAL, "On second thought, no.", List.of()))).contains("approved");
        assertThat(refusal(post.withdraw(TEACHER))).contains("approved and stays so");
        assertThat(refusal(post.revise(TEACHER, draft(List.of(1L)), List.of(), true, AT)))
                .contains("Only a returned post is revised");
        assertThat(post.status()).isEqualTo(Post.Status.APPROVED);
    }

    @Test
    void theAuthorWithdrawsAPostNotYetDecided() {
        Post post = submitted();
        assertThat(refusal(post.withdraw(PRINCIPAL))).contains("Only Ana Lopez");
        assertThat(post.withdraw(TEACHER)).isEqualTo(Change.DONE);
        assertThat(post.status()).isEqualTo(Post.Status.WITHDRAWN);
        assertThat(refusal(post.approve(PRINCIPAL, check(true)))).contains("withdrawn");
    }
}
