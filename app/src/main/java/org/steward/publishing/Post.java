package org.steward.publishing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A post a teacher submits before it goes out (Clovis H.4.a: student content is reviewed by a designated employee
 * before it is posted), the aggregate. A reviewer (the author's principal or a designee, never the author) returns it
 * with reasons, naming the students it may not show, or approves it; the author revises a returned post and submits
 * it again, or withdraws it. A post the check refuses cannot be approved. Every submission and decision is kept with
 * the check's answer at that moment, as rows of their own that never change.
 */
@Table("publishing_post")
public class Post {

    public enum Status {
        SUBMITTED("Waiting for review"), RETURNED("Returned to the author"), APPROVED("Approved"),
        WITHDRAWN("Withdrawn");

        private final String title;

        Status(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** What the form says a post is. */
    public record Draft(String title, String body, PostKind kind, Audience audience, Long siteId, LocalDate publishOn,
                        List<Long> studentIds) {
    }

    @Table("publishing_post_student")
    record InPost(long studentId) {
    }

    /** An image of the post, as uploaded, with the SHA-256 its review names. */
    @Table("publishing_post_image")
    public record Image(String name, String type, byte[] bytes, String sha256) {
    }

    static final int TITLE_MAX = 200;
    static final int BODY_MAX = 20_000;
    static final int REASONS_SHORTEST = 10;
    static final int REASONS_MAX = 4000;
    static final int STUDENTS_MAX = 200;
    static final int IMAGES_MAX = 10;

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final long authorStaffId;
    private final long authorAccountId;
    private final String authorName;
    private final String schoolId;
    private String title;
    private String body;
    private PostKind kind;
    private Audience audience;
    private Long siteId;
    private LocalDate publishOn;
    private Status status;
    private Instant submittedAt;
    @MappedCollection(idColumn = "post_id", keyColumn = "position")
    private final List<InPost> students;
    @MappedCollection(idColumn = "post_id", keyColumn = "position")
    private final List<Image> images;

    @PersistenceCreator
    Post(Long id, Integer version, long districtId, long authorStaffId, long authorAccountId, String authorName,
         String schoolId, String title, String body, PostKind kind, Audience audience, Long siteId,
         LocalDate publishOn, Status status, Instant submittedAt, List<InPost> students, List<Image> images) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.authorStaffId = authorStaffId;
        this.authorAccountId = authorAccountId;
        this.authorName = authorName;
        this.schoolId = schoolId;
        this.title = title;
        this.body = body;
        this.kind = kind;
        this.audience = audience;
        this.siteId = siteId;
        this.publishOn = publishOn;
        this.status = status;
        this.submittedAt = submittedAt;
        this.students = new ArrayList<>(students);
        this.images = new ArrayList<>(images);
    }

    /** A post as its author submits it, or the refusal with every reason when the form is not a post. */
    sealed interface Submitted permits Made, Change.Refused {
    }

    record Made(Post post) implements Submitted {
    }

    static Submitted submitted(long districtId, long authorStaffId, long authorAccountId, String authorName,
                               String schoolId, Draft draft, List<Image> images, Instant at) {
        Post post = new Post(null, null, districtId, authorStaffId, authorAccountId, authorName, schoolId, "", "",
                PostKind.GROUP_PHOTO, Audience.DISTRICT_PAGE, null, null, Status.SUBMITTED, at, List.of(),
                List.of());
        return post.take(draft, images, at) instanceof Change.Refused refused ? refused : new Made(post);
    }

    /** The author's revision of a returned post, submitted again for review. */
    Change revise(long byStaffId, Draft draft, List<Image> newImages, boolean keepImages, Instant at) {
        if (byStaffId != authorStaffId) {
            return Change.refused("Only " + authorName + ", who wrote it, revises this post.");
        }
        if (status != Status.RETURNED) {
            return Change.refused("Only a returned post is revised; this one is " + status.title().toLowerCase()
                    + ".");
        }
        List<Image> kept = new ArrayList<>(keepImages ? images : List.of());
        kept.addAll(newImages);
        Change taken = take(draft, kept, at);
        if (taken instanceof Change.Done) {
            status = Status.SUBMITTED;
        }
        return taken;
    }

    /** The reviewer sends it back with reasons, naming the students it may not show. */
    Change returnToAuthor(long reviewerStaffId, String reasons, List<Long> namedStudents) {
        Change decidable = decidable(reviewerStaffId);
        if (decidable instanceof Change.Refused) {
            return decidable;
        }
        String why = reasons == null ? "" : reasons.strip();
        if (why.length() < REASONS_SHORTEST || why.length() > REASONS_MAX) {
            return Change.refused("Say why it goes back, in " + REASONS_SHORTEST + " to " + REASONS_MAX
                    + " characters, so that the author can fix it.");
        }
        if (!studentIds().containsAll(namedStudents)) {
            return Change.refused("Name only students who are in the post.");
        }
        status = Status.RETURNED;
        return Change.DONE;
    }

    /** The reviewer approves it; refused while the check refuses anything in it. */
    Change approve(long reviewerStaffId, CheckResult check) {
        Change decidable = decidable(reviewerStaffId);
        if (decidable instanceof Change.Refused) {
            return decidable;
        }
        if (!check.allowed()) {
            return Change.refused("The check refuses this post as it stands (" + check.refusalSummary()
                    + "): return it to the author naming what to change.");
        }
        status = Status.APPROVED;
        return Change.DONE;
    }

    Change withdraw(long byStaffId) {
        if (byStaffId != authorStaffId) {
            return Change.refused("Only " + authorName + ", who wrote it, withdraws this post.");
        }
        if (status != Status.SUBMITTED && status != Status.RETURNED) {
            return Change.refused("This post is " + status.title().toLowerCase() + " and stays so.");
        }
        status = Status.WITHDRAWN;
        return Change.DONE;
    }

    private Change decidable(long reviewerStaffId) {
        if (reviewerStaffId == authorStaffId) {
            return Change.refused("No one reviews their own post: another employee reviews it (Clovis H.4.a).");
        }
        if (status != Status.SUBMITTED) {
            return Change.refused("This post is " + status.title().toLowerCase() + "; only a post waiting for"
                    + " review is decided.");
        }
        return Change.DONE;
    }

    private Change take(Draft draft, List<Image> newImages, Instant at) {
        List<String> problems = new ArrayList<>();
        String t = draft.title() == null ? "" : draft.title().strip();
        String b = draft.body() == null ? "" : draft.body().strip();
        if (t.isEmpty() || t.length() > TITLE_MAX) {
            problems.add("Give the post a title of 1 to " + TITLE_MAX + " characters.");
        }
        if (b.length() > BODY_MAX) {
            problems.add("The text is longer than " + BODY_MAX + " characters.");
        }
        if (draft.kind() == null) {
            problems.add("Choose what the post shows.");
        }
        if (draft.audience() == null) {
            problems.add("Choose who will see it.");
        }
        if (draft.publishOn() == null) {
            problems.add("Give the day it is to go out.");
        }
        Set<Long> unique = new LinkedHashSet<>(draft.studentIds() == null ? List.of() : draft.studentIds());
        if (unique.isEmpty()) {
            problems.add("Choose the students in it: a group photo too, since a student whose parents chose no"
                    + " photographs is left out of every picture.");
        }
        if (unique.size() > STUDENTS_MAX) {
            problems.add("A post names at most " + STUDENTS_MAX + " students.");
        }
        if (newImages.size() > IMAGES_MAX) {
            problems.add("A post has at most " + IMAGES_MAX + " images.");
        }
        if (!problems.isEmpty()) {
            return Change.refused(String.join(" ", problems));
        }
        this.title = t;
        this.body = b;
        this.kind = draft.kind();
        this.audience = draft.audience();
        this.siteId = draft.siteId();
        this.publishOn = draft.publishOn();
        this.submittedAt = at;
        this.students.clear();
        unique.forEach(s -> this.students.add(new InPost(s)));
        this.images.clear();
        this.images.addAll(newImages);
        return Change.DONE;
    }

    /** Whether this staff id is the author's. */
    public boolean authorStaffIdIs(Long staffId) {
        return staffId != null && staffId == authorStaffId;
    }

    public List<Long> studentIds() {
        return students.stream().map(InPost::studentId).toList();
    }

    public Long id() {
        return id;
    }

    public long districtId() {
        return districtId;
    }

    public long authorStaffId() {
        return authorStaffId;
    }

    public long authorAccountId() {
        return authorAccountId;
    }

    public String authorName() {
        return authorName;
    }

    public String schoolId() {
        return schoolId;
    }

    public String title() {
        return title;
    }

    public String body() {
        return body;
    }

    public PostKind kind() {
        return kind;
    }

    public Audience audience() {
        return audience;
    }

    public Long siteId() {
        return siteId;
    }

    public LocalDate publishOn() {
        return publishOn;
    }

    public Status status() {
        return status;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public List<Image> images() {
        return List.copyOf(images);
    }

    /** The check's question about this post as it stands. */
    CheckRequest question() {
        return new CheckRequest(studentIds(), null, kind, audience, siteId, publishOn);
    }
}
