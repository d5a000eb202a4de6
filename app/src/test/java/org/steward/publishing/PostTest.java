package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        return Post.submitted(1, TEACHER, 100, "Ana Lopez", "lincoln", draft(List.of(1L, 2L)), List.of(), AT);
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

    @Test
    void aFormThatIsNotAPostIsRefusedWithEveryReason() {
        Post.Draft empty = new Post.Draft(" ", "", null, null, null, null, List.of());
        assertThatThrownBy(() -> Post.submitted(1, TEACHER, 100, "Ana Lopez", "", empty, List.of(), AT))
                .isInstanceOf(PublishingRefused.class)
                .hasMessageContaining("title").hasMessageContaining("what the post shows")
                .hasMessageContaining("who will see it").hasMessageContaining("day it is to go out");
        Post.Draft nobody = draft(List.of());
        assertThatThrownBy(() -> Post.submitted(1, TEACHER, 100, "Ana Lopez", "", nobody, List.of(), AT))
                .hasMessageContaining("Choose the students");
    }

    @Test
    void theSameStudentTwiceIsInThePostOnce() {
        Post post = Post.submitted(1, TEACHER, 100, "Ana Lopez", "", draft(List.of(1L, 2L, 1L)), List.of(), AT);
        assertThat(post.studentIds()).containsExactly(1L, 2L);
    }

    @Test
    void theReviewerReturnsItNamingTheStudentAndTheAuthorRevisesIt() {
        Post post = submitted();
        post.returnToAuthor(PRINCIPAL, "Sam's parents chose no photographs: take him out.", List.of(2L));
        assertThat(post.status()).isEqualTo(Post.Status.RETURNED);

        assertThatThrownBy(() -> post.revise(PRINCIPAL, draft(List.of(1L)), List.of(), true, AT))
                .hasMessageContaining("Only Ana Lopez");
        post.revise(TEACHER, draft(List.of(1L)), List.of(), true, AT);
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
        assertThat(post.studentIds()).containsExactly(1L);
    }

    @Test
    void aReturnSaysWhyAndNamesOnlyStudentsInThePost() {
        Post post = submitted();
        assertThatThrownBy(() -> post.returnToAuthor(PRINCIPAL, "no", List.of()))
                .hasMessageContaining("Say why it goes back");
        assertThatThrownBy(() -> post.returnToAuthor(PRINCIPAL, "Take out the third student.", List.of(3L)))
                .hasMessageContaining("Name only students who are in the post");
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
    }

    @Test
    void noOneReviewsTheirOwnPost() {
        Post post = submitted();
        assertThatThrownBy(() -> post.approve(TEACHER, check(true))).hasMessageContaining("No one reviews their own");
        assertThatThrownBy(() -> post.returnToAuthor(TEACHER, "I would rather change it.", List.of()))
                .hasMessageContaining("No one reviews their own");
    }

    @Test
    void aPostTheCheckRefusesIsNotApproved() {
        Post post = submitted();
        assertThatThrownBy(() -> post.approve(PRINCIPAL, check(false)))
                .hasMessageContaining("Sam Lee: no photographs");
        assertThat(post.status()).isEqualTo(Post.Status.SUBMITTED);
        post.approve(PRINCIPAL, check(true));
        assertThat(post.status()).isEqualTo(Post.Status.APPROVED);
    }

    @Test
    void aDecidedPostStaysDecided() {
        Post post = submitted();
        post.approve(PRINCIPAL, check(true));
        assertThatThrownBy(() -> post.returnToAuthor(PRINCIPAL, "On second thought, no.", List.of()))
                .hasMessageContaining("approved");
        assertThatThrownBy(() -> post.withdraw(TEACHER)).hasMessageContaining("approved and stays so");
        assertThatThrownBy(() -> post.revise(TEACHER, draft(List.of(1L)), List.of(), true, AT))
                .hasMessageContaining("Only a returned post is revised");
    }

    @Test
    void theAuthorWithdrawsAPostNotYetDecided() {
        Post post = submitted();
        assertThatThrownBy(() -> post.withdraw(PRINCIPAL)).hasMessageContaining("Only Ana Lopez");
        post.withdraw(TEACHER);
        assertThat(post.status()).isEqualTo(Post.Status.WITHDRAWN);
        assertThatThrownBy(() -> post.approve(PRINCIPAL, check(true))).hasMessageContaining("withdrawn");
    }
}
