package org.steward.investigations;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * An investigation, the aggregate: opened by an investigator with a number of its district's, worked by its people
 * (tasks, links, the sources it was opened from), and closed once with its outcome, or merged into another open
 * case of the district. A closed or merged case never changes again (the schema refuses it too). Its notes are
 * append-only rows of their own ({@link Note}); the case decides whether one may be added.
 */
@Table("investigation_case")
class Case {

    enum Status {
        OPEN("Open"), CLOSED("Closed"), MERGED("Merged");

        private final String title;

        Status(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        boolean mayBecome(Status next) {
            return this == OPEN && next != OPEN;
        }
    }

    /** What the investigation found and did (Clovis Q; Stanislaus 19): all but "no violation" cite a clause. */
    enum Outcome {
        NO_VIOLATION("No violation"), COACHING("Coaching"), WRITTEN_WARNING("Written warning"),
        PRIVILEGES_CANCELLED("Privileges cancelled"), REFERRED_TO_HR("Referred to HR"),
        REFERRED_TO_LAW_ENFORCEMENT("Referred to law enforcement");

        private final String title;

        Outcome(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }

        boolean citesAClause() {
            return this != NO_VIOLATION;
        }
    }

    /** What a case was opened from or took in. */
    enum SourceKind {
        REFERRAL, INCIDENT, REPORT
    }

    @Table("investigation_case_source")
    record Source(SourceKind kind, long recordId, String label, String addedBy, Instant addedAt) {
    }

    @Table("investigation_case_assignee")
    record Assignee(long accountId, String name, String addedBy, Instant addedAt) {
    }

    @Table("investigation_case_task")
    record Task(String title, long assigneeAccountId, String assigneeName, LocalDate dueOn, String addedBy,
                Instant addedAt, String doneBy, Instant doneAt) {

        public boolean done() {
            return doneAt != null;
        }
    }

    @Table("investigation_case_link")
    record Link(long districtId, long linkedCaseId, int linkedNumber, String linkedBy, Instant linkedAt) {
    }

    /** A note as it is appended: the service writes it, the table keeps it as written. */
    record Note(long caseId, String author, Instant at, String text) {
    }

    /** Another case of the district, as a merge or a link needs to know it. */
    record Other(long id, long districtId, int number, Status status) {
    }

    /** The staff member a case is about. */
    record Subject(long staffId, String name) {
    }

    /** A person of the district who may work a case: an account. */
    record Person(long accountId, String name) {
    }

    /**
     * The version of the policy the subject signed (the latest acknowledgment by the time of the outcome), with the
     * keys of its clauses: what an outcome may cite.
     */
    record SignedVersion(long policyVersionId, String title, int number, Set<String> clauseKeys) {
    }

    /** An outcome as asked for: the clause's key in the version signed, and what was found. */
    record Decision(Outcome outcome, String clauseKey, String summary) {
    }

    /** What a change came to: done, or refused with the reason, nothing changed. */
    sealed interface Changed permits Done, Refused {
    }

    record Done(String what) implements Changed {
    }

    record Refused(String reason) implements Changed {
    }

    /** What noting came to: the note to append, or why not. */
    sealed interface Noted permits NoteToAdd, NoteRefused {
    }

    record NoteToAdd(Note note) implements Noted {
    }

    record NoteRefused(String reason) implements Noted {
    }

    static final int TITLE_MAX = 200;
    static final int SUMMARY_MAX = 4000;
    static final int NOTE_MAX = 8000;

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final int number;
    private final String title;
    private Long subjectStaffId;
    private String subjectName;
    private Status status;
    private Long mergedInto;
    private final String openedBy;
    private final Instant openedAt;
    private Instant closedAt;
    private Outcome outcome;
    private Long outcomeVersionId;
    private String outcomeClauseKey;
    private String outcomeSummary;
    private String closedBy;
    @MappedCollection(idColumn = "case_id", keyColumn = "position")
    private final List<Source> sources;
    @MappedCollection(idColumn = "case_id")
    private final Set<Assignee> assignees;
    @MappedCollection(idColumn = "case_id", keyColumn = "position")
    private final List<Task> tasks;
    @MappedCollection(idColumn = "case_id", keyColumn = "position")
    private final List<Link> links;

    @PersistenceCreator
    Case(Long id, Integer version, long districtId, int number, String title, Long subjectStaffId,
         String subjectName, Status status,
         Long mergedInto, String openedBy, Instant openedAt, Instant closedAt, Outcome outcome,
         Long outcomeVersionId, String outcomeClauseKey, String outcomeSummary, String closedBy,
         List<Source> sources, Set<Assignee> assignees, List<Task> tasks, List<Link> links) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.number = number;
        this.title = title;
        this.subjectStaffId = subjectStaffId;
        this.subjectName = subjectName;
        this.status = status;
        this.mergedInto = mergedInto;
        this.openedBy = openedBy;
        this.openedAt = openedAt;
        this.closedAt = closedAt;
        this.outcome = outcome;
        this.outcomeVersionId = outcomeVersionId;
        this.outcomeClauseKey = outcomeClauseKey;
        this.outcomeSummary = outcomeSummary;
        this.closedBy = closedBy;
        this.sources = new ArrayList<>(sources);
        this.assignees = new LinkedHashSet<>(assignees);
        this.tasks = new ArrayList<>(tasks);
        this.links = new ArrayList<>(links);
    }

    /** Why a case cannot have this title, if it cannot. */
    static java.util.Optional<String> titleProblem(String title) {
        String t = title == null ? "" : title.strip();
        if (t.isEmpty()) {
            return java.util.Optional.of("Give the case a title: what it is about, in a few words.");
        }
        if (t.length() > TITLE_MAX) {
            return java.util.Optional.of("The title is " + t.length() + " characters; keep it to " + TITLE_MAX + ".");
        }
        return java.util.Optional.empty();
    }

    /**
     * An investigator opens case {@code number} of the district, about a staff member if known, from a source or
     * from nothing; the investigator who opens it is its first person. The title must have no
     * {@link #titleProblem problem}.
     */
    static Case open(long districtId, int number, String title, Subject subject, Source source, Person opener,
                     Instant at) {
        if (titleProblem(title).isPresent()) {
            throw new IllegalArgumentException(titleProblem(title).get());
        }
        return new Case(null, null, districtId, number, title.strip(), subject == null ? null : subject.staffId(),
                subject == null ? null : subject.name(), Status.OPEN, null,
                opener.name(), at, null, null, null, null, null, null,
                source == null ? List.of() : List.of(source),
                Set.of(new Assignee(opener.accountId(), opener.name(), opener.name(), at)), List.of(), List.of());
    }

    /** The staff member the case is about, once known (or changed while the case is open). */
    Changed nameSubject(Subject subject, String by) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (Long.valueOf(subject.staffId()).equals(subjectStaffId)) {
            return new Refused("The case is already about " + subject.name() + ".");
        }
        subjectStaffId = subject.staffId();
        subjectName = subject.name();
        return new Done("subject " + subject.name() + " named by " + by);
    }

    /** Someone of the district (an investigator, an HR officer, a principal) works the case: they see it. */
    Changed assign(Person person, String by, Instant at) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (isOn(person.accountId())) {
            return new Refused(person.name() + " is already on the case.");
        }
        assignees.add(new Assignee(person.accountId(), person.name(), by, at));
        return new Done(person.name() + " assigned by " + by);
    }

    /** A task for one of the case's people, due on a day of the district's calendar (or with no due day). */
    Changed addTask(String taskTitle, Long assigneeAccountId, LocalDate dueOn, String by, Instant at) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        String t = taskTitle == null ? "" : taskTitle.strip();
        if (t.isEmpty()) {
            return new Refused("Say what the task is.");
        }
        if (t.length() > TITLE_MAX) {
            return new Refused("The task is " + t.length() + " characters; keep it to " + TITLE_MAX + ".");
        }
        if (assigneeAccountId == null) {
            return new Refused("Choose who does the task: one of the case's people.");
        }
        if (dueOn != null && (dueOn.getYear() < 2000 || dueOn.getYear() > 2100)) {
            return new Refused("The task is due on a day of this century, not " + dueOn + ".");
        }
        Assignee who = assignees.stream().filter(a -> a.accountId() == assigneeAccountId).findFirst().orElse(null);
        if (who == null) {
            return new Refused("The task's assignee is not on the case: assign them to the case first.");
        }
        tasks.add(new Task(t, who.accountId(), who.name(), dueOn, by, at, null, null));
        return new Done("task \"" + t + "\" for " + who.name() + (dueOn == null ? "" : ", due " + dueOn));
    }

    /** Task {@code index} (from 0) is done. */
    Changed completeTask(int index, String by, Instant at) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (index < 0 || index >= tasks.size()) {
            return new Refused("The case has no such task.");
        }
        Task task = tasks.get(index);
        if (task.done()) {
            return new Refused("The task \"" + task.title() + "\" is already done, by " + task.doneBy() + ".");
        }
        tasks.set(index, new Task(task.title(), task.assigneeAccountId(), task.assigneeName(), task.dueOn(),
                task.addedBy(), task.addedAt(), by, at));
        return new Done("task \"" + task.title() + "\" done");
    }

    /** A note to append to an open case. */
    Noted note(String author, String text, Instant at) {
        if (status != Status.OPEN) {
            return new NoteRefused(notOpen().reason());
        }
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return new NoteRefused("Write the note before adding it.");
        }
        if (t.length() > NOTE_MAX) {
            return new NoteRefused("The note is " + t.length() + " characters; keep it to " + NOTE_MAX + ".");
        }
        return new NoteToAdd(new Note(id, author, at, t));
    }

    /** A source taken in after opening (a second referral, a device report): it stays with the case. */
    Changed takeIn(Source source) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (sources.stream().anyMatch(s -> s.kind() == source.kind() && s.recordId() == source.recordId())) {
            return new Refused(source.label() + " is already a source of the case.");
        }
        sources.add(source);
        return new Done("took in " + source.label());
    }

    /** A link to another case of the district, such as one about the same person. */
    Changed link(Other other, String by, Instant at) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (other.districtId() != districtId) {
            return new Refused("Cases are linked only within a district.");
        }
        if (id != null && other.id() == id) {
            return new Refused("A case is not linked to itself.");
        }
        if (links.stream().anyMatch(l -> l.linkedCaseId() == other.id())) {
            return new Refused("The case is already linked to case " + other.number() + ".");
        }
        links.add(new Link(districtId, other.id(), other.number(), by, at));
        return new Done("linked to case " + other.number());
    }

    /**
     * This case is merged into another open case of the district: it is done with, and its sources, tasks and notes
     * are read from the case it was merged into.
     */
    Changed mergeInto(Other survivor, String by, Instant at) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (survivor.districtId() != districtId) {
            return new Refused("A case is merged only into a case of its own district.");
        }
        if (id != null && survivor.id() == id) {
            return new Refused("A case cannot be merged into itself: choose the case it continues in.");
        }
        if (survivor.status() != Status.OPEN) {
            return new Refused("Case " + survivor.number() + " is " + survivor.status().title()
                    .toLowerCase(Locale.ROOT) + ": merge only into an open case.");
        }
        status = Status.MERGED;
        mergedInto = survivor.id();
        closedAt = at;
        closedBy = by;
        return new Done("merged into case " + survivor.number() + " by " + by);
    }

    /**
     * Closes the case with its outcome. Every outcome but "no violation" is about the subject, and cites a clause of
     * the version of the policy the subject signed ({@code signed}, empty when they signed none); each says what was
     * found.
     */
    Changed close(Decision decision, SignedVersion signed, String by, Instant at) {
        if (status != Status.OPEN) {
            return notOpen();
        }
        if (decision.outcome() == null) {
            return new Refused("Choose the outcome.");
        }
        String summary = decision.summary() == null ? "" : decision.summary().strip();
        if (summary.isEmpty()) {
            return new Refused("Write the outcome's summary: what the investigation found.");
        }
        if (summary.length() > SUMMARY_MAX) {
            return new Refused("The summary is " + summary.length() + " characters; keep it to " + SUMMARY_MAX + ".");
        }
        String key = decision.clauseKey() == null ? "" : decision.clauseKey().strip();
        Long versionId = null;
        if (decision.outcome().citesAClause()) {
            if (subjectStaffId == null) {
                return new Refused("\"" + decision.outcome().title() + "\" is about a person: name the case's"
                        + " subject first.");
            }
            if (key.isEmpty()) {
                return new Refused("\"" + decision.outcome().title() + "\" names the clause violated: choose it in"
                        + " the version of the policy the subject signed.");
            }
            if (signed == null) {
                return new Refused("The subject has signed no version of the policy, so no clause can be cited:"
                        + " record \"no violation\" or have the acknowledgment signed first.");
            }
            if (!signed.clauseKeys().contains(key)) {
                return new Refused("Clause " + key + " is not in " + signed.title() + ", version " + signed.number()
                        + ", the version the subject signed: cite one of its clauses.");
            }
            versionId = signed.policyVersionId();
        } else if (!key.isEmpty()) {
            return new Refused("\"No violation\" cites no clause: leave the clause empty.");
        }
        status = Status.CLOSED;
        outcome = decision.outcome();
        outcomeVersionId = versionId;
        outcomeClauseKey = versionId == null ? null : key;
        outcomeSummary = summary;
        closedAt = at;
        closedBy = by;
        return new Done("closed as " + outcome.title() + (versionId == null ? "" : ", clause " + key) + " by " + by);
    }

    /** Whether this account is one of the case's people. */
    public boolean isOn(long accountId) {
        return assignees.stream().anyMatch(a -> a.accountId() == accountId);
    }

    private Refused notOpen() {
        return new Refused("Case " + number + " is " + status.title().toLowerCase(Locale.ROOT)
                + ": nothing about it changes any more.");
    }

    public Long id() {
        return id;
    }

    public long districtId() {
        return districtId;
    }

    public int number() {
        return number;
    }

    public String title() {
        return title;
    }

    public Long subjectStaffId() {
        return subjectStaffId;
    }

    public String subjectName() {
        return subjectName;
    }

    public Status status() {
        return status;
    }

    public Long mergedInto() {
        return mergedInto;
    }

    public String openedBy() {
        return openedBy;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public String closedBy() {
        return closedBy;
    }

    public Outcome outcome() {
        return outcome;
    }

    public Long outcomeVersionId() {
        return outcomeVersionId;
    }

    public String outcomeClauseKey() {
        return outcomeClauseKey;
    }

    public String outcomeSummary() {
        return outcomeSummary;
    }

    public List<Source> sources() {
        return List.copyOf(sources);
    }

    public List<Assignee> assignees() {
        return List.copyOf(assignees);
    }

    public List<Task> tasks() {
        return List.copyOf(tasks);
    }

    public List<Link> links() {
        return List.copyOf(links);
    }

    public Other asOther() {
        return new Other(id, districtId, number, status);
    }
}
