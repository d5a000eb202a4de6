package org.steward.publishing;

import java.time.MonthDay;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.audit.AuditLog;
import org.steward.policies.PolicyLibrary;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * Each district's publishing settings: its grade bands, its limited identification, when its school year starts,
 * the clause of its own policy each ground cites, and the designees who review a school's posts. An administrator
 * keeps them; every change is audited.
 */
@Service
public class PublishingSetup {

    /** A designee who reviews posts from a school's teachers. */
    public record Reviewer(String schoolId, long staffId, String name) {
    }

    private final JdbcClient jdbc;
    private final PolicyLibrary policies;
    private final StaffDirectory staff;
    private final AuditLog audit;

    PublishingSetup(JdbcClient jdbc, PolicyLibrary policies, StaffDirectory staff, AuditLog audit) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.staff = staff;
        this.audit = audit;
    }

    /** A row of the settings' query: the district's settings (null where it has none) and one school's level. */
    private record SettingsRow(Integer highSchoolFromGrade, String limitedForm, String yearStarts, String schoolId,
                               String level) {
    }

    /** The district's settings and its schools' levels, in one query: every check reads them. */
    public PublishingSettings settings(long districtId) {
        List<SettingsRow> rows = jdbc.sql("""
                        select s.high_school_from_grade, s.limited_form, s.year_starts, l.school_id, l.level
                        from (select ?::bigint as district_id) d
                        left join publishing_settings s on s.district_id = d.district_id
                        left join publishing_school_level l on l.district_id = d.district_id""")
                .param(districtId)
                .query((rs, n) -> new SettingsRow((Integer) rs.getObject(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))).list();
        Map<String, GradeBand> levels = new HashMap<>();
        rows.stream().filter(r -> r.schoolId() != null)
                .forEach(r -> levels.put(r.schoolId(), GradeBand.valueOf(r.level())));
        SettingsRow saved = rows.get(0);
        PublishingSettings defaults = PublishingSettings.defaults();
        return saved.limitedForm() == null
                ? new PublishingSettings(defaults.highSchoolFromGrade(), defaults.limitedForm(),
                        defaults.yearStarts(), levels)
                : new PublishingSettings(saved.highSchoolFromGrade(),
                        PublishingSettings.LimitedForm.valueOf(saved.limitedForm()),
                        MonthDay.parse("--" + saved.yearStarts()), levels);
    }

    @Transactional
    public void saveSettings(long districtId, int highSchoolFromGrade, PublishingSettings.LimitedForm form,
                             MonthDay yearStarts) {
        if (highSchoolFromGrade < 1 || highSchoolFromGrade > 12) {
            throw new PublishingRefused("High school starts at a grade from 1 to 12.");
        }
        if (form == null || yearStarts == null) {
            throw new PublishingRefused("Choose the limited identification and the day the school year starts.");
        }
        String day = "%02d-%02d".formatted(yearStarts.getMonthValue(), yearStarts.getDayOfMonth());
        jdbc.sql("""
                        insert into publishing_settings (district_id, high_school_from_grade, limited_form, year_starts)
                        values (?, ?, ?, ?) on conflict (district_id) do update set
                        high_school_from_grade = excluded.high_school_from_grade,
                        limited_form = excluded.limited_form, year_starts = excluded.year_starts,
                        version = publishing_settings.version + 1""")
                .params(districtId, highSchoolFromGrade, form.name(), day).update();
        audit.record(districtId, "PUBLISHING_SETTINGS_CHANGED", "publishing_settings", districtId,
                "high school from grade %d, %s, year starts %s".formatted(highSchoolFromGrade, form, day));
    }

    /** Sets a school's level, which then decides its students' band whatever their grade; none clears it. */
    @Transactional
    public void saveSchoolLevel(long districtId, String schoolId, GradeBand level) {
        String school = schoolId == null ? "" : schoolId.strip();
        if (school.isEmpty()) {
            throw new PublishingRefused("Choose the school.");
        }
        if (level == null) {
            jdbc.sql("delete from publishing_school_level where district_id = ? and school_id = ?")
                    .params(districtId, school).update();
        } else {
            jdbc.sql("""
                            insert into publishing_school_level (district_id, school_id, level) values (?, ?, ?)
                            on conflict (district_id, school_id) do update set level = excluded.level""")
                    .params(districtId, school, level.name()).update();
        }
        audit.record(districtId, "PUBLISHING_SCHOOL_LEVEL_CHANGED", "school", school,
                level == null ? "by grade" : level.name());
    }

    /** The schools the district's students are at, by id, with their names. */
    public Map<String, String> schools(long districtId) {
        Map<String, String> schools = new java.util.TreeMap<>();
        jdbc.sql("select distinct school_id, school_name from student where district_id = ? and school_id <> ''")
                .param(districtId).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                .forEach(e -> schools.put(e.getKey(), e.getValue()));
        return schools;
    }

    /** The clause each ground cites in the district: the one it named, or the model policy's. */
    public Map<Ground, String> clauses(long districtId) {
        Map<Ground, String> clauses = new EnumMap<>(Ground.class);
        for (Ground ground : Ground.values()) {
            clauses.put(ground, ground.modelClause());
        }
        jdbc.sql("select ground, clause from publishing_clause where district_id = ?").param(districtId)
                .query((rs, n) -> Map.entry(Ground.valueOf(rs.getString(1)), rs.getString(2))).list()
                .forEach(e -> clauses.put(e.getKey(), e.getValue()));
        return clauses;
    }

    @Transactional
    public void saveClause(long districtId, Ground ground, String clause) {
        String key = clause == null ? "" : clause.strip();
        policies.clauseKeyProblem(districtId, key).ifPresent(problem -> {
            throw new PublishingRefused(problem);
        });
        jdbc.sql("""
                        insert into publishing_clause (district_id, ground, clause) values (?, ?, ?)
                        on conflict (district_id, ground) do update set clause = excluded.clause""")
                .params(districtId, ground.name(), key).update();
        audit.record(districtId, "PUBLISHING_CLAUSE_CHANGED", "publishing_clause", ground.name(), key);
    }

    public List<Reviewer> reviewers(long districtId) {
        return jdbc.sql("""
                        select r.school_id, r.staff_id, s.first_name || ' ' || s.last_name from publishing_reviewer r
                        join staff s on s.id = r.staff_id where r.district_id = ? order by r.school_id, s.last_name""")
                .param(districtId)
                .query((rs, n) -> new Reviewer(rs.getString(1), rs.getLong(2), rs.getString(3))).list();
    }

    /** The schools whose posts a person reviews as the principal's designee. */
    public Set<String> schoolsReviewedBy(long districtId, Long staffId) {
        if (staffId == null) {
            return Set.of();
        }
        return jdbc.sql("select school_id from publishing_reviewer where district_id = ? and staff_id = ?")
                .params(districtId, staffId).query(String.class).list().stream().collect(Collectors.toSet());
    }

    @Transactional
    public void designate(long districtId, String schoolId, long staffId, boolean designated) {
        StaffMember member = staff.find(districtId, staffId)
                .orElseThrow(() -> new PublishingRefused("No such employee in the district."));
        if (designated && !member.isActive()) {
            throw new PublishingRefused(member.fullName() + " has left the district.");
        }
        String school = schoolId == null ? "" : schoolId.strip();
        if (school.isEmpty()) {
            throw new PublishingRefused("Choose the school.");
        }
        if (designated) {
            jdbc.sql("insert into publishing_reviewer (district_id, school_id, staff_id) values (?, ?, ?)"
                    + " on conflict do nothing").params(districtId, school, staffId).update();
        } else {
            jdbc.sql("delete from publishing_reviewer where district_id = ? and school_id = ? and staff_id = ?")
                    .params(districtId, school, staffId).update();
        }
        audit.record(districtId, designated ? "PUBLISHING_REVIEWER_DESIGNATED" : "PUBLISHING_REVIEWER_REMOVED",
                "staff", staffId, "reviews posts from school " + school);
    }
}
