package org.steward.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.steward.SharedData;
import org.steward.staff.ImportProblem;
import org.steward.staff.RosterUpload;

/**
 * The students of a district's OneRoster export, as the records clerk imports them for publishing: their names,
 * grades and schools, their classes and teachers, and every reason an export is refused, with its file and line.
 */
class StudentFilesTest {

    /** The files of one of the shared OneRoster samples, as a person uploads them one by one. */
    static List<RosterUpload> sample(String folder) throws IOException {
        try (Stream<Path> files = Files.list(SharedData.data("oneroster/" + folder))) {
            List<RosterUpload> uploads = new ArrayList<>();
            for (Path file : files.sorted().toList()) {
                uploads.add(new RosterUpload(file.getFileName().toString(), Files.readAllBytes(file)));
            }
            return uploads;
        }
    }

    static List<RosterUpload> sample(String folder, String... names) throws IOException {
        return sample(folder).stream().filter(u -> List.of(names).contains(u.name())).toList();
    }

    static RosterUpload csv(String name, String content) {
        return new RosterUpload(name, content.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] zip(List<RosterUpload> files, String folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (RosterUpload file : files) {
                zip.putNextEntry(new ZipEntry(folder + file.name()));
                zip.write(file.content());
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    static List<String> problems(StudentFiles.Reading reading) {
        return reading.problems().stream().map(ImportProblem::toString).toList();
    }

    static final String ORGS = "sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId\n"
            + "sch-1,active,,Clovis West High School,school,CWHS,dist-1\n"
            + "sch-2,active,,Fort Washington Elementary,school,FWE,dist-1\n";
    static final String USERS_11 = "sourcedId,status,enabledUser,orgSourcedIds,role,givenName,familyName,grades\n";

    @Test
    void theFullDataSetOf11HasThreeStudentsAtTheHistoryDepartment() throws IOException {
        StudentFiles.Reading reading = StudentFiles.read(sample("Test_full_data_set"));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.format()).isEqualTo("OneRoster 1.1");
        assertThat(reading.schools()).containsExactly(
                new StudentFiles.School("org-sch-222-456", "History Department"));
        assertThat(reading.students()).containsExactly(
                new StudentFiles.Student("users.csv", 3, "usr-222-66778899", "Mary", "Jones", "",
                        "org-sch-222-456", "12", true),
                new StudentFiles.Student("users.csv", 6, "usr-222-1234561232", "mmichel", "Jones", "",
                        "org-sch-222-456", "12", true),
                new StudentFiles.Student("users.csv", 7, "usr-222-567891", "Anna", "Brown", "",
                        "org-sch-222-456", "11", true));
        // the tobedeleted History - 2 is left out, and so are its three enrollments
        assertThat(reading.classes()).containsExactly(new StudentFiles.SchoolClass("classes.csv", 2,
                "cls-222-123456", "Introduction to Physics", "org-sch-222-456"));
        // Jim Smith is enrolled in Physics as a student, but users.csv has him as a teacher: left out
        assertThat(reading.enrollments()).containsExactly(
                new StudentFiles.Enrollment("enrollments.csv", 2, "cls-222-123456", "usr-222-123456", "teacher",
                        true),
                new StudentFiles.Enrollment("enrollments.csv", 4, "cls-222-123456", "usr-222-1234561232",
                        "student", true));
        // two teachers and a parent, one class, and four enrollments
        assertThat(reading.skipped()).isEqualTo(3 + 1 + 4);
    }

    @Test
    void theOatSample11HasTwoStudentsAtTwoSchoolsWithoutGrades() throws IOException {
        StudentFiles.Reading reading = StudentFiles.read(sample("v1p1-oat-sa"));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.format()).isEqualTo("OneRoster 1.1");
        assertThat(reading.schools()).containsExactly(new StudentFiles.School("12345", "School 1"),
                new StudentFiles.School("54321", "School 2"));
        // users.csv has no grades column, only an ext_imagineLearning_studentGrade left empty
        assertThat(reading.students()).containsExactly(
                new StudentFiles.Student("users.csv", 2, "user1", "ionut", "padurariu", "", "12345", "", true),
                new StudentFiles.Student("users.csv", 3, "user2", "ionut2", "padurariu", "", "54321", "", true));
        assertThat(reading.classes()).extracting(StudentFiles.SchoolClass::sourcedId,
                StudentFiles.SchoolClass::title, StudentFiles.SchoolClass::schoolId).containsExactly(
                tuple("class1", "Class 1 title", "12345"), tuple("class2", "Class 2 title", "12345"),
                tuple("class3", "Class 3 title", "54321"));
        assertThat(reading.enrollments()).extracting(StudentFiles.Enrollment::classId,
                StudentFiles.Enrollment::userId, StudentFiles.Enrollment::role, StudentFiles.Enrollment::active)
                .containsExactly(tuple("class1", "user1", "student", true), tuple("class2", "user1", "student",
                        true), tuple("class3", "user2", "student", true));
        assertThat(reading.skipped()).isZero();
    }

    @Test
    void theFullDataSetOf12TakesItsRolesFromRolesCsvAndItsPreferredNames() throws IOException {
        StudentFiles.Reading reading = StudentFiles.read(sample("v1p2_full_dataset"));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.format()).isEqualTo("OneRoster 1.2");
        // John Doe is a teacher first and a guardian second; Thomas Jones only a site administrator
        assertThat(reading.students()).containsExactly(
                new StudentFiles.Student("users.csv", 3, "usr-222-66778899", "Mary", "Jones", "MJ",
                        "org-sch-222-456", "12", true),
                new StudentFiles.Student("users.csv", 6, "usr-222-1234561232", "mmichel", "Jones", "",
                        "org-sch-222-456", "12", true),
                new StudentFiles.Student("users.csv", 7, "usr-222-567891", "Anna", "Brown", "",
                        "org-sch-222-456", "11", true));
        assertThat(reading.enrollments()).extracting(StudentFiles.Enrollment::userId,
                StudentFiles.Enrollment::role).containsExactly(tuple("usr-222-123456", "teacher"),
                tuple("usr-222-1234561232", "student"));
        assertThat(reading.skipped()).isEqualTo(3 + 1 + 4);
    }

    @Test
    void inA12ExportTheRolesCsvDecidesWhoIsAStudent() throws IOException {
        // the same users, with John Doe's primary role made student's and Mary Jones's teacher's
        String roles = new String(sample("v1p2_full_dataset", "roles.csv").get(0).content(),
                StandardCharsets.UTF_8)
                .replace("usr-222-123456,primary,teacher", "usr-222-123456,primary,student")
                .replace("usr-222-66778899,primary,student", "usr-222-66778899,primary,teacher");
        List<RosterUpload> uploads = new ArrayList<>(sample("v1p2_full_dataset", "users.csv", "orgs.csv"));
        uploads.add(csv("roles.csv", roles));

        StudentFiles.Reading reading = StudentFiles.read(uploads);

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.students()).extracting(StudentFiles.Student::givenName,
                StudentFiles.Student::preferredGivenName).containsExactly(tuple("John", ""),
                tuple("mmichel", ""), tuple("Anna", ""));
    }

    @Test
    void a12ExportWhoseRolesAreInUserProfilesCsvAsInTheSampleIsReadToo() throws IOException {
        StudentFiles.Reading reading = StudentFiles.read(sample("v1p2_full_dataset", "users.csv", "orgs.csv",
                "userprofiles.csv"));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.format()).as("no manifest: no role column in users.csv").isEqualTo("OneRoster 1.2");
        assertThat(reading.students()).extracting(StudentFiles.Student::sourcedId)
                .containsExactly("usr-222-66778899", "usr-222-1234561232", "usr-222-567891");
    }

    @Test
    void a12ExportWithoutItsRolesIsRefused() throws IOException {
        StudentFiles.Reading reading = StudentFiles.read(sample("v1p2_full_dataset", "users.csv", "orgs.csv"));

        assertThat(problems(reading)).containsExactly("users.csv line 1: no role column: a OneRoster 1.2"
                + " export needs roles.csv beside users.csv to tell students from staff");
        assertThat(reading.students()).isEmpty();
    }

    @Test
    void aZipOfTheExportInAFolderReadsAsItsFiles() throws IOException {
        byte[] zip = zip(sample("v1p2_full_dataset"), "v1p2_full_dataset/");

        StudentFiles.Reading zipped = StudentFiles.read(List.of(new RosterUpload("Export.ZIP", zip)));

        assertThat(zipped).isEqualTo(StudentFiles.read(sample("v1p2_full_dataset")));
        assertThat(zipped.students()).hasSize(3);
    }

    @Test
    void gradesBecomeStewardsCodes() {
        assertThat(Stream.of("PK", "TK", "KG", "kg", "01", "1", "09", "10", "12")
                .map(StudentFiles::grade)).containsExactly("PK", "TK", "KG", "KG", "1", "1", "9", "10", "12");
        // grades Steward has no band for are kept empty, and are no reason to refuse an export
        assertThat(Stream.of("13", "PS", "UG", "Other", "IT", "PR", "00", "", "Grade 5", "K")
                .map(StudentFiles::grade)).allMatch(String::isEmpty);
    }

    @Test
    void aStudentsSchoolIsTheFirstOfTheirOrgsAndTheirGradeTheFirstOfTheirGrades() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv",
                USERS_11 + "s1,active,TRUE,\"sch-2,sch-1\",student,Ana,Lopez,\"05,06\"\n"
                        + "s2,tobedeleted,TRUE,sch-1,Student,Ben,Ortiz,13\n"
                        + "s3,active,FALSE,sch-1,student,Cam,Nguyen,KG\n"
                        + "t1,active,TRUE,sch-1,teacher,Dee,Park,\n"
                        + "p1,active,TRUE,sch-1,guardian,Eve,Lopez,\n")));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.students()).extracting(StudentFiles.Student::sourcedId,
                StudentFiles.Student::schoolId, StudentFiles.Student::grade, StudentFiles.Student::active)
                .containsExactly(tuple("s1", "sch-2", "5", true), tuple("s2", "sch-1", "", false),
                        tuple("s3", "sch-1", "KG", false));
        assertThat(reading.skipped()).isEqualTo(2);
    }

    @Test
    void aStudentWithoutAnIdANameOrAKnownSchoolIsRefusedLineByLine() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv",
                USERS_11 + "s1,active,TRUE,sch-1,student,Ana,Lopez,09\n"
                        + ",active,TRUE,sch-1,student,Ben,Ortiz,09\n"
                        + "s3,active,TRUE,sch-1,student,,Nguyen,09\n"
                        + "s4,active,TRUE,sch-9,student,Dee,Park,09\n"
                        + "s1,active,TRUE,sch-1,student,Ana,Lopez,10\n"
                        + "s6,active,TRUE,,student,Eve,Ruiz,09\n"
                        + "t1,active,TRUE,sch-9,teacher,Fay,Kim,\n"
                        + "s8,active,TRUE,sch-1,,Gus,Lee,09\n"
                        + "s9,active,TRUE,sch-1,pupil,Hal,Cho,09\n")));

        assertThat(problems(reading)).containsExactly(
                "users.csv line 3: a student with no sourcedId: Steward knows each student by it",
                "users.csv line 4: student s3 has no givenName",
                "users.csv line 5: student s4's org sch-9 is not in orgs.csv",
                "users.csv line 6: student s1 is on line 2 and again on line 6",
                "users.csv line 7: student s6 has no org: primaryOrgSourcedId, orgSourcedIds and the role's org"
                        + " are empty",
                "users.csv line 9: no role for s8: a student without one would be left out",
                "users.csv line 10: s9's role 'pupil' is not a OneRoster role: a student with it would be left"
                        + " out");
        // a teacher's school is the staff roster's business, not publishing's
        assertThat(reading.students()).extracting(StudentFiles.Student::line).containsExactly(2L);
    }

    @Test
    void aNameLongerThanStewardKeepsIsRefused() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv",
                USERS_11 + "s1,active,TRUE,sch-1,student,Ana,\"" + "L".repeat(201) + "\",09\n")));

        assertThat(reading.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).startsWith("student s1 has a name longer than the 200 characters");
        });
    }

    @Test
    void in12ThePrimaryRoleDecidesAndTheSchoolIsThePrimaryOrgElseTheRolesOrg() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS),
                csv("users.csv", "sourcedId,status,enabledUser,givenName,familyName,grades,preferredGivenName,"
                        + "primaryOrgSourcedId\n"
                        + "s1,active,TRUE,Alejandra,Lopez,PK,Ale,sch-2\n"
                        + "s2,active,TRUE,Benjamin,Ortiz,TK,,\n"),
                csv("roles.csv", "sourcedId,status,dateLastModified,userSourcedId,roleType,role,orgSourcedId\n"
                        + "r1,active,,s1,secondary,student,sch-1\n"
                        + "r2,active,,s2,secondary,teacher,sch-2\n"
                        + "r3,active,,s2,primary,student,sch-1\n"
                        + "r4,active,,s2,secondary,aide,sch-2\n")));

        assertThat(reading.problems()).isEmpty();
        assertThat(reading.students()).extracting(StudentFiles.Student::sourcedId,
                StudentFiles.Student::preferredGivenName, StudentFiles.Student::schoolId,
                StudentFiles.Student::grade)
                .containsExactly(tuple("s1", "Ale", "sch-2", "PK"), tuple("s2", "", "sch-1", "TK"));
    }

    static final String USERS = USERS_11 + "s1,active,TRUE,sch-1,student,Ana,Lopez,09\n"
            + "t1,active,TRUE,sch-1,teacher,Dee,Park,\n";
    static final String CLASSES = "sourcedId,status,title,schoolSourcedId\n"
            + "c1,active,Biology 1,sch-1\n"
            + "c2,tobedeleted,Chemistry 1,sch-1\n";
    static final String ENROLLMENTS = "sourcedId,status,classSourcedId,schoolSourcedId,userSourcedId,role\n";

    @Test
    void keepsStudentsAndTeachersAndTellsOfClassesAndStudentsTheExportLacks() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv", USERS),
                csv("classes.csv", CLASSES), csv("enrollments.csv", ENROLLMENTS
                        + "e1,active,c1,sch-1,s1,student\n"
                        + "e2,active,c1,sch-1,t1,teacher\n"
                        + "e3,active,c1,sch-1,t9,teacher\n"
                        + "e4,active,c9,sch-1,s1,student\n"
                        + "e5,active,c1,sch-1,s9,student\n"
                        + "e6,active,c1,sch-1,p1,guardian\n"
                        + "e7,active,c2,sch-1,s1,student\n"
                        + "e8,tobedeleted,c1,sch-1,s1,student\n")));

        assertThat(problems(reading)).containsExactly(
                "enrollments.csv line 5: class 'c9' is not in classes.csv",
                "enrollments.csv line 6: student s9 is not in users.csv");
        // a teacher need not be in users.csv: the staff roster knows them by the same id
        assertThat(reading.enrollments()).extracting(StudentFiles.Enrollment::line,
                StudentFiles.Enrollment::userId, StudentFiles.Enrollment::role, StudentFiles.Enrollment::active)
                .containsExactly(tuple(2L, "s1", "student", true), tuple(3L, "t1", "teacher", true),
                        tuple(4L, "t9", "teacher", true), tuple(9L, "s1", "student", false));
        assertThat(reading.classes()).extracting(StudentFiles.SchoolClass::title).containsExactly("Biology 1");
        // the teacher in users.csv, the tobedeleted class, the guardian's enrollment and the one in Chemistry 1
        assertThat(reading.skipped()).isEqualTo(4);
    }

    @Test
    void enrollmentsWithoutClassesAreRefused() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv", USERS),
                csv("enrollments.csv", ENROLLMENTS + "e1,active,c1,sch-1,s1,student\n")));

        assertThat(problems(reading)).containsExactly("enrollments.csv: enrollments.csv names classes, but the"
                + " export has no classes.csv: upload both, or neither");
    }

    @Test
    void aClassTwiceIsRefused() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv", USERS),
                csv("classes.csv", CLASSES + "c1,active,Biology 1 again,sch-1\n")));

        assertThat(problems(reading)).containsExactly("classes.csv line 4: class c1 is on line 2 and again on"
                + " line 4");
    }

    @Test
    void anExportWithoutUsersOrOrgsIsRefused() throws IOException {
        assertThat(problems(StudentFiles.read(sample("Test_full_data_set", "users.csv", "classes.csv"))))
                .containsExactly("orgs.csv: missing: a OneRoster export of students needs users.csv and"
                        + " orgs.csv; the upload has classes.csv, users.csv");
        assertThat(problems(StudentFiles.read(List.of()))).containsExactly(
                "users.csv: missing: a OneRoster export of students needs users.csv and orgs.csv",
                "orgs.csv: missing: a OneRoster export of students needs users.csv and orgs.csv");
    }

    @Test
    void aFileThatIsNeitherCsvNorZipIsRefused() throws IOException {
        List<RosterUpload> uploads = new ArrayList<>(sample("Test_full_data_set"));
        uploads.add(new RosterUpload("users.xlsx", new byte[] {0x50, 0x4b}));

        assertThat(problems(StudentFiles.read(uploads))).containsExactly("users.xlsx: not a CSV file: upload"
                + " the OneRoster export's .csv files, or the export as one .zip");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAtItsLine() {
        byte[] windows1252 = (USERS_11 + "s1,active,TRUE,sch-1,student,Ana,Lopez,09\n"
                + "s2,active,TRUE,sch-1,student,Jos\u00e9,Pe\u00f1a,09\n").getBytes(StandardCharsets.ISO_8859_1);

        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS),
                new RosterUpload("Users.csv", windows1252)));

        assertThat(reading.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo("users.csv");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.reason()).startsWith("the file is not UTF-8");
        });
        assertThat(reading.students()).isEmpty();
    }

    @Test
    void aQuoteNeverClosedMakesTheFileUnreadableWithoutAnEchoInTheOthers() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", ORGS.replace("Clovis West",
                "\"Clovis West")), csv("users.csv", USERS_11 + "s1,active,TRUE,sch-1,student,Ana,Lopez,09\n")));

        assertThat(problems(reading)).containsExactly("orgs.csv line 2: not a readable CSV file: EOF reached"
                + " before encapsulated token finished (check for a quote (\") that is not closed)");
    }

    @Test
    void aFileWithoutItsColumnsIsRefusedOnce() {
        StudentFiles.Reading reading = StudentFiles.read(List.of(csv("orgs.csv", "id,title\nsch-1,CWHS\n"),
                csv("users.csv", USERS_11 + "s1,active,TRUE,sch-1,student,Ana,Lopez,09\n")));

        assertThat(problems(reading)).containsExactly("orgs.csv line 1: missing column(s) sourcedId, name that"
                + " a OneRoster orgs.csv has");
    }

    @Test
    void aZipThatIsNotOneIsRefused() throws IOException {
        byte[] zip = zip(List.of(csv("users.csv", USERS_11), csv("orgs.csv", ORGS)), "");
        byte[] truncated = Arrays.copyOf(zip, 60);
        byte[] badName = zip.clone();
        byte[] name = "users.csv".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + name.length <= badName.length; i++) {
            if (Arrays.equals(badName, i, i + name.length, name, 0, name.length)) {
                badName[i] = (byte) 0xff;
            }
        }

        assertThat(StudentFiles.read(List.of(new RosterUpload("export.zip", truncated))).problems())
                .first().satisfies(p -> assertThat(p.reason()).startsWith("not a readable zip file"));
        assertThat(StudentFiles.read(List.of(new RosterUpload("export.zip", badName))).problems())
                .first().satisfies(p -> assertThat(p.reason()).startsWith("not a readable zip file"));
    }

    @Test
    void aZipThatUnpacksToMoreThanAnExportHoldsIsRefused() throws IOException {
        byte[] bomb = zip(List.of(csv("orgs.csv", ORGS), new RosterUpload("users.csv",
                new byte[(int) org.steward.staff.CsvUploads.MOST_UNPACKED_BYTES + 1])), "");
        assertThat(bomb.length).as("a small upload").isLessThan(1 << 20);

        assertThat(problems(StudentFiles.read(List.of(new RosterUpload("export.zip", bomb))))).containsExactly(
                "export.zip: the zip unpacks to more than 100 MB of CSV, more than a roster holds: nothing was"
                        + " imported");
    }

    @Test
    void anyBytesAreReadWithoutThrowingAndRefused() throws IOException {
        Random random = new Random(4040);
        byte[] export = zip(sample("v1p2_full_dataset"), "");
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(400)];
            random.nextBytes(bytes);
            // a real export with some of its bytes changed tries the zip and CSV readers further in
            byte[] damaged = export.clone();
            for (int n = 0; n < 1 + random.nextInt(8); n++) {
                damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            }
            String text = new String(bytes, StandardCharsets.US_ASCII).replaceAll("[^ -~\n]", "\"");

            assertThat(StudentFiles.read(List.of(new RosterUpload("users.csv", bytes),
                    new RosterUpload("orgs.csv", bytes))).problems()).as("bytes %d", i).isNotEmpty();
            assertThat(StudentFiles.read(List.of(new RosterUpload("export.zip", bytes))).problems())
                    .as("bytes %d", i).isNotEmpty();
            if (!text.isBlank()) { // a users.csv with no one in it is for the import to refuse
                assertThat(StudentFiles.read(List.of(csv("orgs.csv", ORGS), csv("users.csv", USERS_11 + text)))
                        .problems()).as("text %d", i).isNotEmpty();
            }
            StudentFiles.Reading reading = StudentFiles.read(List.of(new RosterUpload("export.zip", damaged)));
            assertThat(reading.students().size() + reading.problems().size()).isPositive();
        }
    }
}
