package org.steward.bench;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.steward.QueryCounts;
import org.steward.StewardApplication;
import org.steward.accounts.AccountDirectory;
import org.steward.accounts.Role;
import org.steward.accounts.StewardUser;
import org.steward.approvals.Approvals;
import org.steward.districts.District;
import org.steward.districts.Districts;
import org.steward.policies.Policy;
import org.steward.policies.PolicyLibrary;
import org.steward.publishing.Audience;
import org.steward.publishing.CheckRequest;
import org.steward.publishing.CheckResult;
import org.steward.publishing.Checks;
import org.steward.publishing.PostKind;
import org.steward.publishing.PublishingSite;
import org.steward.publishing.SiteRegister;
import org.steward.publishing.StudentImport;
import org.steward.publishing.Students;
import org.steward.staff.RosterUpload;
import org.steward.staff.StaffDirectory;

/**
 * Issue 21's numbers, on the embedded PostgreSQL: a district of 60,000 students in 1,715 classes of 35 at 50 schools,
 * made as a district makes it, through the imports: its OneRoster export (orgs, users, classes, enrollments) built in
 * memory and imported, then again as the nightly import does with 1 % of the students changed; its media-release
 * choices for two school years (60,000 rows each), then this year's again with a tenth changed, twice. Each import is
 * timed once. Then the check of a class of 35 at a high school, as its teacher, through {@code Checks.check}, the
 * rendered page and the JSON API over MockMvc: {@code runs} times each after warming up, median and 95th percentile.
 * The model policy is published in three versions, and four sites are registered (three approved through the
 * approvals workflow). A benchmark, not a test: the figures go to docs/benchmarks.md.
 * {@code java ... PublishingBenchmark [students] [runs]} (60,000 and 200 unless given).
 */
public final class PublishingBenchmark {

    private static final int CLASS_SIZE = 35;
    private static final int SCHOOLS = 50; // S01 to S35 elementary (K to 5), S36 to S44 middle (6 to 8), S45 to S50 high
    private static final int WARM_UP = 50;
    private static final LocalDate ON = LocalDate.of(2026, 12, 10); // school year 2026-27
    private static final String[] FIRST = {"Aiden", "Sofia", "Mateo", "Isabella", "Liam", "Camila", "Noah", "Zoe",
            "Ethan", "Valeria", "Lucas", "Mia", "Diego", "Ava", "Leo", "Chloe", "Julian", "Amara", "Ezra", "Nina",
            "Omar", "Lily", "Kai", "Rosa", "Theo", "Hana", "Elijah", "Maya", "Adrian", "Iris"};
    private static final String[] LAST = {"Alvarez", "Baker", "Castillo", "Dang", "Evans", "Fernandez", "Gupta",
            "Ho", "Ibarra", "Jimenez", "Khan", "Le", "Mendoza", "Nakamura", "Okafor", "Perez", "Quintero", "Ruiz",
            "Shah", "Tan", "Valdez", "Wong", "Yang", "Zamora"};
    private static final String[] CHOICES = {"none", "limited", "full name", "no photographs"};

    public static void main(String[] args) throws Exception {
        int studentCount = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int classCount = (studentCount + CLASS_SIZE - 1) / CLASS_SIZE;
        SpringApplication application = new SpringApplication(StewardApplication.class);
        application.setDefaultProperties(Map.of("steward.db.ephemeral", "true", "steward.demo.enabled", "false",
                "steward.scheduling.enabled", "false", "logging.level.root", "WARN", "server.port", "0",
                "steward.audit.key", java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32))));
        try (ConfigurableApplicationContext context = application.run()) {
            JdbcClient jdbc = context.getBean(JdbcClient.class);
            Students students = context.getBean(Students.class);
            System.out.println("load average at start: " + loadAverage());
            long id = context.getBean(Districts.class).save(District.named("bench", "Bench USD", Instant.now())).id();
            jdbc.sql("insert into site (district_id, code, name) select ?, 'S' || lpad(i::text, 2, '0'), 'School ' || i"
                    + " from generate_series(1, ?) i").params(id, SCHOOLS).update();
            staff(context, id, classCount);
            PolicyLibrary policies = context.getBean(PolicyLibrary.class);
            Policy policy = policies.adoptModel(id);
            for (int version = 1; version <= 3; version++) { // revised and published again each year
                if (version > 1) {
                    policies.startDraft(id, policy.id());
                }
                policies.publish(id, policy.id(), version, "adopted");
            }

            // the SIS's OneRoster export, imported as technology services do, then as the nightly import does
            Random random = new Random(2126);
            String[][] names = new String[studentCount][];
            for (int i = 0; i < studentCount; i++) {
                names[i] = new String[] {FIRST[random.nextInt(FIRST.length)], LAST[random.nextInt(LAST.length)]};
            }
            List<RosterUpload> export = oneRoster(studentCount, classCount, names);
            System.out.printf("OneRoster export: %,d students, %,d classes, %,d bytes%n", studentCount, classCount,
                    export.stream().mapToLong(u -> u.content().length).sum());
            timeImport("OneRoster, first import (all new)", studentCount,
                    () -> students.importRoster(id, export, "oneroster.zip", "bench"));
            for (int i = 0; i < studentCount; i += 100) { // 1 % change their family name
                names[i][1] = names[i][1] + "-Ruiz";
            }
            List<RosterUpload> nightly = oneRoster(studentCount, classCount, names);
            timeImport("OneRoster, nightly import (1 % changed)", studentCount,
                    () -> students.importRoster(id, nightly, "oneroster.zip", "bench"));

            // two school years of choices, then this year's again with a tenth changed, twice
            String[] lastYear = new String[studentCount];
            String[] thisYear = new String[studentCount];
            for (int i = 0; i < studentCount; i++) {
                lastYear[i] = choice(random, i);
                thisYear[i] = random.nextInt(100) < 15 ? choice(random, i) : lastYear[i];
            }
            timeImport("choices 2025-26, first import (all new)", studentCount,
                    () -> students.importChoices(id, choices("2025-26", lastYear), "bench"));
            timeImport("choices 2026-27, first import (all new)", studentCount,
                    () -> students.importChoices(id, choices("2026-27", thisYear), "bench"));
            for (int round = 1; round <= 2; round++) {
                for (int i = round; i < studentCount; i += 10) {
                    thisYear[i] = next(thisYear[i]);
                }
                timeImport("choices 2026-27, re-import (10 % changed), " + round, studentCount,
                        () -> students.importChoices(id, choices("2026-27", thisYear), "bench"));
            }
            System.out.printf("in Steward: %,d students, %,d classes, %,d class members, %,d choices%n",
                    count(jdbc, "student", id), count(jdbc, "student_class", id),
                    jdbc.sql("select count(*) from student_class_member m join student_class c on c.id = m.class_id"
                            + " where c.district_id = ?").param(id).query(Long.class).single(),
                    count(jdbc, "student_media_choice", id));

            // a high school class's teacher, her principal, technology services, and the register's sites
            int classNumber = firstHighSchoolClass(classCount / 2);
            String teacherId = "T%05d".formatted(classNumber);
            StewardUser teacher = account(context, id, teacherId, "teacher", Role.EMPLOYEE);
            StewardUser principal = account(context, id, principalOf(classNumber), "principal", Role.EMPLOYEE);
            StewardUser technology = account(context, id, "IT001", "technology", Role.TECHNOLOGY);
            StewardUser administrator = account(context, id, "AD001", "administrator", Role.DISTRICT_ADMIN);
            SiteRegister register = context.getBean(SiteRegister.class);
            Approvals approvals = context.getBean(Approvals.class);
            long siteId = 0;
            for (int i = 1; i <= 4; i++) {
                PublishingSite site = register.register(teacher, new SiteRegister.Registration("Class site " + i,
                        i % 2 == 0 ? PublishingSite.Kind.SOCIAL_ACCOUNT : PublishingSite.Kind.WEB_SITE,
                        i % 2 == 0 ? "Instagram" : "Google Sites", "https://example.org/class" + i,
                        "Class news for families", false));
                if (i < 4) {
                    approvals.decide(id, site.approvalRequestId(), principal, true, "", "");
                    approvals.decide(id, site.approvalRequestId(), technology, true, "", "");
                }
                if (i == 1) {
                    siteId = site.id();
                }
            }
            jdbc.sql("vacuum analyze").update();

            long classId = jdbc.sql("select id from student_class where district_id = ? and source_id = ?")
                    .params(id, "cls-%05d".formatted(classNumber)).query(Long.class).single();
            Checks checks = context.getBean(Checks.class);
            CheckRequest onSite = new CheckRequest(List.of(), classId, PostKind.WORK_WITH_NAME, Audience.PUBLIC_WEB,
                    siteId, ON);
            CheckRequest classPage = new CheckRequest(List.of(), classId, PostKind.PHOTO_WITH_NAMES,
                    Audience.CLASS_PAGE, null, ON);
            CheckResult answer = checks.check(teacher, onSite);
            sane(answer);
            System.out.printf("the check: class %s (%d students, grade %s), %d allowed; %d statements a check as its"
                            + " teacher on a site, %d as an administrator%n", "cls-%05d".formatted(classNumber),
                    answer.students().size(), answer.students().get(0).grade(),
                    answer.students().stream().filter(CheckResult.StudentAnswer::allowed).count(),
                    QueryCounts.during(() -> checks.check(teacher, onSite)).size(),
                    QueryCounts.during(() -> checks.check(administrator, onSite)).size());

            MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                    .apply(SecurityMockMvcConfigurers.springSecurity()).build();
            String query = "?class=" + classId + "&kind=WORK_WITH_NAME&audience=PUBLIC_WEB&site=" + siteId + "&on=" + ON;
            // the JVM warmed up on every path the table times before any is timed, then each again before its row
            for (int i = 0; i < WARM_UP * 4; i++) {
                checks.check(teacher, onSite);
                checks.check(teacher, classPage);
                checks.check(administrator, onSite);
                mvc.perform(get("/publishing/check" + query).with(user(teacher))).andReturn();
                mvc.perform(get("/api/publishing/check" + query).with(user(teacher))).andReturn();
            }
            System.out.println();
            System.out.println("load average before the checks: " + loadAverage());
            System.out.println("| check of a class of 35 (" + runs + " runs, after " + WARM_UP * 4 + " of every row"
                    + " and " + WARM_UP + " of its own) | median | 95th | statements | bytes |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            row("`Checks.check`, its teacher, work with name on a site", runs, () -> checks.check(teacher, onSite),
                    null);
            row("`Checks.check`, its teacher, photo with names on the class page", runs,
                    () -> checks.check(teacher, classPage), null);
            row("`Checks.check`, an administrator, work with name on a site", runs,
                    () -> checks.check(administrator, onSite), null);
            row("page `GET /publishing/check`, its teacher", runs, null,
                    () -> mvc.perform(get("/publishing/check" + query).with(user(teacher))).andReturn());
            row("API `GET /api/publishing/check`, its teacher", runs, null,
                    () -> mvc.perform(get("/api/publishing/check" + query).with(user(teacher))).andReturn());
            System.out.println("load average after the checks: " + loadAverage());
            System.out.println();
            explain(context, () -> checks.check(teacher, onSite));
        }
    }

    /** 50 principals, a teacher for each class, technology services and an administrator. */
    private static void staff(ConfigurableApplicationContext context, long districtId, int classCount) {
        StringBuilder roster = new StringBuilder("employee_id,first_name,last_name,email,site,job_function,"
                + "supervisor_employee_id,hire_date,status\n");
        for (int s = 1; s <= SCHOOLS; s++) {
            roster.append("P%02d,Pat%d,Principal%d,p%d@bench.org,S%02d,Principal,,2012-08-01,active\n"
                    .formatted(s, s, s, s, s));
        }
        roster.append("IT001,Terry,Tech,it1@bench.org,S01,Technology,,2012-08-01,active\n");
        roster.append("AD001,Ada,Admin,ad1@bench.org,S01,Superintendent,,2012-08-01,active\n");
        for (int c = 0; c < classCount; c++) {
            roster.append("T%05d,First%d,Teacher%d,t%d@bench.org,%s,Teacher,%s,2015-08-01,active\n".formatted(c, c,
                    c, c, school(c), principalOf(c)));
        }
        context.getBean(StaffDirectory.class).importRoster(districtId, List.of(new RosterUpload("roster.csv",
                roster.toString().getBytes(StandardCharsets.UTF_8))), "roster.csv", "bench");
    }

    /** A class's grade, by its number: 13 grades in turn, from kindergarten to grade 12. */
    private static String grade(int classNumber) {
        int g = classNumber % 13;
        return g == 0 ? "KG" : "%02d".formatted(g);
    }

    /** A class's school: elementary for K to 5, middle for 6 to 8, high for 9 to 12. */
    private static String school(int classNumber) {
        int g = classNumber % 13;
        int round = classNumber / 13;
        int school = g <= 5 ? 1 + round % 35 : g <= 8 ? 36 + round % 9 : 45 + round % 6;
        return "S%02d".formatted(school);
    }

    private static String principalOf(int classNumber) {
        return "P" + school(classNumber).substring(1);
    }

    private static int firstHighSchoolClass(int from) {
        int c = from;
        while (c % 13 < 9) {
            c++;
        }
        return c;
    }

    private static List<RosterUpload> oneRoster(int studentCount, int classCount, String[][] names) {
        StringBuilder orgs = new StringBuilder("sourcedId,status,dateLastModified,name,type,identifier,"
                + "parentSourcedId\nD1,active,2026-08-01,Bench USD,district,D1,\n");
        for (int s = 1; s <= SCHOOLS; s++) {
            orgs.append("S%02d,active,2026-08-01,School %d,school,S%02d,D1\n".formatted(s, s, s));
        }
        StringBuilder users = new StringBuilder("sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,"
                + "username,userIds,givenName,familyName,middleName,identifier,email,sms,phone,agentSourcedIds,"
                + "grades,password\n");
        StringBuilder classes = new StringBuilder("sourcedId,status,dateLastModified,title,grades,courseSourcedId,"
                + "classCode,classType,location,schoolSourcedId,termSourcedIds,subjects,subjectCodes,periods\n");
        StringBuilder enrollments = new StringBuilder("sourcedId,status,dateLastModified,classSourcedId,"
                + "schoolSourcedId,userSourcedId,role,primary,beginDate,endDate\n");
        for (int c = 0; c < classCount; c++) {
            String classId = "cls-%05d".formatted(c);
            String teacher = "T%05d".formatted(c);
            users.append(String.join(",", teacher, "active", "2026-08-01", "TRUE", school(c), "teacher", teacher, "",
                    "First" + c, "Teacher" + c, "", teacher, "", "", "", "", "", "")).append('\n');
            classes.append(String.join(",", classId, "active", "2026-08-01", "Grade " + grade(c) + ", Room " + c,
                    grade(c), "", "", "homeroom", "Room " + c, school(c), "", "", "", "")).append('\n');
            enrollments.append(String.join(",", "enr-" + classId + "-t", "active", "2026-08-01", classId, school(c),
                    teacher, "teacher", "true", "", "")).append('\n');
        }
        for (int i = 0; i < studentCount; i++) {
            int c = i / CLASS_SIZE;
            String id = "stu-%06d".formatted(i);
            users.append(String.join(",", id, "active", "2026-08-01", "TRUE", school(c), "student", id, "",
                    names[i][0], names[i][1], "", id, "", "", "", "", grade(c), "")).append('\n');
            enrollments.append(String.join(",", "enr-" + id, "active", "2026-08-01", "cls-%05d".formatted(c),
                    school(c), id, "student", "false", "", "")).append('\n');
        }
        return List.of(upload("orgs.csv", orgs), upload("users.csv", users), upload("classes.csv", classes),
                upload("enrollments.csv", enrollments));
    }

    private static String choice(Random random, int student) {
        int n = random.nextInt(100);
        boolean high = (student / CLASS_SIZE) % 13 >= 9;
        return n < 10 ? "none" : n < 20 ? "no photographs" : n < (high ? 55 : 90) ? "limited" : "full name";
    }

    private static String next(String choice) {
        return CHOICES[(List.of(CHOICES).indexOf(choice) + 1) % CHOICES.length];
    }

    private static RosterUpload choices(String year, String[] choices) {
        StringBuilder csv = new StringBuilder("student_id,school_year,choice\n");
        for (int i = 0; i < choices.length; i++) {
            csv.append("stu-%06d".formatted(i)).append(',').append(year).append(',').append(choices[i]).append('\n');
        }
        return upload("media-release.csv", csv);
    }

    private static RosterUpload upload(String name, CharSequence csv) {
        return new RosterUpload(name, csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static void timeImport(String what, int rows, Callable<StudentImport> importing) throws Exception {
        String load = loadAverage();
        long started = System.nanoTime();
        StudentImport done = importing.call();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (!done.applied()) {
            throw new IllegalStateException(what + " was refused: " + done.problems().subList(0,
                    Math.min(5, done.problems().size())));
        }
        System.out.printf("| %s | %.2f s | %,.0f rows a second | %d added, %d changed, %d unchanged, %d left |"
                + " load %s |%n", what, seconds, rows / seconds, done.added(), done.changed(), done.unchanged(),
                done.left(), load);
    }

    private static long count(JdbcClient jdbc, String table, long districtId) {
        return jdbc.sql("select count(*) from " + table + " where district_id = ?").param(districtId)
                .query(Long.class).single();
    }

    /** The answer names a clause of the published version for each student, as the check must. */
    private static void sane(CheckResult answer) {
        if (answer.students().size() != CLASS_SIZE || answer.students().stream()
                .anyMatch(s -> s.cited() == null || s.cited().policyVersionId() == null)) {
            throw new IllegalStateException("the check answered " + answer.students().size() + " students, or cited"
                    + " no published version: " + answer.students().stream().map(s -> s.cited()).distinct().toList());
        }
    }

    private static StewardUser account(ConfigurableApplicationContext context, long districtId, String employeeId,
                                       String username, Role role) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        Map<String, Object> member = jdbc.sql("""
                select id, first_name || ' ' || last_name as name, email from staff
                 where district_id = ? and employee_id = ?""").params(districtId, employeeId).query().singleRow();
        AccountDirectory accounts = context.getBean(AccountDirectory.class);
        accounts.create(districtId, username, "quartz lantern orchard 7 ledger", (String) member.get("name"),
                (String) member.get("email"), ((Number) member.get("id")).longValue(), EnumSet.of(role));
        return (StewardUser) accounts.loadUserByUsername(username);
    }

    /** Times the service's call, or the request over MockMvc (which must answer 200), and prints a row. */
    private static void row(String what, int runs, Callable<?> service, Callable<MvcResult> request) throws Exception {
        int[] statements = new int[1];
        int[] bytes = new int[1];
        Callable<?> call = service != null ? service : () -> {
            MvcResult result = request.call();
            if (result.getResponse().getStatus() != 200) {
                throw new IllegalStateException(what + " answered " + result.getResponse().getStatus());
            }
            bytes[0] = result.getResponse().getContentAsByteArray().length;
            return result;
        };
        statements[0] = QueryCounts.during(call::call).size();
        for (int i = 0; i < WARM_UP; i++) {
            call.call();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            call.call();
            millis.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("| %s | %.2f ms | %.2f ms | %d | %s |%n", what, millis.get(runs / 2),
                millis.get((int) Math.ceil(runs * 0.95) - 1), statements[0], bytes[0] == 0 ? "" : "%,d".formatted(
                        bytes[0]));
    }

    /** Each statement of a check with the values it was given, its plan, and its time run again 50 times. */
    private static void explain(ConfigurableApplicationContext context, QueryCounts.Action check) throws Exception {
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        List<QueryCounts.Statement> ran = QueryCounts.bound(check);
        System.out.println("### the check's " + ran.size() + " statements, as its teacher on a site");
        for (QueryCounts.Statement statement : ran) {
            String sql = statement.sql().strip();
            System.out.println(sql.replaceAll("\\s+", " ") + "  -- " + statement.parameters().stream()
                    .map(p -> p instanceof Object[] array ? java.util.Arrays.toString(array) : String.valueOf(p))
                    .toList());
            if (!sql.regionMatches(true, 0, "select", 0, 6) && !sql.regionMatches(true, 0, "with", 0, 4)) {
                continue;
            }
            try {
                List<Double> millis = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    long t = System.nanoTime();
                    jdbc.query(bound(sql, statement.parameters()), (ResultSet rs) -> {
                        while (rs.next()) {
                            rs.getObject(1);
                        }
                        return null;
                    });
                    millis.add((System.nanoTime() - t) / 1e6);
                }
                Collections.sort(millis);
                System.out.printf("    run again 50 times: median %.2f ms%n", millis.get(25));
                jdbc.query(bound("explain (analyze, buffers) " + sql, statement.parameters()), (ResultSet rs) -> {
                    while (rs.next()) {
                        System.out.println("    " + rs.getString(1));
                    }
                    return null;
                });
            } catch (RuntimeException e) {
                System.out.println("    (not explained: " + e.getMessage() + ")");
            }
        }
    }

    private static org.springframework.jdbc.core.PreparedStatementCreator bound(String sql, List<Object> values) {
        return connection -> {
            PreparedStatement statement = connection.prepareStatement(sql);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            return statement;
        };
    }

    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
