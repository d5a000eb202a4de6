package org.steward.publishing;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.StewardUser;
import org.steward.policies.Citations;
import org.steward.policies.ClauseReference;
import org.steward.policies.PolicyLibrary;

/**
 * The check a teacher runs before posting, on the page and through the API alike: for each student allowed or not,
 * the name to use, the copyright notice, and the clause and parent choice it rests on. A person checks only students
 * they may read: those they teach, those of a school whose posts they review, or any for an administrator.
 */
@Service
public class Checks {

    private final Students students;
    private final PublishingSetup setup;
    private final SiteRegister sites;
    private final PolicyLibrary policies;
    private final Clock clock;

    Checks(Students students, PublishingSetup setup, SiteRegister sites, PolicyLibrary policies, Clock clock) {
        this.students = students;
        this.setup = setup;
        this.sites = sites;
        this.policies = policies;
        this.clock = clock;
    }

    /** The answer for the person's question; refused whole, naming what is wrong, when it cannot be answered. */
    @Transactional(readOnly = true)
    public CheckResult check(StewardUser me, CheckRequest question) {
        List<String> problems = new ArrayList<>();
        if (question.kind() == null) {
            problems.add("Say what the post shows (kind: " + List.of(PostKind.values()) + ").");
        }
        if (question.audience() == null) {
            problems.add("Say who will see it (audience: " + List.of(Audience.values()) + ").");
        }
        if (question.on() == null) {
            problems.add("Give the day it goes out (on: yyyy-mm-dd).");
        }
        List<Student> asked;
        if (question.classId() != null) {
            Optional<Students.TaughtClass> taught = students.readableClass(me, question.classId());
            if (taught.isEmpty()) {
                throw new PublishingRefused("No class " + question.classId() + " that you teach.");
            }
            asked = students.inClass(me.districtId(), question.classId());
        } else {
            asked = students.byIds(me.districtId(), question.studentIds());
            if (asked.size() < question.studentIds().stream().distinct().count()) {
                problems.add("Some of the students asked about are not students of the district.");
            }
            List<Long> left = asked.stream().filter(s -> !s.active()).map(Student::id).toList();
            if (!left.isEmpty()) {
                problems.add("Student ids " + left + " have left the district, as its SIS last said: a new post"
                        + " does not name them.");
            }
        }
        if (question.classId() == null) { // a class's students are readable by whoever may read the class
            Set<String> reviewed = setup.schoolsReviewedBy(me.districtId(), me.staffId());
            Set<Long> unreadable = students.unreadable(me, asked.stream().map(Student::id).toList(), reviewed);
            if (!unreadable.isEmpty()) {
                problems.add("You check only students you teach: " + unreadable.size() + " of those asked about"
                        + " are not in your classes (student ids " + unreadable.stream().sorted().toList() + ").");
            }
        }
        if (asked.isEmpty() && question.classId() == null && question.kind() != PostKind.GROUP_PHOTO) {
            problems.add("Choose the students, or a class.");
        }
        if (!problems.isEmpty()) {
            throw new PublishingRefused(String.join(" ", problems));
        }
        return answer(me.districtId(), asked, question);
    }

    /** The answer for a post as it stands, for its review: its students are the post's, whoever reads it. */
    CheckResult checkPost(long districtId, Post post) {
        return answer(districtId, students.byIds(districtId, post.studentIds()), post.question());
    }

    private CheckResult answer(long districtId, List<Student> asked, CheckRequest question) {
        PublishingSettings settings = setup.settings(districtId);
        SchoolYear year = SchoolYear.containing(question.on(), settings.yearStarts());
        Optional<PublishingSite> site = question.siteId() == null ? Optional.empty()
                : Optional.of(sites.find(districtId, question.siteId())
                .orElseThrow(() -> new PublishingRefused("No site " + question.siteId() + " in the register.")));
        Optional<PublishingRules.SiteFacts> facts = site.map(s -> s.facts(sites.approved(s)));
        Clauses clauses = new Clauses(setup.clauses(districtId), policies.citations(districtId), clock);
        Map<Long, Students.Choices> choices = students.choices(asked.stream().map(Student::id).toList(), year);
        List<CheckResult.Needed> needed = PublishingRules.postProblems(question.kind(), question.audience(), facts)
                .stream().map(p -> new CheckResult.Needed(clauses.cite(p.ground()), p.reason())).toList();
        List<CheckResult.StudentAnswer> answers = new ArrayList<>();
        for (Student student : asked) {
            Students.Choices choice = choices.get(student.id());
            PublishingRules.Answer answer = PublishingRules.answer(student, Optional.ofNullable(choice.choice()),
                    question.kind(), settings, question.on(), facts);
            answers.add(new CheckResult.StudentAnswer(student.id(), student.sourceId(), student.fullName(),
                    student.schoolName(), student.grade(), settings.band(student.schoolId(), student.grade()),
                    choice.choice(), choice.lastYear(), answer.allowed(), answer.name(), answer.copyrightNotice(),
                    clauses.cite(answer.ground()), answer.reason()));
        }
        return new CheckResult(question.kind(), question.audience(), question.on(), year.toString(),
                site.map(PublishingSite::name).orElse(""), needed, answers);
    }

    /** The district's clause for each ground, cited once per check in the policy in force. */
    private static final class Clauses {
        private final Map<Ground, String> keys;
        private final Citations citations;
        private final Clock clock;
        private final Map<Ground, CheckResult.Cited> cited = new EnumMap<>(Ground.class);

        Clauses(Map<Ground, String> keys, Citations citations, Clock clock) {
            this.keys = keys;
            this.citations = citations;
            this.clock = clock;
        }

        CheckResult.Cited cite(Ground ground) {
            return cited.computeIfAbsent(ground, g -> new CheckResult.Cited(g, keys.get(g),
                    citations.cite(keys.get(g), clock.instant()).map(ClauseReference::policyVersionId).orElse(null)));
        }
    }
}
