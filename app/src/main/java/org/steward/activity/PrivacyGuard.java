package org.steward.activity;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;

/**
 * Nobody sees a named person's activity without a reason on record. Only technology services and investigators may
 * look; each look states a reason (and a case reference when there is one), is written to the audit log naming the
 * viewer, the person and the reason, and opens that person's report to that viewer for an hour. Every page shown
 * under it is audited again.
 */
@Service
public class PrivacyGuard {

    public static final Duration OPEN_FOR = Duration.ofHours(1);

    public record View(long id, long districtId, long accountId, String viewer, String person, String reason,
                       String caseRef, Instant at) {
    }

    /** Why a look was refused. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    PrivacyGuard(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What is wrong with a reason to look, or null: a reason is words a records officer can read later, at least ten
     * characters of which five are letters ("....." and "asdf" are not reasons), under 1,000.
     */
    public static String reasonProblem(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.length() > 1000) {
            return "Keep the reason under 1,000 characters.";
        }
        if (why.length() < 10 || why.codePoints().filter(Character::isLetter).count() < 5) {
            return "Say in words why you need to see this activity (at least ten characters, five of them letters).";
        }
        return null;
    }

    public static boolean maySeeNamedActivity(StewardUser me) {
        return me.hasAny(Role.TECHNOLOGY, Role.INVESTIGATOR);
    }

    /** Records a reason to look at a person's (or a site's visitors') activity, and audits it. */
    public View open(StewardUser me, String person, String reason, String caseRef) {
        if (!maySeeNamedActivity(me)) {
            throw new AccessDeniedException("Only technology services and investigators see a named person's activity");
        }
        String why = reason == null ? "" : reason.strip();
        String problem = reasonProblem(why);
        if (problem != null) {
            throw new Refused(problem);
        }
        String ref = caseRef == null ? "" : caseRef.strip();
        long id = jdbc.sql("""
                        insert into activity_view (district_id, account_id, viewer, person, reason, case_ref, at)
                        values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(me.districtId(), me.accountId(), me.getUsername(), person, why, ref,
                        Timestamp.from(clock.instant()))
                .query(Long.class).single();
        audit.record(me.districtId(), "ACTIVITY_VIEW_OPENED", "activity_view", id, why, me.getUsername()
                + " looks at " + person + (ref.isEmpty() ? "" : " (case " + ref + ")"));
        return find(me.districtId(), id).orElseThrow();
    }

    /**
     * The viewer's open reason to see this person's activity; refused when there is none, it is someone else's, it
     * is about someone else, or its hour has passed. Each page shown is audited.
     */
    public View check(StewardUser me, Long viewId, String person, String what) {
        if (!maySeeNamedActivity(me)) {
            throw new AccessDeniedException("Only technology services and investigators see a named person's activity");
        }
        View view = viewId == null ? null : find(me.districtId(), viewId).orElse(null);
        if (view == null || view.accountId() != me.accountId() || !view.person().equals(person)
                || view.at().plus(OPEN_FOR).isBefore(clock.instant())) {
            throw new Refused("Give a reason to see this activity.");
        }
        audit.record(me.districtId(), "ACTIVITY_VIEWED", "activity_view", view.id(), view.reason(),
                me.getUsername() + " sees " + what + " of " + person);
        return view;
    }

    public Optional<View> find(long districtId, long id) {
        return jdbc.sql("select id, district_id, account_id, viewer, person, reason, case_ref, at from activity_view "
                        + "where id = ? and district_id = ?")
                .params(id, districtId)
                .query((rs, n) -> new View(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()))
                .optional();
    }
}
