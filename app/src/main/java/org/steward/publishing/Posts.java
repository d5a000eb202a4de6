package org.steward.publishing;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.mail.Mail;
import org.steward.mail.Mailer;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

import tools.jackson.databind.json.JsonMapper;

/**
 * Review before posting (Clovis H.4.a): a teacher submits a post with its text, images and students; the author's
 * principal (their supervisor in the roster) or a designee for the school returns it with reasons, naming the
 * students it may not show, or approves it. Each submission and decision is kept with the check's answer at that
 * moment. The author and the reviewers are told by e-mail.
 */
@Service
public class Posts {

    /** One submission or decision of a post, as it was made, with the check's answer then. */
    public record Event(int position, String what, String by, Instant at, String reasons, String namedStudents,
                        CheckResult answer) {
    }

    /** A post in a list: its title, author, kind, day, where it stands. */
    public record Listed(long id, String title, String author, PostKind kind, LocalDate publishOn, Post.Status status,
                         Instant submittedAt) {
    }

    /** An image as it was uploaded, before it is judged. */
    public record Upload(String name, String type, byte[] bytes) {
    }

    static final int IMAGE_MOST_BYTES = 10 << 20;
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PublishingPosts posts;
    private final Checks checks;
    private final PublishingSetup setup;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Posts(PublishingPosts posts, Checks checks, PublishingSetup setup, StaffDirectory staff,
          Mailer mailer, JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.posts = posts;
        this.checks = checks;
        this.setup = setup;
        this.staff = staff;
        this.mailer = mailer;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** The teacher submits a post; the students in it must be ones they may check. */
    @Transactional
    public Post submit(StewardUser me, Post.Draft draft, List<Upload> uploads) {
        StaffMember author = author(me);
        CheckResult answer = checks.check(me, question(draft));
        if (reviewersOf(me.districtId(), author, schoolOf(author)).isEmpty()) {
            throw new PublishingRefused("No one reviews your posts yet: the roster gives you no supervisor at your"
                    + " school and no designee is named for it. Ask your district administrator to name one"
                    + " (Publishing settings).");
        }
        Post.Submitted submitted = Post.submitted(me.districtId(), author.id(), me.accountId(), me.displayName(),
                schoolOf(author), draft, images(uploads), clock.instant());
        if (submitted instanceof Change.Refused refused) {
            throw new PublishingRefused(refused.reason());
        }
        Post post = posts.save(((Post.Made) submitted).post());
        record(post, "SUBMITTED", me, "", List.of(), answer);
        audit.record(me.districtId(), "POST_SUBMITTED", "publishing_post", post.id(), post.title());
        tellReviewers(post, author, "For review: " + post.title(), me.displayName() + " submitted \"" + post.title()
                + "\" for review before it is posted (Clovis H.4.a)." + (answer.allowed() ? ""
                : "\n\nThe check refuses " + answer.refused().size() + " of its " + answer.students().size()
                + " students as it stands; the post's page says who and why."));
        return post;
    }

    /** The author revises a returned post and submits it again. */
    @Transactional
    public Post revise(StewardUser me, long postId, Post.Draft draft, List<Upload> uploads, boolean keepImages) {
        Post post = find(me.districtId(), postId);
        StaffMember author = author(me);
        CheckResult answer = checks.check(me, question(draft));
        post.revise(author.id(), draft, images(uploads), keepImages, clock.instant()).orRefuse();
        Post saved = save(post);
        record(saved, "SUBMITTED", me, "", List.of(), answer);
        audit.record(me.districtId(), "POST_RESUBMITTED", "publishing_post", postId, saved.title());
        tellReviewers(saved, author, "Revised for review: " + saved.title(), me.displayName() + " revised \""
                + saved.title() + "\" and submitted it again.");
        return saved;
    }

    @Transactional
    public Post returnToAuthor(StewardUser me, long postId, String reasons, List<Long> namedStudents) {
        Post post = reviewable(me, postId);
        post.returnToAuthor(me.staffId(), reasons, namedStudents).orRefuse();
        Post saved = save(post);
        CheckResult answer = checks.checkPost(me.districtId(), saved);
        record(saved, "RETURNED", me, reasons.strip(), namedStudents, answer);
        audit.record(me.districtId(), "POST_RETURNED", "publishing_post", postId, reasons.strip());
        tellAuthor(saved, "Returned: " + saved.title(), me.displayName() + " returned \"" + saved.title()
                + "\" with reasons" + (namedStudents.isEmpty() ? "" : ", naming " + namedStudents.size()
                + " of its students") + ": the post's page says what to change.");
        return saved;
    }

    @Transactional
    public Post approve(StewardUser me, long postId) {
        Post post = reviewable(me, postId);
        CheckResult answer = checks.checkPost(me.districtId(), post);
        post.approve(me.staffId(), answer).orRefuse();
        Post saved = save(post);
        record(saved, "APPROVED", me, "", List.of(), answer);
        audit.record(me.districtId(), "POST_APPROVED", "publishing_post", postId, saved.title());
        tellAuthor(saved, "Approved: " + saved.title(), me.displayName() + " approved \"" + saved.title()
                + "\". Use the names and copyright notices the check gives.");
        return saved;
    }

    @Transactional
    public Post withdraw(StewardUser me, long postId) {
        Post post = find(me.districtId(), postId);
        post.withdraw(me.staffId() == null ? -1 : me.staffId()).orRefuse();
        Post saved = save(post);
        record(saved, "WITHDRAWN", me, "", List.of(), checks.checkPost(me.districtId(), saved));
        audit.record(me.districtId(), "POST_WITHDRAWN", "publishing_post", postId, saved.title());
        return saved;
    }

    /** A post the person may read: its author, a reviewer of it, or an administrator. */
    public Post readable(StewardUser me, long postId) {
        Post post = find(me.districtId(), postId);
        if (!post.authorStaffIdIs(me.staffId()) && !mayReview(me, post) && !Students.mayReadAll(me)) {
            throw new PublishingRefused("No post " + postId + " that you wrote or review.");
        }
        return post;
    }

    /** The check's answer for the post as it stands now. */
    public CheckResult checkNow(StewardUser me, Post post) {
        readable(me, post.id());
        return checks.checkPost(me.districtId(), post);
    }

    /** Whether the person reviews this post: the author's supervisor or a designee for the school, not the author. */
    public boolean mayReview(StewardUser me, Post post) {
        if (me.staffId() == null || post.authorStaffIdIs(me.staffId())) {
            return false;
        }
        return staff.find(post.districtId(), post.authorStaffId())
                .map(author -> reviewersOf(post.districtId(), author, post.schoolId()).contains(me.staffId()))
                .orElse(false)
                || !java.util.Collections.disjoint(setup.schoolsReviewedBy(me.districtId(), me.staffId()),
                schoolsOf(post.districtId(), post.studentIds()));
    }

    /**
     * Who reviews an author's posts: their supervisor in the roster when at the author's school (the principal), and
     * the designees named for the author's school; never the author. A post's students' schools' designees too
     * ({@link #mayReview}).
     */
    private java.util.Set<Long> reviewersOf(long districtId, StaffMember author, String schoolId) {
        java.util.Set<Long> reviewers = new java.util.LinkedHashSet<>();
        if (author.supervisorId() != null) {
            staff.find(districtId, author.supervisorId())
                    .filter(s -> s.isActive() && java.util.Objects.equals(s.siteId(), author.siteId()))
                    .ifPresent(s -> reviewers.add(s.id()));
        }
        setup.reviewers(districtId).stream().filter(r -> r.schoolId().equals(schoolId))
                .forEach(r -> reviewers.add(r.staffId()));
        reviewers.remove(author.id());
        return reviewers;
    }

    public List<Event> history(long districtId, long postId) {
        return jdbc.sql("""
                        select e.position, e.what, e.by_name, e.at, e.reasons, e.named_students, e.answer::text
                        from publishing_post_event e join publishing_post p on p.id = e.post_id
                        where p.district_id = ? and e.post_id = ? order by e.position""")
                .params(districtId, postId)
                .query((rs, n) -> new Event(rs.getInt(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5), rs.getString(6),
                        JSON.readValue(rs.getString(7), CheckResult.class))).list();
    }

    public List<Listed> mine(StewardUser me) {
        if (me.staffId() == null) {
            return List.of();
        }
        return jdbc.sql(LISTED + " where p.district_id = ? and p.author_staff_id = ? order by p.submitted_at desc,"
                        + " p.id desc limit 200")
                .params(me.districtId(), me.staffId()).query((rs, n) -> listed(rs)).list();
    }

    /** Posts waiting for this person's review: from their own staff, or from a school they are designated for. */
    public List<Listed> waitingFor(StewardUser me) {
        if (me.staffId() == null) {
            return List.of();
        }
        Set<String> schools = setup.schoolsReviewedBy(me.districtId(), me.staffId());
        return jdbc.sql(LISTED + """
                         join staff a on a.id = p.author_staff_id
                        left join staff me on me.id = ?
                        where p.district_id = ? and p.status = 'SUBMITTED' and p.author_staff_id <> me.id
                          and (a.supervisor_id = me.id and a.site_id is not distinct from me.site_id
                               or p.school_id = any(?)
                               or exists (select 1 from publishing_post_student ps join student s on s.id = ps.student_id
                                          where ps.post_id = p.id and s.school_id = any(?)))
                        order by p.submitted_at, p.id limit 200""")
                .params(me.staffId(), me.districtId(), schools.toArray(String[]::new), schools.toArray(String[]::new))
                .query((rs, n) -> listed(rs)).list();
    }

    private static final String LISTED = "select p.id, p.title, p.author_name, p.kind, p.publish_on, p.status,"
            + " p.submitted_at from publishing_post p";

    private static Listed listed(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Listed(rs.getLong(1), rs.getString(2), rs.getString(3), PostKind.valueOf(rs.getString(4)),
                rs.getDate(5).toLocalDate(), Post.Status.valueOf(rs.getString(6)), rs.getTimestamp(7).toInstant());
    }

    /** The schools of a post's students. */
    private java.util.Set<String> schoolsOf(long districtId, List<Long> studentIds) {
        return new java.util.HashSet<>(jdbc.sql("select distinct school_id from student where district_id = ? and"
                        + " id = any(?)").params(districtId, studentIds.toArray(Long[]::new)).query(String.class).list());
    }

    /** Saves a change; of two people deciding one post at once, the second is told and nothing of theirs is kept. */
    private Post save(Post post) {
        try {
            return posts.save(post);
        } catch (org.springframework.dao.OptimisticLockingFailureException
                 | org.springframework.dao.DuplicateKeyException e) {
            throw new PublishingRefused("Someone else changed or decided this post a moment ago; nothing of yours was"
                    + " recorded. Open it again to see where it stands.");
        }
    }

    private Post find(long districtId, long postId) {
        return posts.findByDistrictIdAndId(districtId, postId)
                .orElseThrow(() -> new PublishingRefused("No post " + postId + " in the district."));
    }

    private Post reviewable(StewardUser me, long postId) {
        Post post = find(me.districtId(), postId);
        if (post.authorStaffIdIs(me.staffId())) {
            throw new PublishingRefused("No one reviews their own post: another employee reviews it (Clovis H.4.a).");
        }
        if (!mayReview(me, post)) {
            throw new PublishingRefused("You do not review posts from " + post.authorName() + ": their principal or"
                    + " a designee for the school does.");
        }
        return post;
    }

    private StaffMember author(StewardUser me) {
        if (me.staffId() == null) {
            throw new PublishingRefused("Your account is not linked to a staff record, so you cannot submit posts.");
        }
        return staff.find(me.districtId(), me.staffId())
                .orElseThrow(() -> new PublishingRefused("Your staff record is not in this district."));
    }

    private String schoolOf(StaffMember author) {
        return author.siteId() == null ? "" : jdbc.sql("select code from site where id = ?").param(author.siteId())
                .query(String.class).optional().orElse("");
    }

    private static CheckRequest question(Post.Draft draft) {
        return new CheckRequest(draft.studentIds(), null, draft.kind(), draft.audience(), draft.siteId(),
                draft.publishOn());
    }

    /** Images judged by their bytes, not by the name or type the browser gave. */
    private static List<Post.Image> images(List<Upload> uploads) {
        List<Post.Image> images = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Upload upload : uploads) {
            if (upload.bytes() == null || upload.bytes().length == 0) {
                continue;
            }
            String name = upload.name() == null || upload.name().isBlank() ? "image" : upload.name().strip();
            if (upload.bytes().length > IMAGE_MOST_BYTES) {
                problems.add(name + " is larger than " + (IMAGE_MOST_BYTES >> 20) + " MB.");
                continue;
            }
            String type = ImageTypes.of(upload.bytes());
            if (!IMAGE_TYPES.contains(type)) {
                problems.add(name + " is not a JPEG, PNG, GIF or WebP image.");
                continue;
            }
            images.add(new Post.Image(name.length() > 200 ? name.substring(0, 200) : name, type, upload.bytes(),
                    sha256(upload.bytes())));
        }
        if (!problems.isEmpty()) {
            throw new PublishingRefused(String.join(" ", problems));
        }
        return images;
    }

    private void record(Post post, String what, StewardUser by, String reasons, List<Long> named,
                        CheckResult answer) {
        jdbc.sql("""
                        insert into publishing_post_event (post_id, position, what, by_name, by_account_id, at, reasons,
                                                           named_students, answer, title, body_sha256, image_sha256,
                                                           student_ids)
                        values (?, (select coalesce(max(position), -1) + 1 from publishing_post_event where post_id = ?),
                                ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?)""")
                .params(post.id(), post.id(), what, by.displayName(), by.accountId(), Timestamp.from(clock.instant()),
                        reasons, named.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        JSON.writeValueAsString(answer), post.title(),
                        sha256(post.body().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        post.images().stream().map(Post.Image::sha256).toArray(String[]::new),
                        post.studentIds().toArray(Long[]::new)).update();
    }

    private void tellReviewers(Post post, StaffMember author, String subject, String body) {
        List<StaffMember> reviewers = new ArrayList<>();
        reviewersOf(post.districtId(), author, post.schoolId())
                .forEach(id -> staff.find(post.districtId(), id).ifPresent(reviewers::add));
        reviewers.stream().filter(StaffMember::isActive).map(StaffMember::email)
                .filter(e -> e != null && !e.isBlank()).distinct()
                .forEach(to -> mailer.send(new Mail(post.districtId(), to, subject, body + "\n\nPost " + post.id()
                        + " is waiting for your review in Steward: Publishing, Posts to review.")));
    }

    private void tellAuthor(Post post, String subject, String body) {
        staff.find(post.districtId(), post.authorStaffId()).map(StaffMember::email)
                .filter(e -> e != null && !e.isBlank())
                .ifPresent(to -> mailer.send(new Mail(post.districtId(), to, subject, body + "\n\nPost " + post.id()
                        + " in Steward: Publishing, My posts.")));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
