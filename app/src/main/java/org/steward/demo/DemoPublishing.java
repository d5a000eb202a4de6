package org.steward.demo;

import java.nio.charset.StandardCharsets;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.springframework.stereotype.Component;
import org.steward.districts.DistrictTime;
import org.steward.districts.Sites;
import org.steward.publishing.SchoolYear;
import org.steward.publishing.StudentImport;
import org.steward.publishing.Students;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;
import org.steward.staff.StaffMember;

/**
 * The demo's students, as its SIS would export them: a class of 24 for every teacher at the three first schools
 * (kindergarten to grade 5, 6 to 8, 9 to 12), and their parents' media-release choices for this school year and the
 * last, some not yet renewed, some changed. Names and choices come from a fixed seed.
 */
@Component
class DemoPublishing {

    static final int CLASS_SIZE = 24;
    private static final Map<String, String[]> GRADES = Map.of("LES", new String[] {"KG", "01", "02", "03", "04",
            "05"}, "WMS", new String[] {"06", "07", "08"}, "RHS", new String[] {"09", "10", "11", "12"});
    private static final String[] FIRST = {"Aiden", "Sofia", "Mateo", "Isabella", "Liam", "Camila", "Noah", "Zoe",
            "Ethan", "Valeria", "Lucas", "Mia", "Diego", "Ava", "Leo", "Chloe", "Julian", "Amara", "Ezra", "Nina",
            "Omar", "Lily", "Kai", "Rosa", "Theo", "Hana", "Elijah", "Maya", "Adrian", "Iris"};
    private static final String[] LAST = {"Alvarez", "Baker", "Castillo", "Dang", "Evans", "Fernandez", "Gupta",
            "Ho", "Ibarra", "Jimenez", "Khan", "Le", "Mendoza", "Nakamura", "Okafor", "Perez", "Quintero", "Ruiz",
            "Shah", "Tan", "Valdez", "Wong", "Yang", "Zamora"};

    private final Students students;
    private final StaffDirectory staff;
    private final Sites sites;
    private final DistrictTime time;

    DemoPublishing(Students students, StaffDirectory staff, Sites sites, DistrictTime time) {
        this.students = students;
        this.staff = staff;
        this.sites = sites;
        this.time = time;
    }

    void load(long districtId) {
        Map<Long, String> siteCode = new HashMap<>();
        sites.findByDistrictIdOrderByName(districtId).forEach(s -> siteCode.put(s.id(), s.code()));
        Random random = new Random(4042);
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,"
                + "username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,"
                + "grades,password\n");
        StringBuilder classes = new StringBuilder("sourcedId,status,dateLastModified,title,grades,courseSourcedId,"
                + "classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
        StringBuilder enrollments = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,"
                + "schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n");
        SchoolYear year = SchoolYear.containing(time.today(districtId), MonthDay.of(7, 1));
        StringBuilder choices = new StringBuilder("student_id,school_year,choice\n");
        List<StaffMember> teachers = new ArrayList<>(staff.active(districtId).stream()
                .filter(m -> "Teacher".equals(m.jobFunction()) && GRADES.containsKey(siteCode.get(m.siteId())))
                .toList());
        teachers.sort(java.util.Comparator.comparing(StaffMember::employeeId));
        int student = 0;
        int room = 1;
        for (StaffMember teacher : teachers) {
            String school = siteCode.get(teacher.siteId());
            String[] grades = GRADES.get(school);
            String grade = grades[room % grades.length];
            String classId = "cls-" + teacher.employeeId();
            String title = "Grade " + (grade.equals("KG") ? "K" : Integer.parseInt(grade)) + ", Room " + room;
            classes.append(String.join(",", classId, "active", "2026-08-01", "\"" + title + "\"", grade, "", "", "homeroom",
                    "Room " + room, school, "", "", "", "")).append('\n');
            enrollments.append(String.join(",", "enr-" + classId + "-t", "active", "2026-08-01", classId, school,
                    teacher.employeeId(), "teacher", "true", "", "")).append('\n');
            for (int i = 0; i < CLASS_SIZE; i++) {
                String id = "stu-%05d".formatted(++student);
                users.append(String.join(",", id, "active", "2026-08-01", "TRUE", school, "student", id, "",
                        FIRST[random.nextInt(FIRST.length)], LAST[random.nextInt(LAST.length)], "", id, "", "", "",
                        "", grade, "")).append('\n');
                enrollments.append(String.join(",", "enr-" + id, "active", "2026-08-01", classId, school, id,
                        "student", "false", "", "")).append('\n');
                String thisYear = choice(random, school);
                String lastYear = random.nextInt(100) < 15 ? choice(random, school) : thisYear;
                choices.append(id).append(',').append(year.previous()).append(',').append(lastYear).append('\n');
                if (random.nextInt(100) >= 8) {
                    choices.append(id).append(',').append(year).append(',').append(thisYear).append('\n');
                }
            }
            room++;
        }
        String orgs = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
                + String.join("", sites.findByDistrictIdOrderByName(districtId).stream()
                .filter(s -> GRADES.containsKey(s.code()))
                .map(s -> String.join(",", s.code(), "active", "2026-08-01", s.name(), "school", s.code(), "")
                        + "\n").toList());
        StudentImport roster = students.importRoster(districtId, List.of(upload("orgs.csv", orgs),
                upload("users.csv", users), upload("classes.csv", classes),
                upload("enrollments.csv", enrollments)), "demo-oneroster.zip", "demo");
        if (!roster.applied()) {
            throw new IllegalStateException("The demo students did not import: " + roster.problems());
        }
        StudentImport chosen = students.importChoices(districtId, upload("media-release.csv", choices), "demo");
        if (!chosen.applied()) {
            throw new IllegalStateException("The demo choices did not import: " + chosen.problems());
        }
    }

    private static String choice(Random random, String school) {
        int n = random.nextInt(100);
        if (n < 10) {
            return "none";
        }
        if (n < 20) {
            return "no photographs";
        }
        return n < ("RHS".equals(school) ? 55 : 90) ? "limited" : "full name";
    }

    private static RosterUpload upload(String name, CharSequence csv) {
        return new RosterUpload(name, csv.toString().getBytes(StandardCharsets.UTF_8));
    }
}
