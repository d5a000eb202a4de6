package org.steward.holds;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The question every deletion asks: does an open case keep this record? Investigations holds what it adds as evidence
 * to an open case ({@link #hold}) and releases a case's holds when it closes or merges ({@link #release}); a module
 * about to delete or rewrite a record asks {@link #heldBy}, {@link #heldAmong} or {@link #usageHeldOn} and refuses
 * with the hold's reason ("kept for investigation case 12").
 */
@Service
public class RecordHolds {

    private static final String COLUMNS = "kind, record_id, from_day, to_day, case_id, case_number";

    private final JdbcClient jdbc;

    RecordHolds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps a record for a case; holding it twice for the same case keeps one hold. */
    @Transactional
    public void hold(long districtId, HeldKind kind, long recordId, LocalDate from, LocalDate to, long caseId,
                     int caseNumber, Instant at) {
        jdbc.sql("""
                        insert into record_hold (district_id, kind, record_id, from_day, to_day, case_id, case_number,
                                                 held_at)
                        select :district, :kind, :record, :from, :to, :case, :number, :at
                         where not exists (select 1 from record_hold where district_id = :district and kind = :kind
                                             and record_id = :record and case_id = :case and released_at is null
                                             and from_day is not distinct from :from and to_day is not distinct from :to)""")
                .param("district", districtId).param("kind", kind.name()).param("record", recordId)
                .param("from", from == null ? null : Date.valueOf(from), java.sql.Types.DATE)
                .param("to", to == null ? null : Date.valueOf(to), java.sql.Types.DATE)
                .param("case", caseId).param("number", caseNumber).param("at", Timestamp.from(at))
                .update();
    }

    /** Releases every hold of a case (closed or merged); run again, it releases nothing more. */
    @Transactional
    public int release(long districtId, long caseId, Instant at) {
        return jdbc.sql("update record_hold set released_at = ? where district_id = ? and case_id = ? "
                        + "and released_at is null")
                .params(Timestamp.from(at), districtId, caseId).update();
    }

    /**
     * A case merged into another: its holds become the surviving case's, whose evidence it is now (the survivor
     * releases them when it closes). Run again, it moves nothing more.
     */
    @Transactional
    public int transfer(long districtId, long fromCaseId, long toCaseId, int toCaseNumber) {
        return jdbc.sql("update record_hold set case_id = ?, case_number = ? where district_id = ? and case_id = ? "
                        + "and released_at is null")
                .params(toCaseId, toCaseNumber, districtId, fromCaseId).update();
    }

    /** The hold that keeps this record, if any (the oldest, when several cases keep it). */
    public Optional<Hold> heldBy(HeldKind kind, long districtId, long recordId) {
        return jdbc.sql("select " + COLUMNS + " from record_hold where district_id = ? and kind = ? and record_id = ?"
                        + " and released_at is null order by held_at, id limit 1")
                .params(districtId, kind.name(), recordId).query(RecordHolds::hold).optional();
    }

    /** Which of these records are held, each with its oldest hold: one query whatever their number. */
    public Map<Long, Hold> heldAmong(HeldKind kind, long districtId, Collection<Long> recordIds) {
        Map<Long, Hold> held = new LinkedHashMap<>();
        if (recordIds.isEmpty()) {
            return held;
        }
        jdbc.sql("select " + COLUMNS + " from record_hold where district_id = ? and kind = ? and record_id = any(?)"
                        + " and released_at is null order by record_id, held_at, id")
                .params(districtId, kind.name(), recordIds.toArray(Long[]::new))
                .query(RecordHolds::hold).list().forEach(h -> held.putIfAbsent(h.recordId(), h));
        return held;
    }

    /** A hold on anyone's internet use on any of these days, if there is one. */
    public Optional<Hold> usageHeldOn(long districtId, LocalDate first, LocalDate last) {
        return jdbc.sql("select " + COLUMNS + " from record_hold where district_id = ? and kind = 'USAGE'"
                        + " and released_at is null and from_day <= ? and to_day >= ? order by held_at, id limit 1")
                .params(districtId, Date.valueOf(last), Date.valueOf(first)).query(RecordHolds::hold).optional();
    }

    private static Hold hold(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        Date from = rs.getDate("from_day");
        Date to = rs.getDate("to_day");
        return new Hold(HeldKind.valueOf(rs.getString("kind")), rs.getLong("record_id"),
                from == null ? null : from.toLocalDate(), to == null ? null : to.toLocalDate(), rs.getLong("case_id"),
                rs.getInt("case_number"));
    }
}
