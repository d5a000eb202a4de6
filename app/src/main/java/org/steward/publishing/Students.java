package org.steward.publishing;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.audit.AuditLog;
import org.steward.staff.ImportProblem;
import org.steward.staff.RosterUpload;

/**
 * The district's students and their classes from its SIS (OneRoster), and their parents' media-release choice per
 * school year (a CSV the SIS exports). Each import is all or nothing. A student is read by the staff who teach them,
 * by the designees who review their school's posts, and by administrators; nobody else.
 */
@Service
public class Students {

    /** One class a teacher teaches, with how many students are in it. */
    public record TaughtClass(long id, String title, String schoolId, int students) {
    }

    /** A student with their choice this school year and the last, for the class page. */
    public record WithChoice(Student student, MediaChoice choice, MediaChoice lastYear, MediaChoice before,
                             Instant changedAt) {

        /** The choice changed since last year, or an import this year changed it. */
        public boolean changed() {
            return choice != null && (before != null || lastYear != null && lastYear != choice);
        }

        /** What the choice was before, for "changed from ...". */
        public MediaChoice was() {
            return before != null ? before : lastYear;
        }
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Students(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /** Who imports students and choices: technology services and administrators. */
    public static boolean mayImport(StewardUser me) {
        return me.hasAny(Role.TECHNOLOGY, Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    /** Who reads every student of the district. */
    public static boolean mayReadAll(StewardUser me) {
        return me.hasAny(Role.DISTRICT_ADMIN, Role.COUNTY_ADMIN);
    }

    // ---- imports ----------------------------------------------------------------------------------------------

    /**
     * Imports the students, their classes and their teachers from a OneRoster export. Students the export no longer
     * has are kept, as having left (posts and their reviews name them); classes are replaced by the export's when it
     * has classes.csv.
     */
    @Transactional
    public StudentImport importRoster(long districtId, List<RosterUpload> uploads, String fileName, String by) {
        StudentFiles.Reading reading = StudentFiles.read(uploads);
        if (!reading.problems().isEmpty()) {
            return StudentImport.refused(reading.format(), reading.students().size(), sorted(reading.problems()));
        }
        if (reading.students().isEmpty()) {
            return StudentImport.refused(reading.format(), 0, List.of(new ImportProblem(fileName, 0,
                    "no students in the export" + (reading.skipped() > 0 ? " (" + reading.skipped()
                            + " teachers, parents and others were left out)" : ""))));
        }
        List<ImportProblem> classProblems = classProblems(districtId, reading);
        if (!classProblems.isEmpty()) {
            return StudentImport.refused(reading.format(), reading.students().size(), sorted(classProblems));
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('student import'), ?::int)").param((int) districtId)
                .query(Object.class).list();
        Map<String, String> schoolNames = new HashMap<>();
        reading.schools().forEach(s -> schoolNames.put(s.sourcedId(), s.name()));
        Map<String, Student> before = new HashMap<>();
        all(districtId).forEach(s -> before.put(s.sourceId(), s));
        int added = 0, changed = 0, unchanged = 0;
        List<StudentFiles.Student> rows = reading.students();
        for (StudentFiles.Student row : rows) {
            Student was = before.get(row.sourcedId());
            Student now = new Student(was == null ? 0 : was.id(), districtId, row.sourcedId(), row.givenName(),
                    row.familyName(), emptyToNull(row.preferredGivenName()), row.schoolId(),
                    schoolNames.getOrDefault(row.schoolId(), ""), row.grade(), row.active());
            if (was == null) {
                added++;
            } else if (was.equals(now)) {
                unchanged++;
            } else {
                changed++;
            }
        }
        Instant at = clock.instant();
        jdbc.sql("""
                        insert into student (district_id, source_id, given_name, family_name, preferred_name,
                                             school_id, school_name, grade, active, imported_at)
                        select ?, u.*, ?::timestamptz
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                                    ?::boolean[]) as u
                        on conflict (district_id, source_id) do update set given_name = excluded.given_name,
                            family_name = excluded.family_name, preferred_name = excluded.preferred_name,
                            school_id = excluded.school_id, school_name = excluded.school_name,
                            grade = excluded.grade, active = excluded.active, imported_at = excluded.imported_at
                        where (student.given_name, student.family_name, student.preferred_name, student.school_id,
                               student.school_name, student.grade, student.active)
                              is distinct from (excluded.given_name, excluded.family_name, excluded.preferred_name,
                               excluded.school_id, excluded.school_name, excluded.grade, excluded.active)""")
                .params(districtId, Timestamp.from(at), texts(rows, StudentFiles.Student::sourcedId),
                        texts(rows, StudentFiles.Student::givenName), texts(rows, StudentFiles.Student::familyName),
                        texts(rows, r -> emptyToNull(r.preferredGivenName())), texts(rows, StudentFiles.Student::schoolId),
                        texts(rows, r -> schoolNames.getOrDefault(r.schoolId(), "")),
                        texts(rows, StudentFiles.Student::grade),
                        rows.stream().map(StudentFiles.Student::active).toArray(Boolean[]::new))
                .update();
        Set<String> inFile = new HashSet<>();
        rows.forEach(r -> inFile.add(r.sourcedId()));
        List<String> gone = before.values().stream().filter(s -> s.active() && !inFile.contains(s.sourceId()))
                .map(Student::sourceId).toList();
        jdbc.sql("update student set active = false, imported_at = ? where district_id = ? and source_id = any(?)")
                .params(Timestamp.from(at), districtId, gone.toArray(String[]::new)).update();
        if (!reading.classes().isEmpty()) {
            replaceClasses(districtId, reading);
        }
        String summary = "%d students read: %d added, %d changed, %d unchanged, %d left; %d classes".formatted(
                rows.size(), added, changed, unchanged, gone.size(), reading.classes().size());
        long importId = recordImport(districtId, "ROSTER", fileName, rows.size(), summary, by, at);
        audit.record(districtId, "STUDENTS_IMPORTED", "student_import", importId, summary);
        return new StudentImport(reading.format(), rows.size(), added, changed, unchanged, gone.size(), List.of());
    }

    /**
     * What the export's classes would get wrong: classes without enrollments (every class would be emptied), a class
     * at a school not in orgs.csv, a teacher the staff roster does not know (nobody would see the class).
     */
    private List<ImportProblem> classProblems(long districtId, StudentFiles.Reading reading) {
        List<ImportProblem> problems = new ArrayList<>();
        if (reading.classes().isEmpty()) {
            return problems;
        }
        if (reading.enrollments().isEmpty()) {
            problems.add(new ImportProblem("enrollments.csv", 0, "missing: classes.csv without enrollments.csv"
                    + " would leave every class without its students and teachers"));
            return problems;
        }
        Set<String> schools = new HashSet<>();
        reading.schools().forEach(school -> schools.add(school.sourcedId()));
        for (StudentFiles.SchoolClass taught : reading.classes()) {
            if (!taught.schoolId().isEmpty() && !schools.contains(taught.schoolId())) {
                problems.add(new ImportProblem(taught.file(), taught.line(), "unknown school: org "
                        + taught.schoolId() + " is not in orgs.csv"));
            }
        }
        Set<String> staffIds = new HashSet<>(jdbc.sql("select employee_id from staff where district_id = ?")
                .param(districtId).query(String.class).list());
        for (StudentFiles.Enrollment enrollment : reading.enrollments()) {
            if (enrollment.active() && "teacher".equals(enrollment.role())
                    && !staffIds.contains(enrollment.userId())) {
                problems.add(new ImportProblem(enrollment.file(), enrollment.line(), "teacher " + enrollment.userId()
                        + " is not in the staff roster: import the staff first (their SIS id is their employee id)"));
            }
        }
        return problems;
    }

    /** The export's classes, kept by their SIS id so that a class's page keeps its address; their people replaced. */
    private void replaceClasses(long districtId, StudentFiles.Reading reading) {
        List<StudentFiles.SchoolClass> classes = reading.classes();
        jdbc.sql("delete from student_class where district_id = ? and source_id <> all(?)")
                .params(districtId, texts(classes, StudentFiles.SchoolClass::sourcedId)).update();
        jdbc.sql("""
                        insert into student_class (district_id, source_id, title, school_id)
                        select ?, * from unnest(?::text[], ?::text[], ?::text[])
                        on conflict (district_id, source_id) do update
                            set title = excluded.title, school_id = excluded.school_id""")
                .params(districtId, texts(classes, StudentFiles.SchoolClass::sourcedId),
                        texts(classes, StudentFiles.SchoolClass::title),
                        texts(classes, StudentFiles.SchoolClass::schoolId)).update();
        jdbc.sql("delete from student_class_member m using student_class c where m.class_id = c.id"
                + " and c.district_id = ?").param(districtId).update();
        jdbc.sql("delete from student_class_teacher where district_id = ?").param(districtId).update();
        List<StudentFiles.Enrollment> students = reading.enrollments().stream()
                .filter(e -> e.active() && "student".equals(e.role())).toList();
        jdbc.sql("""
                        insert into student_class_member (class_id, student_id)
                        select c.id, s.id from unnest(?::text[], ?::text[]) as e (class, student)
                        join student_class c on c.district_id = ? and c.source_id = e.class
                        join student s on s.district_id = ? and s.source_id = e.student
                        on conflict do nothing""")
                .params(texts(students, StudentFiles.Enrollment::classId),
                        texts(students, StudentFiles.Enrollment::userId), districtId, districtId).update();
        List<StudentFiles.Enrollment> teachers = reading.enrollments().stream()
                .filter(e -> e.active() && "teacher".equals(e.role())).toList();
        jdbc.sql("""
                        insert into student_class_teacher (class_id, district_id, teacher_id)
                        select c.id, ?, e.teacher from unnest(?::text[], ?::text[]) as e (class, teacher)
                        join student_class c on c.district_id = ? and c.source_id = e.class
                        on conflict do nothing""")
                .params(districtId, texts(teachers, StudentFiles.Enrollment::classId),
                        texts(teachers, StudentFiles.Enrollment::userId), districtId).update();
    }

    /**
     * Imports the parents' media-release choices the SIS exports, for any school years the file names. Every student
     * must already be imported. A choice an import changes keeps what it was before, for teachers to see.
     */
    @Transactional
    public StudentImport importChoices(long districtId, RosterUpload file, String by) {
        MediaReleaseFile.Reading reading = MediaReleaseFile.read(file);
        List<ImportProblem> problems = new ArrayList<>(reading.problems());
        Map<String, Long> ids = new HashMap<>();
        jdbc.sql("select source_id, id from student where district_id = ?").param(districtId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> ids.put(e.getKey(), e.getValue()));
        for (MediaReleaseFile.Row row : reading.rows()) {
            if (!ids.containsKey(row.studentId())) {
                problems.add(new ImportProblem(file.name(), row.line(), "no student with id " + row.studentId()
                        + " in Steward: import the students from the SIS first"));
            }
        }
        if (!problems.isEmpty()) {
            return StudentImport.refused("media release", reading.rows().size(), sorted(problems));
        }
        if (reading.rows().isEmpty()) {
            return StudentImport.refused("media release", 0, List.of(new ImportProblem(file.name(), 0,
                    "no choices in the file")));
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('student import'), ?::int)").param((int) districtId)
                .query(Object.class).list();
        Instant at = clock.instant();
        List<MediaReleaseFile.Row> rows = reading.rows();
        String years = rows.stream().map(MediaReleaseFile.Row::year).distinct().sorted().map(SchoolYear::toString)
                .reduce((a, b) -> a + ", " + b).orElse("");
        long importId = recordImport(districtId, "MEDIA_RELEASE", file.name(), rows.size(), "", by, at);
        Long[] studentIds = rows.stream().map(r -> ids.get(r.studentId())).toArray(Long[]::new);
        Integer[] yearStarts = rows.stream().map(r -> r.year().startYear()).toArray(Integer[]::new);
        String[] choices = rows.stream().map(r -> r.choice().name()).toArray(String[]::new);
        Map<String, Integer> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        with given as (select * from unnest(?::bigint[], ?::int[], ?::text[]) as g (student, year, choice)),
                        was as (select g.*, c.choice as old from given g
                                left join student_media_choice c on c.student_id = g.student and c.school_year = g.year)
                        select case when old is null then 'added' when old = choice then 'unchanged' else 'changed'
                               end, count(*) from was group by 1""")
                .params(studentIds, yearStarts, choices)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        jdbc.sql("""
                        insert into student_media_choice (district_id, student_id, school_year, choice, import_id,
                                                          changed_at)
                        select ?, g.student, g.year, g.choice, ?, ?
                        from unnest(?::bigint[], ?::int[], ?::text[]) as g (student, year, choice)
                        on conflict (student_id, school_year) do update
                            set previous_choice = student_media_choice.choice, choice = excluded.choice,
                                import_id = excluded.import_id, changed_at = excluded.changed_at
                        where student_media_choice.choice <> excluded.choice""")
                .params(districtId, importId, Timestamp.from(at), studentIds, yearStarts, choices).update();
        int added = counts.getOrDefault("added", 0), changed = counts.getOrDefault("changed", 0),
                unchanged = counts.getOrDefault("unchanged", 0);
        String summary = "%d choices for %s: %d new, %d changed, %d unchanged".formatted(rows.size(), years, added,
                changed, unchanged);
        jdbc.sql("update student_import set summary = ? where id = ?").params(summary, importId).update();
        audit.record(districtId, "MEDIA_RELEASE_IMPORTED", "student_import", importId, summary);
        return new StudentImport("media release", rows.size(), added, changed, unchanged, 0, List.of());
    }

    /** The district's imports, latest first. */
    public record ImportRecord(long id, String kind, String fileName, int rowsRead, String summary, String by,
                               Instant at) {
    }

    public List<ImportRecord> imports(long districtId, int limit) {
        return jdbc.sql("""
                        select id, kind, file_name, rows_read, summary, imported_by, imported_at from student_import
                        where district_id = ? order by id desc limit ?""")
                .params(districtId, limit)
                .query((rs, n) -> new ImportRecord(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant())).list();
    }

    private long recordImport(long districtId, String kind, String fileName, int rows, String summary, String by,
                              Instant at) {
        return jdbc.sql("""
                        insert into student_import (district_id, kind, file_name, rows_read, summary, imported_by,
                                                    imported_at) values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(districtId, kind, fileName == null ? "" : fileName, rows, summary, by, Timestamp.from(at))
                .query(Long.class).single();
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    private static final String COLUMNS = "s.id, s.district_id, s.source_id, s.given_name, s.family_name,"
            + " s.preferred_name, s.school_id, s.school_name, s.grade, s.active";

    private static Student student(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Student(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getBoolean(10));
    }

    List<Student> all(long districtId) {
        return jdbc.sql("select " + COLUMNS + " from student s where s.district_id = ?").param(districtId)
                .query((rs, n) -> student(rs)).list();
    }

    /** The students of the district with these ids, in the order given; ids of no student here are left out. */
    List<Student> byIds(long districtId, Collection<Long> ids) {
        Map<Long, Student> found = new HashMap<>();
        jdbc.sql("select " + COLUMNS + " from student s where s.district_id = ? and s.id = any(?)")
                .params(districtId, ids.toArray(Long[]::new)).query((rs, n) -> student(rs)).list()
                .forEach(s -> found.put(s.id(), s));
        return ids.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** The choice of each student for one school year, and the one before, by student id. */
    record Choices(MediaChoice choice, MediaChoice lastYear, MediaChoice before, Instant changedAt) {
    }

    Map<Long, Choices> choices(Collection<Long> studentIds, SchoolYear year) {
        Map<Long, Choices> found = new HashMap<>();
        jdbc.sql("""
                        select s.id, c.choice, l.choice, c.previous_choice, c.changed_at
                        from unnest(?::bigint[]) as s (id)
                        left join student_media_choice c on c.student_id = s.id and c.school_year = ?
                        left join student_media_choice l on l.student_id = s.id and l.school_year = ?""")
                .params(studentIds.toArray(Long[]::new), year.startYear(), year.previous().startYear())
                .query((rs, n) -> Map.entry(rs.getLong(1), new Choices(choice(rs.getString(2)),
                        choice(rs.getString(3)), choice(rs.getString(4)),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))).list()
                .forEach(e -> found.put(e.getKey(), e.getValue()));
        return found;
    }

    // a class's teacher is named by the id the SIS gives them, which is their roster record's employee id
    private static final String TAUGHT = """
            select c.id, c.title, c.school_id, (select count(*) from student_class_member m join student s on s.id = m.student_id and s.active where m.class_id = c.id)
            from student_class c join student_class_teacher t on t.class_id = c.id
            join staff e on e.district_id = t.district_id and e.employee_id = t.teacher_id
            where t.district_id = ? and e.id = ?""";

    /** The classes a teacher teaches, by the id the SIS gives the teacher. */
    public List<TaughtClass> classesOf(StewardUser me) {
        if (me.staffId() == null) {
            return List.of();
        }
        return jdbc.sql(TAUGHT + " order by c.title, c.id").params(me.districtId(), me.staffId())
                .query((rs, n) -> new TaughtClass(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .list();
    }

    /** A class the person may read: one they teach, or any for an administrator. */
    public Optional<TaughtClass> readableClass(StewardUser me, long classId) {
        if (mayReadAll(me)) {
            return jdbc.sql("""
                            select c.id, c.title, c.school_id, (select count(*) from student_class_member m
                                                                join student s on s.id = m.student_id and s.active
                                                                where m.class_id = c.id)
                            from student_class c where c.district_id = ? and c.id = ?""")
                    .params(me.districtId(), classId)
                    .query((rs, n) -> new TaughtClass(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                    .optional();
        }
        if (me.staffId() == null) {
            return Optional.empty();
        }
        return jdbc.sql(TAUGHT + " and c.id = ?").params(me.districtId(), me.staffId(), classId)
                .query((rs, n) -> new TaughtClass(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4)))
                .optional();
    }

    /** The students of a class, by family name. */
    List<Student> inClass(long districtId, long classId) {
        return jdbc.sql("select " + COLUMNS + """
                         from student s join student_class_member m on m.student_id = s.id
                        where s.district_id = ? and m.class_id = ? and s.active
                        order by s.family_name, s.given_name, s.id""")
                .params(districtId, classId).query((rs, n) -> student(rs)).list();
    }

    /** A class's students with their choices for a school year, for its page. */
    public List<WithChoice> classWithChoices(long districtId, long classId, SchoolYear year) {
        List<Student> students = inClass(districtId, classId);
        Map<Long, Choices> choices = choices(students.stream().map(Student::id).toList(), year);
        return students.stream().map(s -> {
            Choices c = choices.get(s.id());
            return new WithChoice(s, c.choice(), c.lastYear(), c.before(), c.changedAt());
        }).toList();
    }

    /**
     * Of these students of the district, the ones the person may not read: not in a class they teach, not at a school
     * whose posts they review, and they no administrator.
     */
    Set<Long> unreadable(StewardUser me, Collection<Long> studentIds, Set<String> reviewedSchools) {
        if (mayReadAll(me) || studentIds.isEmpty()) {
            return Set.of();
        }
        Set<Long> readable = new HashSet<>(jdbc.sql("""
                        select s.id from student s where s.district_id = ? and s.id = any(?) and (
                            s.school_id = any(?) or exists (
                                select 1 from student_class_member m join student_class_teacher t on t.class_id = m.class_id
                                join staff e on e.district_id = t.district_id and e.employee_id = t.teacher_id
                                where m.student_id = s.id and t.district_id = s.district_id and e.id = ?))""")
                .params(me.districtId(), studentIds.toArray(Long[]::new), reviewedSchools.toArray(String[]::new),
                        me.staffId())
                .query(Long.class).list());
        Set<Long> refused = new HashSet<>(studentIds);
        refused.removeAll(readable);
        return refused;
    }

    /** Students of the district by name, for an administrator or a designee looking one up. */
    public List<Student> search(StewardUser me, String name, Set<String> reviewedSchools, int limit) {
        String like = "%" + (name == null ? "" : name.strip().toLowerCase().replace("\\", "\\\\")
                .replace("%", "\\%").replace("_", "\\_")) + "%";
        return jdbc.sql("select " + COLUMNS + """
                         from student s where s.district_id = ? and (? or s.school_id = any(?))
                        and lower(s.given_name || ' ' || s.family_name || ' ' || coalesce(s.preferred_name, '')
                                  || ' ' || s.source_id) like ?
                        order by s.family_name, s.given_name, s.id limit ?""")
                .params(me.districtId(), mayReadAll(me), reviewedSchools.toArray(String[]::new), like, limit)
                .query((rs, n) -> student(rs)).list();
    }

    public long count(long districtId) {
        return jdbc.sql("select count(*) from student where district_id = ? and active").param(districtId)
                .query(Long.class).single();
    }

    private static MediaChoice choice(String name) {
        return name == null ? null : MediaChoice.valueOf(name);
    }

    private static <T> String[] texts(List<T> rows, java.util.function.Function<T, String> field) {
        return rows.stream().map(field).toArray(String[]::new);
    }

    private static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static List<ImportProblem> sorted(List<ImportProblem> problems) {
        List<ImportProblem> copy = new ArrayList<>(problems);
        copy.sort(Comparator.comparing(ImportProblem::file).thenComparingLong(ImportProblem::line));
        return copy;
    }
}
