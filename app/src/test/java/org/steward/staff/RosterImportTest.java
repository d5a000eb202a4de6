package org.steward.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.steward.Fixtures;
import org.steward.SharedData;
import org.steward.StewardTest;
import org.steward.districts.District;

@StewardTest
@RecordApplicationEvents
class RosterImportTest {

    static final String HEADER = "employee_id,first_name,last_name,email,site,job_function,supervisor_employee_id,"
            + "hire_date,status\n";
    /** The header as Steward's CSV files write it, ending in CRLF as RFC 4180 has it. */
    static final String CSV_HEADER = HEADER.replace("\n", "\r\n");

    @Autowired StaffDirectory directory;
    @Autowired Fixtures fixtures;
    @Autowired ApplicationEvents events;
    @Autowired org.springframework.test.web.servlet.MockMvc mvc;

    static List<RosterUpload> oneRoster(String folder, String... files) throws IOException {
        List<RosterUpload> uploads = new ArrayList<>();
        for (String file : files) {
            uploads.add(new RosterUpload(file, Files.readAllBytes(SharedData.data("oneroster/" + folder + "/" + file))));
        }
        return uploads;
    }

    @Test
    void importsTheStaffOfAOneRoster11ExportAndLeavesStudentsAndParentsOut() throws IOException {
        District district = fixtures.district("Roster Eleven");
        ImportReport report = directory.importRoster(district.id(),
                oneRoster("Test_full_data_set", "users.csv", "orgs.csv"), "oneroster 1.1", "x");

        assertThat(report.problems()).isEmpty();
        assertThat(report.format()).isEqualTo("oneroster");
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.skipped()).isEqualTo(4);
        assertThat(directory.search(district.id(), "", null, "", 10))
                .extracting(StaffDirectory.Listing::fullName, StaffDirectory.Listing::siteName,
                        StaffDirectory.Listing::jobFunction)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("John Doe", "History Department", "Teacher"),
                        org.assertj.core.groups.Tuple.tuple("Jim Smith", "History Department", "Teacher"));
    }

    @Test
    void importsAOneRoster12ExportWhoseRolesAreInRolesCsv() throws IOException {
        District district = fixtures.district("Roster Twelve");
        ImportReport report = directory.importRoster(district.id(),
                oneRoster("v1p2_full_dataset", "users.csv", "orgs.csv", "roles.csv", "manifest.csv"), "1.2", "x");

        assertThat(report.problems()).isEmpty();
        assertThat(report.created()).isEqualTo(3);
        assertThat(directory.search(district.id(), "Thomas", null, "", 10).get(0).jobFunction())
                .isEqualTo("Site administrator");
    }

    @Test
    void aOneRoster12ExportWithoutRolesCsvIsRefusedWithTheReason() throws IOException {
        District district = fixtures.district("Roster No Roles");
        ImportReport report = directory.importRoster(district.id(),
                oneRoster("v1p2_full_dataset", "users.csv", "orgs.csv"), "1.2", "x");
        assertThat(report.applied()).isFalse();
        assertThat(report.problems().get(0).reason()).contains("roles.csv");
        assertThat(directory.count(district.id())).isZero();
    }

    @Test
    void anExportWithOnlyStudentsImportsNobodyAndSaysWhy() throws IOException {
        District district = fixtures.district("Roster Students");
        ImportReport report = directory.importRoster(district.id(),
                oneRoster("v1p1-oat-sa", "users.csv", "orgs.csv"), "oat", "x");
        assertThat(report.applied()).isFalse();
        assertThat(report.problems().get(0).reason()).contains("no staff").contains("2 students");
    }

    @Test
    void reimportingTheSameFileChangesNothing() throws IOException {
        District district = fixtures.district("Roster Again");
        List<RosterUpload> files = oneRoster("Test_full_data_set", "users.csv", "orgs.csv");
        directory.importRoster(district.id(), files, "first", "x");
        var before = directory.search(district.id(), "", null, "", 10);

        ImportReport again = directory.importRoster(district.id(), files, "second", "x");

        assertThat(again.created()).isZero();
        assertThat(again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(2);
        assertThat(directory.search(district.id(), "", null, "", 10)).isEqualTo(before);
    }

    @Test
    void aBadFileChangesNothingAndEveryBadRowIsReportedWithItsLineAndReason() {
        District district = fixtures.district("Roster Errors");
        fixtures.roster(district, HEADER + "K1,Kim,Keeper,kim@x.org,LES,Principal,,2001-01-01,active\n");

        String bad = HEADER
                + "A1,Ann,Able,ann@x.org,LES,Teacher,K1,2020-08-01,active\n"     // line 2: fine
                + "A2,,Baker,bob@x.org,LES,Teacher,K1,2020-08-01,active\n"       // line 3: missing first name
                + "A1,Ann,Again,ann2@x.org,LES,Teacher,K1,2020-08-01,active\n"   // line 4: duplicate id
                + "A3,Cy,Cole,cy@x.org,LES,Teacher,ZZ9,2020-08-01,active\n"      // line 5: unknown supervisor
                + "A4,Di,Dunn,not-an-email,LES,Teacher,K1,2020-08-01,active\n"   // line 6: bad email
                + "A5,Ed,Eng,ed@x.org,LES,Teacher,K1,2020-13-45,active\n"        // line 7: bad date
                + "A6,Flo,Fay,flo@x.org,XYZ,Teacher,K1,2020-08-01,active\n"      // line 8: unknown site
                + "A7,Gus,Gee,gus@x.org,LES,Teacher,A8,2020-08-01,active\n"      // line 9: cycle A7 -> A8 -> A7
                + "A8,Hal,Hue,hal@x.org,LES,Teacher,A7,2020-08-01,active\n";

        ImportReport report = fixtures.roster(district, bad);

        assertThat(report.applied()).isFalse();
        assertThat(report.problems()).extracting(ImportProblem::line, ImportProblem::reason)
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(3L, "missing first name"))
                .anySatisfy(p -> assertThat(p.toList().get(1).toString()).contains("duplicate employee id A1")
                        .contains("line 2"))
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(5L, "unknown supervisor ZZ9"))
                .anySatisfy(p -> assertThat(p.toList()).containsExactly(6L, "bad email 'not-an-email'"))
                .anySatisfy(p -> assertThat(p.toList().get(1).toString()).contains("2020-13-45"))
                .anySatisfy(p -> assertThat(p.toList().get(1).toString()).contains("unknown site 'XYZ'"))
                .anySatisfy(p -> assertThat(p.toList().get(1).toString()).contains("supervisor cycle: A7 → A8 → A7"));
        assertThat(report.problems()).anySatisfy(p -> assertThat(p.line()).isEqualTo(7));
        assertThat(directory.count(district.id())).isEqualTo(1);
    }

    @Test
    void aWrongKindOfFileGetsAClearMessage() {
        District district = fixtures.district("Roster Pdf");
        ImportReport report = directory.importRoster(district.id(),
                List.of(new RosterUpload("roster.pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8))), "roster.pdf",
                "x");
        assertThat(report.problems()).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("not a CSV file"));
    }

    @Test
    void aSmallZipThatUnpacksToAHugeUsersCsvIsRefusedBeforeItFillsTheMemory() throws IOException {
        District district = fixtures.district("Roster Bomb");
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream out = new java.util.zip.ZipOutputStream(zip)) {
            out.putNextEntry(new java.util.zip.ZipEntry("orgs.csv"));
            out.write("sourcedId,name,type\n".getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new java.util.zip.ZipEntry("users.csv"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i <= 100; i++) {
                out.write(zeros);
            }
        }
        assertThat(zip.size()).as("a small upload").isLessThan(1 << 20);

        ImportReport report = directory.importRoster(district.id(),
                List.of(new RosterUpload("export.zip", zip.toByteArray())), "export.zip", "x");

        assertThat(report.problems()).singleElement().satisfies(p -> assertThat(p.reason())
                .isEqualTo("the zip unpacks to more than 100 MB of CSV, more than a roster holds: nothing was imported"));
        assertThat(directory.count(district.id())).isZero();
    }

    @Test
    void aLatin1RosterIsRefusedWithTheLineThatIsNotUtf8InsteadOfBeingReadWithReplacementCharacters() {
        District district = fixtures.district("Roster Latin");
        byte[] latin1 = (HEADER + "J1,José,Núñez,jose@x.org,LES,Teacher,,2019-08-01,active\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        ImportReport report = directory.importRoster(district.id(), List.of(new RosterUpload("roster.csv", latin1)),
                "roster.csv", "x");

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.reason()).startsWith("the file is not UTF-8");
        });
        assertThat(directory.count(district.id())).isZero();
    }

    @Test
    void separatingAnEmployeeIsFinalAndTellsTheOtherModules() {
        District district = fixtures.district("Roster Leaves");
        fixtures.roster(district, HEADER + "L1,Lee,Leaver,lee@x.org,RHS,Teacher,,2019-08-01,active\n");
        long id = directory.search(district.id(), "L1", null, "", 1).get(0).id();

        directory.separate(district.id(), id, LocalDate.of(2026, 11, 20), "resigned");

        assertThat(directory.find(district.id(), id).orElseThrow().status()).isEqualTo(StaffStatus.SEPARATED);
        assertThat(events.stream(StaffSeparated.class))
                .contains(new StaffSeparated(district.id(), id, "L1", LocalDate.of(2026, 11, 20)));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> directory.separate(district.id(), id, LocalDate.of(2026, 11, 21), "again"))
                .hasMessageContaining("already separated");
    }

    @Test
    void aStewardCsvNamesASiteByItsCodeOrByItsNameAndAnUnknownOneListsBoth() {
        District district = fixtures.district("Roster Site Names");
        ImportReport report = fixtures.roster(district, HEADER
                + "S1,Sam,Code,sam@x.org,rhs,Teacher,,2020-08-01,active\n"
                + "S2,Sue,Name,sue@x.org,Lincoln Elementary,Teacher,,2020-08-01,active\n"
                + "S3,Sid,Case,sid@x.org,  roosevelt high ,Teacher,,2020-08-01,active\n");
        assertThat(report.problems()).isEmpty();
        assertThat(directory.search(district.id(), "", null, "", 10)).extracting(StaffDirectory.Listing::employeeId,
                StaffDirectory.Listing::siteName).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("S1", "Roosevelt High"),
                org.assertj.core.groups.Tuple.tuple("S2", "Lincoln Elementary"),
                org.assertj.core.groups.Tuple.tuple("S3", "Roosevelt High"));

        ImportReport refused = fixtures.roster(district, HEADER
                + "S4,Sal,Lost,sal@x.org,Washington Middle,Teacher,,2020-08-01,active\n");
        assertThat(refused.problems()).singleElement().satisfies(p -> assertThat(p.toString()).contains(
                "line 2: unknown site 'Washington Middle'; the district's sites are LES (Lincoln Elementary), "
                        + "RHS (Roosevelt High)"));
    }

    @Test
    void theRosterExportIsInTheImportsColumnsAndImportingItBackChangesNothing() throws Exception {
        District district = fixtures.district("Roster Export");
        fixtures.roster(district, HEADER
                + "P1,Pat,Principal,pat@x.org,LES,Principal,,2015-08-01,active\n"
                + "T1,\"=HYPERLINK(\"\"http://x\"\")\",Alvarez,,Lincoln Elementary,\"Counselor, K-8\",P1,,active\n"
                + "X1,Old,Timer,old@x.org,RHS,Teacher,P1,2001-08-01,separated\n");
        org.steward.accounts.StewardUser hr = fixtures.user(district, org.steward.accounts.Role.HR);

        var response = mvc.perform(get("/staff/import/roster.csv").with(user(hr))).andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")))
                .andReturn().getResponse();
        String csv = response.getContentAsString(StandardCharsets.UTF_8);
        assertThat(csv.lines()).containsExactly(HEADER.strip(),
                "P1,Pat,Principal,pat@x.org,LES,Principal,,2015-08-01,active",
                "T1,\"'=HYPERLINK(\"\"http://x\"\")\",Alvarez,,LES,\"Counselor, K-8\",P1,,active", // shown, not run
                "X1,Old,Timer,old@x.org,RHS,Teacher,P1,2001-08-01,separated");

        ImportReport again = directory.importRoster(district.id(), List.of(new RosterUpload("roster.csv",
                response.getContentAsByteArray())), "roster.csv", "x");
        assertThat(again.problems()).isEmpty();
        assertThat(again.created() + again.updated()).isZero();
        assertThat(again.unchanged()).isEqualTo(3);
        assertThat(directory.search(district.id(), "T1", null, "", 1).get(0).firstName())
                .isEqualTo("=HYPERLINK(\"http://x\")");

        org.steward.staff.StaffMember pat = directory.find(district.id(),
                directory.search(district.id(), "P1", null, "", 1).get(0).id()).orElseThrow();
        mvc.perform(get("/staff/import/roster.csv").with(user(fixtures.account(district, pat,
                org.steward.accounts.Role.SUPERVISOR)))).andExpect(status().isForbidden());
        mvc.perform(get("/staff/import/roster.csv").with(user(fixtures.user(fixtures.district("Roster Other"),
                org.steward.accounts.Role.HR)))).andExpect(content().string(CSV_HEADER)); // another district's: nobody
    }

    @Test
    void theImportPageSaysItMergesAndOffersTheTemplate() throws Exception {
        District district = fixtures.district("Roster Template");
        org.steward.accounts.StewardUser hr = fixtures.user(district, org.steward.accounts.Role.HR);
        String page = mvc.perform(get("/staff/import").with(user(hr))).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("merges").contains("leaves out are kept as they are")
                .contains("/staff/import/template.csv").contains("code or its name");
        mvc.perform(get("/staff/import/template.csv").with(user(hr))).andExpect(status().isOk())
                .andExpect(content().contentType("text/csv;charset=UTF-8")).andExpect(content().string(CSV_HEADER));
    }
}
