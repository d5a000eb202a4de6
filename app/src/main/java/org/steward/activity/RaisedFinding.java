package org.steward.activity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.ReadOnlyProperty;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;
import org.steward.activity.Findings.Status;

/**
 * A finding as technology services triages it, the aggregate: where it stands, the steps that brought it there,
 * and when it became evidence. The rules raise it (in bulk, by SQL, which also moves its version on); a person
 * moves it only through {@link #triage}, which checks its rules and says why when it refuses. Saved with
 * optimistic locking, so of two people deciding one finding at once only the first is recorded. What it found
 * (count, window, evidence) is not part of it: this aggregate never writes it.
 */
@Table("activity_finding")
class RaisedFinding {

    /** One step of the finding's history, in order. */
    @Table("activity_finding_step")
    record Step(Status status, String reason, String byName, Instant at) {
    }

    /** What triaging came to: a step recorded, or a refusal a person can read. */
    sealed interface Triaged permits Recorded, Refused {
    }

    /** The step recorded; {@code decided} when it confirmed the finding or sent it for investigation. */
    record Recorded(Step step, boolean decided) implements Triaged {
    }

    record Refused(String reason) implements Triaged {
    }

    @Id
    private final Long id;
    @Version
    private Integer version;
    private final long districtId;
    private final String rule;
    private final String person;
    @ReadOnlyProperty // whom the rules attributed it to; triaging never changes it
    private final Long staffId;
    private Status status;
    private Instant finalAt;
    @MappedCollection(idColumn = "finding_id", keyColumn = "position")
    private final List<Step> steps;

    @PersistenceCreator
    RaisedFinding(Long id, Integer version, long districtId, String rule, String person, Long staffId,
                  Status status, Instant finalAt, List<Step> steps) {
        this.id = id;
        this.version = version;
        this.districtId = districtId;
        this.rule = rule;
        this.person = person;
        this.staffId = staffId;
        this.status = status;
        this.finalAt = finalAt;
        this.steps = new ArrayList<>(steps);
    }

    /**
     * Dismisses it (with a reason), confirms it, sends it for investigation, or reopens it (with a reason: it undoes
     * a decision). Confirming or sending it for investigation makes it evidence, for good: reopening it later does
     * not make what it found changeable again.
     */
    Triaged triage(Status to, String reason, String by, Instant at) {
        String why = reason == null ? "" : reason.strip();
        if (!status.mayBecome(to)) {
            return new Refused("The finding is already " + to.title().toLowerCase(Locale.ROOT) + ".");
        }
        if (to == Status.DISMISSED && why.length() < 5) {
            return new Refused("Say why the finding is dismissed (at least five characters).");
        }
        if (to == Status.OPEN && why.length() < 5) {
            return new Refused("Say why the finding is reopened (at least five characters).");
        }
        boolean decided = to == Status.CONFIRMED || to == Status.INVESTIGATION;
        if (decided && finalAt == null) {
            finalAt = at;
        }
        status = to;
        Step step = new Step(to, why, by, at);
        steps.add(step);
        return new Recorded(step, decided);
    }

    Long id() {
        return id;
    }

    String rule() {
        return rule;
    }

    String person() {
        return person;
    }

    Long staffId() {
        return staffId;
    }

    Status status() {
        return status;
    }

    boolean isEvidence() {
        return finalAt != null;
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }
}
