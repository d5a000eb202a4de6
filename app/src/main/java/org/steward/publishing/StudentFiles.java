package org.steward.publishing;

import static org.steward.staff.CsvUploads.parser;
import static org.steward.staff.CsvUploads.value;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.steward.staff.CsvUploads;
import org.steward.staff.ImportProblem;
import org.steward.staff.RosterUpload;

/**
 * Reads the students of a OneRoster 1.1 or 1.2 CSV bulk export, as separate files or one zip: {@code users.csv} and
 * {@code orgs.csv}, {@code roles.csv} in 1.2, and the classes and enrollments when the export has them. Teachers,
 * parents and the rest are left out and counted, except that a class's teachers are kept from its enrollments.
 */
final class StudentFiles {

    /** What an export holds for publishing, what is wrong with it, and how many lines were left out. */
    record Reading(String format, List<School> schools, List<Student> students, List<SchoolClass> classes,
                   List<Enrollment> enrollments, List<ImportProblem> problems, int skipped) {

        static Reading refused(String format, List<ImportProblem> problems) {
            return new Reading(format, List.of(), List.of(), List.of(), List.of(), List.copyOf(problems), 0);
        }
    }

    record School(String sourcedId, String name) {
    }

    /** A student; {@code grade} is Steward's code (PK, TK, KG, 1 to 12) or empty where the SIS gives none of them. */
    record Student(String file, long line, String sourcedId, String givenName, String familyName,
                   String preferredGivenName, String schoolId, String grade, boolean active) {
    }

    record SchoolClass(String file, long line, String sourcedId, String title, String schoolId) {
    }

    /** A student's or a teacher's place in a class; a teacher's userId is the id the staff roster knows them by. */
    record Enrollment(String file, long line, String classId, String userId, String role, boolean active) {
    }

    static final String UNKNOWN = "OneRoster";
    static final String V1_1 = "OneRoster 1.1";
    static final String V1_2 = "OneRoster 1.2";

    // OneRoster 1.1's and 1.2's roles, lower-cased: any other could be a student's, misspelt
    private static final Set<String> ROLES = Set.of("administrator", "aide", "counselor", "districtadministrator",
            "guardian", "parent", "principal", "proctor", "relative", "siteadministrator", "student",
            "systemadministrator", "teacher");

    private static final Pattern STOPPED_AT = Pattern.compile("\\(startline (\\d+)\\)|at line: (\\d+)");

    // the longest ids and names the student table keeps
    private static final int LONGEST_ID = 255;
    private static final int LONGEST_NAME = 200;

    private StudentFiles() {
    }

    static Reading read(List<RosterUpload> uploads) {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, RosterUpload> files = CsvUploads.files(uploads, problems,
                "upload the OneRoster export's .csv files, or the export as one .zip");
        if (!problems.isEmpty()) {
            return Reading.refused(UNKNOWN, problems);
        }
        for (String needed : List.of("users.csv", "orgs.csv")) {
            if (!files.containsKey(needed)) {
                problems.add(new ImportProblem(needed, 0, "missing: a OneRoster export of students needs users.csv"
                        + " and orgs.csv" + (files.isEmpty() ? "" : "; the upload has " + String.join(", ",
                        files.keySet()))));
            }
        }
        if (!problems.isEmpty()) {
            return Reading.refused(UNKNOWN, problems);
        }
        return new Export(files).read();
    }

    /** One export's files read together, since each file's rows are checked against the others'. */
    private static final class Export {

        private final Map<String, RosterUpload> files;
        private final List<ImportProblem> problems = new ArrayList<>();
        // a file that cannot be read is told once, not again as every line of the others that names what it holds
        private final Set<String> notRead = new HashSet<>();
        private int skipped;

        Export(Map<String, RosterUpload> files) {
            this.files = files;
        }

        Reading read() {
            Optional<String> declared = manifestVersion();
            Map<String, School> schools = orgs();
            Map<String, Role> roles = roles();
            Map<String, String> roleOfUser = new HashMap<>();
            List<Student> students = new ArrayList<>();
            Boolean hasRoleColumn = null;
            try (CSVParser csv = parser(files.get("users.csv"))) {
                hasRoleColumn = csv.getHeaderMap().containsKey("role");
                if (!hasRoleColumn && roles == null) {
                    notRead.add("users.csv");
                    if (!notRead.contains("roles.csv") && !notRead.contains("userprofiles.csv")) {
                        problems.add(new ImportProblem("users.csv", 1, "no role column: a OneRoster 1.2 export"
                                + " needs roles.csv beside users.csv to tell students from staff"));
                    }
                } else if (hasColumns(csv, "users.csv", "sourcedId", "givenName", "familyName")) {
                    students(csv, hasRoleColumn, roles, schools, roleOfUser, students);
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                unreadable("users.csv", e);
            }
            String format = declared.orElse(hasRoleColumn == null ? UNKNOWN : hasRoleColumn ? V1_1 : V1_2);
            Map<String, SchoolClass> classes = new LinkedHashMap<>();
            Set<String> classesLeftOut = new HashSet<>();
            classes(classes, classesLeftOut);
            List<Enrollment> enrollments = enrollments(classes.keySet(), classesLeftOut, roleOfUser);
            return new Reading(format, List.copyOf(schools.values()), List.copyOf(students),
                    List.copyOf(classes.values()), List.copyOf(enrollments), List.copyOf(problems), skipped);
        }

        /** The version manifest.csv declares, when the export has one that names 1.1 or 1.2. */
        private Optional<String> manifestVersion() {
            RosterUpload manifest = files.get("manifest.csv");
            if (manifest == null) {
                return Optional.empty();
            }
            try (CSVParser csv = parser(manifest)) {
                for (CSVRecord property : csv) {
                    if ("oneroster.version".equalsIgnoreCase(value(property, "propertyName"))) {
                        String version = value(property, "value");
                        return version.startsWith("1.2") ? Optional.of(V1_2)
                                : version.startsWith("1.1") ? Optional.of(V1_1) : Optional.empty();
                    }
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                unreadable("manifest.csv", e);
            }
            return Optional.empty();
        }

        private Map<String, School> orgs() {
            Map<String, School> schools = new LinkedHashMap<>();
            try (CSVParser csv = parser(files.get("orgs.csv"))) {
                if (hasColumns(csv, "orgs.csv", "sourcedId", "name")) {
                    for (CSVRecord org : csv) {
                        String id = value(org, "sourcedId");
                        if (!id.isEmpty()) {
                            schools.putIfAbsent(id, new School(id, value(org, "name")));
                        }
                    }
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                unreadable("orgs.csv", e);
            }
            return schools;
        }

        private record Role(String role, String orgId) {
        }

        /**
         * Each user's role in a 1.2 export, from roles.csv (or a userProfiles.csv that has roles' columns), or null
         * when the export has neither.
         */
        private Map<String, Role> roles() {
            String fileName = files.containsKey("roles.csv") ? "roles.csv" : "userprofiles.csv";
            RosterUpload file = files.get(fileName);
            if (file == null) {
                return null;
            }
            Map<String, Role> roles = new HashMap<>();
            try (CSVParser csv = parser(file)) {
                if (fileName.equals("userprofiles.csv") && !csv.getHeaderMap().containsKey("role")) {
                    return null; // 1.2's own userProfiles.csv holds application logins, not roles
                }
                if (!hasColumns(csv, fileName, "userSourcedId", "role")) {
                    return null;
                }
                for (CSVRecord role : csv) {
                    String user = value(role, "userSourcedId");
                    // a person's primary role decides; a secondary one counts when there is no primary one
                    if ("primary".equalsIgnoreCase(value(role, "roleType")) || !roles.containsKey(user)) {
                        roles.put(user, new Role(value(role, "role").toLowerCase(Locale.ROOT),
                                value(role, "orgSourcedId")));
                    }
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                unreadable(fileName, e);
            }
            return notRead.contains(fileName) ? null : roles;
        }

        private void students(CSVParser csv, boolean hasRoleColumn, Map<String, Role> roles,
                              Map<String, School> schools, Map<String, String> roleOfUser, List<Student> students) {
            String preferred = csv.getHeaderMap().containsKey("preferredGivenName") ? "preferredGivenName"
                    : "prefferedGivenName"; // the misspelling of 1.2's own sample files
            Map<String, Long> lineOf = new HashMap<>();
            for (CSVRecord user : csv) {
                long line = csv.getCurrentLineNumber();
                String id = value(user, "sourcedId");
                Role role = hasRoleColumn ? new Role(value(user, "role").toLowerCase(Locale.ROOT), "")
                        : roles.getOrDefault(id, new Role("", ""));
                if (!id.isEmpty()) {
                    roleOfUser.putIfAbsent(id, role.role());
                }
                if (role.role().isEmpty()) {
                    problems.add(new ImportProblem("users.csv", line, "no role for " + (id.isEmpty() ? "the user"
                            : id) + (hasRoleColumn ? "" : " in roles.csv") + ": a student without one would be"
                            + " left out"));
                    continue;
                }
                if (!ROLES.contains(role.role())) {
                    problems.add(new ImportProblem("users.csv", line, (id.isEmpty() ? "the user" : id) + "'s role '"
                            + role.role() + "' is not a OneRoster role: a student with it would be left out"));
                    continue;
                }
                if (!role.role().equals("student")) {
                    skipped++;
                    continue;
                }
                String school = firstOf(value(user, "primaryOrgSourcedId"));
                if (school.isEmpty()) {
                    school = firstOf(value(user, "orgSourcedIds"));
                }
                if (school.isEmpty()) {
                    school = role.orgId();
                }
                Student student = new Student("users.csv", line, id, value(user, "givenName"),
                        value(user, "familyName"), value(user, preferred), school,
                        grade(firstOf(value(user, "grades"))),
                        !"FALSE".equalsIgnoreCase(value(user, "enabledUser"))
                                && !"tobedeleted".equalsIgnoreCase(value(user, "status")));
                if (checked(student, schools, lineOf)) {
                    students.add(student);
                }
            }
        }

        private boolean checked(Student student, Map<String, School> schools, Map<String, Long> lineOf) {
            int before = problems.size();
            String who = student.sourcedId().isEmpty() ? "a student" : "student " + student.sourcedId();
            if (student.sourcedId().isEmpty()) {
                problem(student, "a student with no sourcedId: Steward knows each student by it");
            } else if (student.sourcedId().length() > LONGEST_ID) {
                problem(student, "sourcedId is longer than the " + LONGEST_ID + " characters Steward keeps");
            }
            if (student.givenName().isEmpty()) {
                problem(student, who + " has no givenName");
            }
            for (String name : List.of(student.givenName(), student.familyName(), student.preferredGivenName())) {
                if (name.length() > LONGEST_NAME) {
                    problem(student, who + " has a name longer than the " + LONGEST_NAME + " characters Steward"
                            + " keeps: " + name.substring(0, 40) + "…");
                }
            }
            if (student.schoolId().isEmpty()) {
                problem(student, who + " has no org: primaryOrgSourcedId, orgSourcedIds and the role's org are empty");
            } else if (!schools.containsKey(student.schoolId()) && !notRead.contains("orgs.csv")) {
                problem(student, who + "'s org " + student.schoolId() + " is not in orgs.csv");
            }
            if (!student.sourcedId().isEmpty()) {
                Long first = lineOf.putIfAbsent(student.sourcedId(), student.line());
                if (first != null) {
                    problem(student, "student " + student.sourcedId() + " is on line " + first + " and again on"
                            + " line " + student.line());
                }
            }
            return problems.size() == before;
        }

        private void problem(Student student, String reason) {
            problems.add(new ImportProblem(student.file(), student.line(), reason));
        }

        private void classes(Map<String, SchoolClass> classes, Set<String> leftOut) {
            RosterUpload file = files.get("classes.csv");
            if (file == null) {
                return;
            }
            Map<String, Long> lineOf = new HashMap<>();
            try (CSVParser csv = parser(file)) {
                if (!hasColumns(csv, "classes.csv", "sourcedId", "title")) {
                    return;
                }
                for (CSVRecord row : csv) {
                    long line = csv.getCurrentLineNumber();
                    String id = value(row, "sourcedId");
                    if (id.isEmpty()) {
                        problems.add(new ImportProblem("classes.csv", line, "a class with no sourcedId"));
                        continue;
                    }
                    Long first = lineOf.putIfAbsent(id, line);
                    if (first != null) {
                        problems.add(new ImportProblem("classes.csv", line, "class " + id + " is on line " + first
                                + " and again on line " + line));
                    } else if ("tobedeleted".equalsIgnoreCase(value(row, "status"))) {
                        leftOut.add(id);
                        skipped++;
                    } else {
                        classes.put(id, new SchoolClass("classes.csv", line, id, value(row, "title"),
                                value(row, "schoolSourcedId")));
                    }
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                unreadable("classes.csv", e);
            }
        }

        private List<Enrollment> enrollments(Set<String> classes, Set<String> classesLeftOut,
                                             Map<String, String> roleOfUser) {
            RosterUpload file = files.get("enrollments.csv");
            List<Enrollment> enrollments = new ArrayList<>();
            if (file == null) {
                return enrollments;
            }
            if (!files.containsKey("classes.csv")) {
                problems.add(new ImportProblem("enrollments.csv", 0, "enrollments.csv names classes, but the"
                        + " export has no classes.csv: upload both, or neither"));
                return enrollments;
            }
            try (CSVParser csv = parser(file)) {
                if (!hasColumns(csv, "enrollments.csv", "classSourcedId", "userSourcedId", "role")) {
                    return enrollments;
                }
                for (CSVRecord row : csv) {
                    long line = csv.getCurrentLineNumber();
                    String role = value(row, "role").toLowerCase(Locale.ROOT);
                    String classId = value(row, "classSourcedId");
                    String user = value(row, "userSourcedId");
                    if (!role.equals("student") && !role.equals("teacher") || classesLeftOut.contains(classId)) {
                        skipped++;
                        continue;
                    }
                    int before = problems.size();
                    if (!classes.contains(classId) && !notRead.contains("classes.csv")) {
                        problems.add(new ImportProblem("enrollments.csv", line, "class '" + classId
                                + "' is not in classes.csv"));
                    }
                    if (user.isEmpty()) {
                        problems.add(new ImportProblem("enrollments.csv", line, "no userSourcedId"));
                    } else if (role.equals("student") && !roleOfUser.containsKey(user)
                            && !notRead.contains("users.csv")) {
                        problems.add(new ImportProblem("enrollments.csv", line, "student " + user
                                + " is not in users.csv"));
                    }
                    if (problems.size() > before) {
                        continue;
                    }
                    if (role.equals("student") && !"student".equals(roleOfUser.get(user))) {
                        skipped++; // enrolled as a student, but users.csv says a teacher or a parent
                        continue;
                    }
                    enrollments.add(new Enrollment("enrollments.csv", line, classId, user, role,
                            !"tobedeleted".equalsIgnoreCase(value(row, "status"))));
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
                unreadable("enrollments.csv", e);
            }
            return enrollments;
        }

        private boolean hasColumns(CSVParser csv, String file, String... columns) {
            List<String> missing = Stream.of(columns).filter(c -> !csv.getHeaderMap().containsKey(c)).toList();
            if (!missing.isEmpty()) {
                notRead.add(file);
                problems.add(new ImportProblem(file, 1, "missing column(s) " + String.join(", ", missing)
                        + " that a OneRoster " + file + " has"));
            }
            return missing.isEmpty();
        }

        private void unreadable(String file, Exception e) {
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            // Commons CSV names the line it stopped at, and tells programmers what to do after a first sentence
            Matcher at = STOPPED_AT.matcher(message);
            long line = at.find() ? Long.parseLong(at.group(1) != null ? at.group(1) : at.group(2)) : 0;
            int stop = message.indexOf(". ");
            notRead.add(file);
            problems.add(new ImportProblem(file, line, "not a readable CSV file: "
                    + (stop < 0 ? message : message.substring(0, stop)).replaceFirst("^\\(startline \\d+\\) ", "")
                    + (cause instanceof IOException ? " (check for a quote (\") that is not closed)" : "")));
        }
    }

    /** Steward's grade code for a OneRoster grade: PK, TK, KG or 1 to 12; empty for 13, PS, UG, Other and the like. */
    static String grade(String oneRoster) {
        String grade = oneRoster.strip().toUpperCase(Locale.ROOT);
        if (grade.equals("PK") || grade.equals("TK") || grade.equals("KG")) {
            return grade;
        }
        if (grade.matches("[0-9]{1,2}")) {
            int number = Integer.parseInt(grade);
            return number >= 1 && number <= 12 ? Integer.toString(number) : "";
        }
        return "";
    }

    private static String firstOf(String list) {
        int comma = list.indexOf(',');
        return (comma < 0 ? list : list.substring(0, comma)).strip();
    }
}
